/**
 * Validates one AI's value against GS1's specification of it: the components' character sets and
 * lengths, then each component's syntax tests (linters), exactly as the syntax dictionary lists them.
 */
import type { Check } from '../checks.js';
import { SuyuanError, excerpt } from '../errors.js';
import { CHARACTER_SET_NAMES, firstInvalidCharacter } from './character-sets.js';
import { runLinter } from './linters.js';
import type { AiDefinition } from './syntax-dictionary.js';

/**
 * Throws a `SuyuanError` when `value` is not a valid value of `definition.ai`; `offset` is the value's
 * position in the caller's input, so errors point at the right character. When the input wrote the
 * value with escapes (`\(` in a bracketed element string), `offset` may instead map an index in
 * `value` to its position in the input. Passed and not-run checks are appended to `checks` when given.
 */
export function validateAiValue(
  definition: AiDefinition,
  value: string,
  offset: number | ((index: number) => number) = 0,
  checks?: Check[],
): void {
  const { ai } = definition;
  const at = typeof offset === 'number' ? (index: number) => offset + index : offset;
  if (value.length < definition.minLength || value.length > definition.maxLength) {
    const expected =
      definition.minLength === definition.maxLength
        ? `${definition.maxLength} characters`
        : `${definition.minLength} to ${definition.maxLength} characters`;
    throw new SuyuanError(
      'CODE_LENGTH',
      `AI (${ai}) ${definition.title} must have ${expected}, got ${value.length}.`,
      { ai, position: at(Math.min(value.length, definition.maxLength)), expected, received: value },
    );
  }
  let start = 0;
  for (const component of definition.components) {
    if (start >= value.length) {
      if (component.optional) break;
      // Unreachable when the total length is valid, kept as a guard for malformed tables.
      throw new SuyuanError('CODE_LENGTH', `AI (${ai}) is missing a mandatory component.`, { ai, position: at(start) });
    }
    const length = component.minLength === component.maxLength ? component.maxLength : value.length - start;
    const end = Math.min(value.length, start + length);
    if (end - start < component.minLength) {
      throw new SuyuanError(
        'CODE_LENGTH',
        `AI (${ai}) ${definition.title}: a component needs ${component.minLength} characters, got ${end - start}.`,
        { ai, position: at(end), expected: `${component.minLength} characters`, received: value },
      );
    }
    const bad = firstInvalidCharacter(value, component.characterSet, start, end);
    if (bad >= 0) {
      throw new SuyuanError(
        'CODE_CHARSET',
        `AI (${ai}) ${definition.title}: character ${excerpt(value[bad]!)} at position ${at(bad)} is not allowed; expected ${CHARACTER_SET_NAMES[component.characterSet]}.`,
        { ai, position: at(bad), expected: CHARACTER_SET_NAMES[component.characterSet], received: value[bad]! },
      );
    }
    const data = start === 0 && end === value.length ? value : value.slice(start, end);
    for (const linter of component.linters) {
      const outcome = runLinter(linter, data);
      if (outcome === 'not-checked') {
        checks?.push({ check: linter, ai, status: 'not-checked', note: 'this syntax test is not available' });
        continue;
      }
      if (outcome !== null) {
        throw new SuyuanError(outcome.code, `AI (${ai}) ${definition.title}: ${outcome.message}`, {
          ai,
          position: at(start + outcome.offset),
          linter,
          gs1Error: outcome.gs1Error,
          received: value,
        });
      }
      checks?.push({ check: linter, ai, status: 'passed' });
    }
    start = end;
  }
}
