/**
 * The registry of code schemes `parseCode` consults, in precedence order within each level of
 * evidence. The built-in schemes come first; a user adds their own with `registerCodeScheme`.
 */
import { SuyuanError } from '../errors.js';
import type { SchemeFields } from './fields.js';
import type { CodeScheme } from './scheme.js';
import { cas } from './schemes/cas.js';
import { cnDetonator } from './schemes/cn-detonator.js';
import { cnDrugStandard } from './schemes/cn-drug-standard.js';
import { cnDrugTrace } from './schemes/cn-drug-trace.js';
import { cnEquipmentCode } from './schemes/cn-equipment-code.js';
import { cnEquipmentRegistration } from './schemes/cn-equipment-registration.js';
import { cnFireProduct } from './schemes/cn-fire-product.js';
import { cnPesticide } from './schemes/cn-pesticide.js';
import { cnSeedLabel } from './schemes/cn-seed-label.js';
import { cnUdiMa } from './schemes/cn-udi-ma.js';
import { cnUscc } from './schemes/cn-uscc.js';
import { cnVetDrug } from './schemes/cn-vet-drug.js';
import { ecode } from './schemes/ecode.js';
import { gs1 } from './schemes/gs1.js';
import { idis } from './schemes/idis.js';
import { maIdcode } from './schemes/ma-idcode.js';
import { unNumber } from './schemes/un-number.js';
import { url } from './schemes/url.js';

type AnyScheme = CodeScheme<keyof SchemeFields>;

/**
 * Built-in schemes. Order matters only between readings of equal evidence: the more specific scheme
 * comes first (a national drug standard code before the GTIN-14 it also is; a 20-digit drug trace
 * code before an equipment registration code starting with 8).
 */
export const BUILT_IN_SCHEMES: readonly AnyScheme[] = [
  cnUdiMa,
  maIdcode,
  idis,
  cnSeedLabel,
  unNumber,
  cnDrugStandard,
  gs1,
  cnUscc,
  cas,
  cnDrugTrace,
  cnPesticide,
  cnVetDrug,
  cnEquipmentRegistration,
  cnEquipmentCode,
  cnFireProduct,
  cnDetonator,
  ecode,
  url,
] as AnyScheme[];

/** A set of schemes to read codes with. `parseCode` uses the default registry unless given another. */
export class CodeSchemeRegistry {
  readonly #schemes: AnyScheme[];

  constructor(schemes: readonly AnyScheme[] = BUILT_IN_SCHEMES) {
    this.#schemes = [];
    for (const scheme of schemes) this.register(scheme);
  }

  /**
   * Adds a scheme. By default it is consulted after the built-in ones (within equal evidence);
   * `{ first: true }` puts it before them.
   */
  register<S extends keyof SchemeFields>(scheme: CodeScheme<S>, options: { first?: boolean } = {}): this {
    if (!scheme || typeof scheme.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(scheme.id) || typeof scheme.read !== 'function') {
      throw new SuyuanError('CODE_SCHEME_REGISTRY', 'A code scheme needs an id of lower-case letters, digits and hyphens, and a read function.', {
        received: String((scheme as { id?: unknown } | undefined)?.id),
      });
    }
    if (scheme.id === 'unknown' || this.get(scheme.id)) {
      throw new SuyuanError('CODE_SCHEME_REGISTRY', `A code scheme with id "${scheme.id}" is already registered.`, { scheme: scheme.id });
    }
    if (options.first) this.#schemes.unshift(scheme as unknown as AnyScheme);
    else this.#schemes.push(scheme as unknown as AnyScheme);
    return this;
  }

  get(id: string): AnyScheme | undefined {
    return this.#schemes.find((scheme) => scheme.id === id);
  }

  list(): readonly AnyScheme[] {
    return [...this.#schemes];
  }
}

/** The registry `parseCode` uses by default. */
export const defaultCodeSchemes = new CodeSchemeRegistry();

/** Adds a scheme to the default registry (see `CodeSchemeRegistry.register`). */
export function registerCodeScheme<S extends keyof SchemeFields>(scheme: CodeScheme<S>, options: { first?: boolean } = {}): void {
  defaultCodeSchemes.register(scheme, options);
}
