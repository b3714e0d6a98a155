/**
 * The `fields` of each scheme's parsed code, by scheme id. A user registering their own scheme adds
 * its fields by declaration merging:
 *
 * ```ts
 * declare module '@suyuan/core' {
 *   interface SchemeFields { 'acme-lot': { lot: string } }
 * }
 * ```
 */
import type { CasFields } from './schemes/cas.js';
import type { DetonatorFields } from './schemes/cn-detonator.js';
import type { DrugStandardFields } from './schemes/cn-drug-standard.js';
import type { DrugTraceFields } from './schemes/cn-drug-trace.js';
import type { EquipmentCodeFields } from './schemes/cn-equipment-code.js';
import type { EquipmentRegistrationFields } from './schemes/cn-equipment-registration.js';
import type { FireProductFields } from './schemes/cn-fire-product.js';
import type { PesticideFields } from './schemes/cn-pesticide.js';
import type { SeedLabelFields } from './schemes/cn-seed-label.js';
import type { UdiMaFields } from './schemes/cn-udi-ma.js';
import type { UsccFields } from './schemes/cn-uscc.js';
import type { VetDrugFields } from './schemes/cn-vet-drug.js';
import type { EcodeFields } from './schemes/ecode.js';
import type { Gs1CodeFields } from './schemes/gs1.js';
import type { IdisFields } from './schemes/idis.js';
import type { MaIdcodeFields } from './schemes/ma-idcode.js';
import type { UnNumberFields } from './schemes/un-number.js';
import type { UrlFields } from './schemes/url.js';

export interface SchemeFields {
  gs1: Gs1CodeFields;
  'cn-drug-trace': DrugTraceFields;
  'cn-drug-standard': DrugStandardFields;
  'cn-udi-ma': UdiMaFields;
  'cn-pesticide': PesticideFields;
  'cn-vet-drug': VetDrugFields;
  'cn-seed-label': SeedLabelFields;
  'cn-equipment-code': EquipmentCodeFields;
  'cn-equipment-registration': EquipmentRegistrationFields;
  'cn-fire-product': FireProductFields;
  'cn-detonator': DetonatorFields;
  'un-number': UnNumberFields;
  cas: CasFields;
  'cn-uscc': UsccFields;
  idis: IdisFields;
  'ma-idcode': MaIdcodeFields;
  ecode: EcodeFields;
  url: UrlFields;
  unknown: Record<string, never>;
}
