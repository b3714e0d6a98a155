/** `@suyuan/core/gs1`: GS1 application identifiers, element strings, Digital Link, scan data, EPC URNs. */
export { parseElementString, tryParseElementString, parseElementStringWithChecks, formatElementString, MAX_ELEMENT_STRING_LENGTH } from './element-string.js';
export type { ElementStringOptions, FormatElementStringOptions, Gs1Element, ParsedElementString } from './element-string.js';
export {
  parseDigitalLink,
  tryParseDigitalLink,
  parseDigitalLinkWithChecks,
  buildDigitalLink,
  looksLikeDigitalLink,
  percentEncode,
  percentDecode,
  DEFAULT_DIGITAL_LINK_STEM,
  DIGITAL_LINK_SHORT_NAMES,
} from './digital-link.js';
export type { BuildDigitalLinkOptions, DigitalLinkOptions, ParsedDigitalLink } from './digital-link.js';
export { parseScanData, tryParseScanData } from './scan-data.js';
export type { ScanData, ScanDataOptions, Symbology } from './scan-data.js';
export { parseEpcUrn, tryParseEpcUrn, epcUrnToDigitalLink, elementsToEpcUrn, digitalLinkToEpcUrn, escapeUrnComponent } from './epc-urn.js';
export type { EpcScheme, ParsedEpcUrn, ToEpcUrnOptions } from './epc-urn.js';
export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, isValidGln, isValidSscc, toGtin14, gs1CheckCharacters } from './check-digit.js';
export { lookupAi, listAis, aiLengthForPrefix, matchesAiPattern, SYNTAX_DICTIONARY_RELEASE } from './syntax-dictionary.js';
export type { AiComponent, AiDefinition, CharacterSet } from './syntax-dictionary.js';
export { validateAiValue } from './ai-value.js';
export { checkAssociations } from './associations.js';
export { LINTERS, runLinter } from './linters.js';
export type { Linter, LintFailure } from './linters.js';
export { CSET82, CSET39, CSET64, CSET32 } from './character-sets.js';
