/**
 * Suyuan's extension fields, under one JSON-LD namespace (`suyuan:` →
 * `https://suyuan.dev/ns/trace/v1#`): what China's product categories need on top of EPCIS 2.0 —
 * the category profile, the responsible parties (by unified social credit code), licences and
 * approval numbers, certificates, inspection results, documents by digest, chain links to earlier
 * records, and the salted digests of fields kept secret.
 */
import { z } from 'zod';
import { isValidUscc } from '../codes/schemes/cn-uscc.js';
import { isValidGln } from '../gs1/check-digit.js';
import { Timestamp, Uri } from './event.js';

export const SUYUAN_NAMESPACE = 'https://suyuan.dev/ns/trace/v1#';
export const SUYUAN_PREFIX = 'suyuan';

/** The JSON-LD context entry that declares the Suyuan namespace. */
export const SUYUAN_CONTEXT = { [SUYUAN_PREFIX]: SUYUAN_NAMESPACE } as const;

/** The eight product categories of the traceability plan (追溯产品分工表). */
export const CATEGORIES = [
  'edible-agricultural', // 食用农产品: meat, vegetables, Chinese medicinal herbs
  'food', // 食品: infant formula, rice, meat products, dairy, edible oil, liquor
  'drug', // 药品: preparations, decoction pieces
  'agricultural-input', // 农业生产资料: pesticides, veterinary drugs, feed, fertiliser, seeds
  'special-equipment', // 特种设备: elevators, gas cylinders, fire-control equipment
  'hazardous-goods', // 危险品: civil explosives, fireworks, precursor and highly toxic chemicals
  'rare-earth', // 稀土产品
  'import-export', // 进出口产品: imported food, exported agricultural products and feed
] as const;
export type Category = (typeof CATEGORIES)[number];

const UsccCode = z.string().refine(isValidUscc, 'expected a unified social credit code with a correct check character');
const GlnCode = z.string().refine(isValidGln, 'expected a 13-digit GLN with a correct check digit');
const Text = z.string().trim().min(1).max(500);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** `sha-256:<64 hex>` (or sha-384 / sha-512), the digest of a document's bytes. */
export const Digest = z.string().regex(/^sha-(256:[0-9a-f]{64}|384:[0-9a-f]{96}|512:[0-9a-f]{128})$/, 'expected sha-256:<64 lower-case hex digits>');

/** The CBV 2.0 event hash of a record: `ni:///sha-256;<64 hex>?ver=CBV2.0`. */
export const EventHashUri = z.string().regex(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/, 'expected an event hash ni:///sha-256;…?ver=CBV2.0');

export const PARTY_ROLES = [
  'producer', 'grower', 'breeder', 'slaughterer', 'processor', 'manufacturer', 'packer', 'distributor', 'wholesaler',
  'retailer', 'importer', 'exporter', 'carrier', 'warehouse', 'inspector', 'certifier', 'user', 'owner', 'maintainer',
  'disposer', 'marketplace', 'regulator',
] as const;

/** A responsible party: a Chinese enterprise by unified social credit code, a foreign one by GLN. */
export const Party = z
  .strictObject({
    uscc: UsccCode.optional(),
    gln: GlnCode.optional(),
    name: Text,
    role: z.enum(PARTY_ROLES),
  })
  .refine((party) => party.uscc !== undefined || party.gln !== undefined, 'a party is identified by its unified social credit code (uscc) or, abroad, its GLN');

export const LICENCE_TYPES = [
  'business-licence', // 营业执照
  'food-production', // 食品生产许可证 SC
  'food-operation', // 食品经营许可证
  'drug-approval', // 药品批准文号 国药准字
  'drug-production', // 药品生产许可证
  'drug-distribution', // 药品经营许可证
  'pesticide-registration', // 农药登记证 PD/WP
  'pesticide-production', // 农药生产许可证
  'veterinary-drug-approval', // 兽药产品批准文号
  'feed-production', // 饲料生产许可证
  'fertiliser-registration', // 肥料登记证
  'seed-production', // 种子生产经营许可证
  'special-equipment-manufacture', // 特种设备生产许可证
  'special-equipment-use-registration', // 特种设备使用登记证
  'hazardous-chemical-production', // 危险化学品安全生产许可证
  'hazardous-chemical-operation', // 危险化学品经营许可证
  'hazardous-chemical-use', // 危险化学品安全使用许可证
  'hazardous-goods-transport', // 道路危险货物运输许可证
  'explosives-production', // 民用爆炸物品生产许可证
  'explosives-sale', // 民用爆炸物品销售许可证
  'explosives-purchase', // 民用爆炸物品购买许可证
  'explosives-transport', // 民用爆炸物品运输许可证
  'fireworks-operation', // 烟花爆竹经营许可证
  'rare-earth-quota', // 稀土开采/冶炼分离总量控制指标
  'import-licence', // 进口许可
  'export-licence', // 出口许可
  'other',
] as const;

export const Licence = z.strictObject({
  type: z.enum(LICENCE_TYPES),
  number: Text,
  /** The holder's unified social credit code (or GLN abroad). */
  holder: z.union([UsccCode, GlnCode]).optional(),
  issuer: Text.optional(),
  validUntil: DateOnly.optional(),
});

export const CERTIFICATE_SCHEMES = ['HACCP', 'GMP', 'GAP', 'GSP', 'organic', 'green-food', 'geographical-indication', 'ISO9001', 'ISO22000', 'halal', 'CCC', 'other'] as const;

