import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as vocabulary from './vocabulary.js';

const schema = JSON.parse(readFileSync(new URL('../../standards/epcis/EPCIS-JSON-Schema.json', import.meta.url), 'utf8'));
const fromSchema = (name: string): string[] => schema.definitions[name].anyOf.find((a: { enum?: string[] }) => a.enum).enum;

describe('CBV vocabularies', () => {
  it.each([
    ['BIZ_STEPS', 'bizStep'],
    ['DISPOSITIONS', 'disposition'],
    ['BIZ_TRANSACTION_TYPES', 'bizTransaction-type'],
    ['SOURCE_DESTINATION_TYPES', 'source-dest-type'],
    ['ERROR_REASONS', 'error-reason'],
    ['MEASUREMENT_TYPES', 'measurementType'],
    ['SENSOR_ALERT_TYPES', 'sensorAlertType'],
    ['SENSOR_COMPONENTS', 'component'],
  ])('%s equals the EPCIS 2.0 JSON Schema list %s', (name, definition) => {
    expect([...(vocabulary as unknown as Record<string, string[]>)[name]!]).toEqual(fromSchema(definition));
  });
});
