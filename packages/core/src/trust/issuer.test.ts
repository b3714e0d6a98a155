import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { isIssuerId, issuerId, parseIssuerId } from './issuer.js';

describe('issuer ids', () => {
  it.each([
    ['uscc:91350100M000100Y43', true],
    ['uscc:91441300MA4W000719', true],
    ['gln:9521141000007', true],
    ['uscc:91350100M000100Y44', false], // wrong check character
    ['gln:9521141000008', false], // wrong check digit
    ['uscc:91350100m000100y43', false], // lower case
    ['USCC:91350100M000100Y43', false],
    ['91350100M000100Y43', false],
    ['gln:952114100000', false],
    ['did:web:example.com', false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isIssuerId(value)).toBe(expected);
  });

  it('names a party by its unified social credit code, else its GLN', () => {
    expect(issuerId({ uscc: '91350100M000100Y43', gln: '9521141000007' })).toBe('uscc:91350100M000100Y43');
    expect(issuerId({ gln: '9521141000007' })).toBe('gln:9521141000007');
    expectSuyuanError(() => issuerId({}), 'CODE_FORMAT');
    expectSuyuanError(() => parseIssuerId('uscc:91350100M000100Y44'), 'CODE_FORMAT', { received: 'uscc:91350100M000100Y44' });
  });
});