export const Certificate = z.strictObject({
  scheme: z.enum(CERTIFICATE_SCHEMES),
  number: Text,
  issuer: Text,
  validUntil: DateOnly.optional(),
  /** A document (the certificate's scan) by digest. */
  document: Digest.optional(),
});

export const Inspection = z.strictObject({
  /** What was inspected for, e.g. `pesticide-residue`, `quarantine`, `periodic-inspection`. */
  kind: Text,
  result: z.enum(['pass', 'fail', 'conditional']),
  inspector: Text.optional(),
  /** The inspecting body's unified social credit code. */
  inspectorUscc: UsccCode.optional(),
  date: DateOnly,
  /** Next inspection due (special equipment, for example). */
  nextDue: DateOnly.optional(),
  report: Digest.optional(),
  reportNumber: Text.optional(),
});

export const DocumentRef = z.strictObject({
  kind: Text,
  digest: Digest,
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i).optional(),
  uri: Uri.optional(),
});

/**
 * Product attributes China's category rules ask for and EPCIS has no field for. Batch, expiry and
 * country of origin use the CBV master-data attributes in `ilmd` (`cbvmda:lotNumber` …) where EPCIS
 * has them; these are the rest.
 */
export const Product = z.strictObject({
  name: Text.optional(),
  /** Drug approval number 药品批准文号 (国药准字…). */
  approvalNumber: Text.optional(),
  /** Pesticide, fertiliser or veterinary-drug registration number (PD20123456 …). */
  registrationNumber: Text.optional(),
  /** The code printed on the unit: a pesticide's 32-digit code, a drug trace code … */
  unitCode: Text.optional(),
  /** Packaging level for drugs: item, case, pallet. */
  packagingLevel: z.enum(['item', 'inner-pack', 'case', 'pallet']).optional(),
  unNumber: z.string().regex(/^UN\d{4}$/, 'expected UN followed by four digits').optional(),
  casNumber: z.string().regex(/^\d{2,7}-\d{2}-\d$/, 'expected a CAS number such as 7732-18-5').optional(),
  equipmentCode: z.string().regex(/^\d{18}$/).optional(),
  registrationCode: z.string().regex(/^\d{20}$/).optional(),
  /** HS code of the customs tariff (10 digits in China). */
  hsCode: z.string().regex(/^\d{6,10}$/).optional(),
});

export const Customs = z.strictObject({
  /** Customs declaration number 报关单号. */
  declarationNumber: Text,
  /** ISO 3166-1 alpha-2 country of origin. */
  countryOfOrigin: z.string().regex(/^[A-Z]{2}$/).optional(),
  port: Text.optional(),
  /** Entry-exit inspection and quarantine certificate number. */
  inspectionCertificate: Text.optional(),
});

export const Quota = z.strictObject({
  /** The production quota (总量控制指标) reference. */
  reference: Text,
  year: z.number().int().min(2000).max(2100),
  /** The quota amount, in `uom`. */
  amount: z.number().finite().positive(),
  /** Amount used before this record, in `uom`. */
  usedBefore: z.number().finite().nonnegative(),
  uom: z.string().regex(/^[A-Z0-9]{2,3}$/),
});

/**
 * The step of a product's life a record describes, in the plan's words; the EPCIS event type, bizStep
 * and disposition say the same in GS1's vocabulary (see the builders).
 */
export const ACTIVITIES = [
  'harvest', 'slaughter', 'process', 'transform', 'pack', 'unpack', 'ship', 'receive', 'sell', 'inspect', 'store',
  'transport', 'use', 'destroy', 'import', 'export', 'recall',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Every Suyuan extension field of a record, by its property name. */
export const SuyuanFields = {
  'suyuan:category': z.enum(CATEGORIES),
  'suyuan:activity': z.enum(ACTIVITIES),
  /** The product kind inside the category, e.g. `pesticide`, `infant-formula`, `elevator`. */
  'suyuan:productKind': z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  'suyuan:parties': z.array(Party).min(1),
  'suyuan:licences': z.array(Licence),
  'suyuan:certificates': z.array(Certificate),
  'suyuan:inspections': z.array(Inspection),
  'suyuan:documents': z.array(DocumentRef),
  'suyuan:product': Product,
  'suyuan:customs': Customs,
  'suyuan:quota': Quota,
  /** Event hashes of the previous record(s) of the same trace unit: the chain. */
  'suyuan:previous': z.array(EventHashUri),
  /** Salted digests of fields kept secret (the SD-JWT model, with decoys): see docs/trust.md. */
  'suyuan:sd': z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected a base64url SHA-256 digest')),
  /** Why: the reason for a recall or a destruction. */
  'suyuan:reason': Text,
  /** When the record's facts were declared, if not at eventTime (a late entry). */
  'suyuan:declaredAt': Timestamp,
} as const;

export type SuyuanFieldName = keyof typeof SuyuanFields;
export type Party = z.infer<typeof Party>;
export type Licence = z.infer<typeof Licence>;
export type Certificate = z.infer<typeof Certificate>;
export type Inspection = z.infer<typeof Inspection>;
export type Product = z.infer<typeof Product>;
export type Customs = z.infer<typeof Customs>;
export type Quota = z.infer<typeof Quota>;
export type SuyuanExtension = { [K in SuyuanFieldName]?: z.infer<(typeof SuyuanFields)[K]> };
