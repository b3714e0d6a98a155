/**
 * GS1's rules for which AIs go together: every `req=` attribute needs one of its alternatives present,
 * and no AI may appear alongside one its `ex=` attribute excludes (an AI never excludes itself).
 */
import { SuyuanError } from '../errors.js';
import { lookupAi, matchesAiPattern } from './syntax-dictionary.js';

function present(ais: readonly string[], pattern: string): boolean {
  return ais.some((ai) => matchesAiPattern(ai, pattern));
}

/**
 * Throws `CODE_AI_REQUIRED` or `CODE_AI_EXCLUSIVE` when the set of AIs breaks a pairing rule.
 * `positions[i]`, when given, is where `elements[i]` starts in the caller's input; the error then
 * points at the AI whose rule is broken.
 */
export function checkAssociations(elements: readonly { ai: string }[], positions?: readonly number[]): void {
  const ais = elements.map((e) => e.ai);
  const at = (ai: string): { position: number } | Record<string, never> => {
    const position = positions?.[ais.indexOf(ai)];
    return position === undefined ? {} : { position };
  };
  for (const ai of new Set(ais)) {
    const definition = lookupAi(ai);
    if (!definition) continue;
    for (const pattern of definition.excludes) {
      const clash = ais.find((other) => other !== ai && matchesAiPattern(other, pattern));
      if (clash) {
        throw new SuyuanError('CODE_AI_EXCLUSIVE', `AI (${ai}) ${definition.title} may not appear together with AI (${clash}).`, {
          ai,
          ...at(ai),
          received: clash,
        });
      }
    }
    for (const requirement of definition.requires) {
      if (!requirement.some((alternative) => alternative.every((pattern) => present(ais, pattern)))) {
        const expected = requirement.map((alternative) => alternative.map((p) => `(${p})`).join('+')).join(' or ');
        throw new SuyuanError('CODE_AI_REQUIRED', `AI (${ai}) ${definition.title} requires ${expected}.`, { ai, ...at(ai), expected });
      }
    }
  }
}
