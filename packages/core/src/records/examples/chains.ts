/**
 * Complete example chains, one per product category, built with the record builders: a Huizhou
 * lychee from orchard to supermarket, rice milled and sold, a drug with its packaging hierarchy, a
 * pesticide from factory to farm shop, an elevator from factory to its yearly inspection, a hazardous
 * chemical to its destruction, rare-earth separation within its quota, and imported infant formula.
 * Used by the tests, the docs and the demo; every record passes its category profile.
 */
import { recordBuilders, type BuilderContext } from '../builders.js';
import type { Category } from '../extension.js';
import type { TraceRecord } from '../record.js';
import { enterprise, gln, gtin, item, logisticUnit, lot, place, sscc } from './identifiers.js';

export interface ExampleChain {
  category: Category;
  title: string;
  records: TraceRecord[];
}

/** A clock that starts at `start` and moves on by `stepHours` at each call. */
function clock(start: string, stepHours = 6): () => Date {
  let at = Date.parse(start);
  return () => {
    const now = new Date(at);
    at += stepHours * 3_600_000;
    return now;
  };
}

function builders(context: Omit<BuilderContext, 'now'>, start: string) {
  return recordBuilders({ ...context, now: clock(start) });
}

const hash = (record: TraceRecord): string => record.eventID!;

function lychee(): ExampleChain {
  const orchard = enterprise('惠州市镇隆荔枝专业合作社', '93441300MA4W00001');
  const packer = enterprise('惠州鲜果包装有限公司', '91441300MA4W00002');
  const market = enterprise('惠州优选超市有限公司', '91441300MA4W00003');
  const product = gtin('6901234', '10001');
  const harvestLot = lot(product, 'LZ20260612');
  const cases = [logisticUnit(sscc('6901234', '000000101')), logisticUnit(sscc('6901234', '000000102'))];
  const pallet = logisticUnit(sscc('6901234', '000000900'));
  const context = { category: 'edible-agricultural', productKind: 'fruit' } as const;
  const grower = builders({ ...context, party: orchard, location: place(gln('6901234', '00010')) }, '2026-06-12T05:30:00+08:00');
  const pack = builders({ ...context, party: packer, location: place(gln('6901234', '00020')) }, '2026-06-12T14:00:00+08:00');
  const shop = builders({ ...context, party: market, location: place(gln('6901235', '00030')) }, '2026-06-13T12:00:00+08:00');

  const harvested = grower.harvest({
    quantities: [{ epcClass: harvestLot, quantity: 800, uom: 'KGM' }],
    ilmd: { 'cbvmda:lotNumber': 'LZ20260612' },
    product: { name: '镇隆荔枝（桂味）' },
    inspections: [{ kind: 'pesticide-residue', result: 'pass', date: '2026-06-11', reportNumber: 'HZ-NY-2026-0611-07' }],
  });
  const packed = cases.map((c) => pack.pack({ parent: c, childQuantities: [{ epcClass: harvestLot, quantity: 20, uom: 'KGM' }], previous: [hash(harvested)] }));
  const palletised = pack.pack({ parent: pallet, children: cases, previous: packed.map(hash) });
  const shipped = pack.ship({ epcs: [pallet], destination: place(gln('6901235', '00030')), previous: [hash(palletised)] });
  const received = shop.receive({ epcs: [pallet], source: place(gln('6901234', '00020')), previous: [hash(shipped)] });
  const unpacked = shop.unpack({ parent: pallet, children: cases, previous: [hash(received)] });
  const sold = shop.sell({ quantities: [{ epcClass: harvestLot, quantity: 2.5, uom: 'KGM' }], previous: [hash(unpacked)] });
  return { category: 'edible-agricultural', title: 'A Huizhou lychee from orchard to supermarket', records: [harvested, ...packed, palletised, shipped, received, unpacked, sold] };
}

function rice(): ExampleChain {
  const mill = enterprise('惠州粮油加工有限公司', '91441300MA4W00011');
  const store = enterprise('惠东县惠民超市', '92441300MA4W00012');
  const paddy = lot(gtin('6901236', '20001'), 'GD2026-07');
  const milled = lot(gtin('6901236', '20002'), 'MR2026-0715');
  const context = { category: 'food', productKind: 'rice' } as const;
  const factory = builders(
    { ...context, party: mill, location: place(gln('6901236', '00001')), licences: [{ type: 'food-production', number: 'SC10144130000011', holder: mill.uscc! }] },
    '2026-07-15T09:00:00+08:00',
  );
  const shop = builders({ ...context, party: store, location: place(gln('6901236', '00090')) }, '2026-07-17T09:00:00+08:00');
  const processed = factory.transform({
    inputQuantities: [{ epcClass: paddy, quantity: 10_000, uom: 'KGM' }],
    outputQuantities: [{ epcClass: milled, quantity: 6_800, uom: 'KGM' }],
    ilmd: { 'cbvmda:lotNumber': 'MR2026-0715', 'cbvmda:itemExpirationDate': '2027-07-14' },
    certificates: [{ scheme: 'HACCP', number: 'HACCP-2026-0132', issuer: '中国质量认证中心' }],
  });
  const shipped = factory.ship({ quantities: [{ epcClass: milled, quantity: 500, uom: 'KGM' }], destination: place(gln('6901236', '00090')), previous: [hash(processed)] });
  const received = shop.receive({ quantities: [{ epcClass: milled, quantity: 500, uom: 'KGM' }], source: place(gln('6901236', '00001')), previous: [hash(shipped)] });
  const sold = shop.sell({ quantities: [{ epcClass: milled, quantity: 5, uom: 'KGM' }], previous: [hash(received)] });
  return { category: 'food', title: 'Rice milled, shipped and sold', records: [processed, shipped, received, sold] };
}

function drug(): ExampleChain {
  const maker = enterprise('广东惠药制药有限公司', '91441300MA4W00021');
  const wholesaler = enterprise('惠州医药物流有限公司', '91441300MA4W00022');
  const pharmacy = enterprise('惠州大药房连锁有限公司', '91441300MA4W00023');
  const product = gtin('6901237', '30001');
  const packs = ['2026000001', '2026000002', '2026000003'].map((serial) => item(product, serial));
  const caseUnit = logisticUnit(sscc('6901237', '000000301'));
  const pallet = logisticUnit(sscc('6901237', '000000399'));
  const context = { category: 'drug', productKind: 'preparation' } as const;
  const licences = [
    { type: 'drug-production', number: '粤20160001', holder: maker.uscc! },
    { type: 'drug-approval', number: '国药准字H44020001', holder: maker.uscc! },
  ] as const;
  const factory = builders({ ...context, party: maker, location: place(gln('6901237', '00001')), licences: [...licences] }, '2026-03-02T08:00:00+08:00');
  const wholesale = builders(
    { ...context, party: wholesaler, location: place(gln('6901237', '00050')), licences: [{ type: 'drug-distribution', number: '粤AA7520001', holder: wholesaler.uscc! }] },
    '2026-03-04T10:00:00+08:00',
  );
  const shop = builders({ ...context, party: pharmacy, location: place(gln('6901237', '00080')) }, '2026-03-06T09:00:00+08:00');
  const made = factory.process({
    epcs: packs,
    ilmd: { 'cbvmda:lotNumber': 'B20260302', 'cbvmda:itemExpirationDate': '2028-02-29' },
    product: { name: '阿莫西林胶囊 0.25g×24粒', approvalNumber: '国药准字H44020001', packagingLevel: 'item', unitCode: '81234567890123456789' },
    certificates: [{ scheme: 'GMP', number: 'GD20260001', issuer: '广东省药品监督管理局' }],
  });
  const cased = factory.pack({ parent: caseUnit, children: packs, product: { packagingLevel: 'case' }, previous: [hash(made)] });
  const palletised = factory.pack({ parent: pallet, children: [caseUnit], product: { packagingLevel: 'pallet' }, previous: [hash(cased)] });
  const shipped = factory.ship({ epcs: [pallet], destination: place(gln('6901237', '00050')), previous: [hash(palletised)] });
  const received = wholesale.receive({ epcs: [pallet], source: place(gln('6901237', '00001')), previous: [hash(shipped)] });
  const forwarded = wholesale.ship({ epcs: [caseUnit], destination: place(gln('6901237', '00080')), previous: [hash(received)] });
  const arrived = shop.receive({ epcs: [caseUnit], source: place(gln('6901237', '00050')), previous: [hash(forwarded)] });
  const dispensed = shop.sell({ epcs: [packs[0]!], previous: [hash(arrived)] });
  return { category: 'drug', title: 'A drug with its packaging hierarchy, from factory to pharmacy', records: [made, cased, palletised, shipped, received, forwarded, arrived, dispensed] };
}

function pesticide(): ExampleChain {
  const maker = enterprise('惠州绿丰农药有限公司', '91441300MA4W00031');
  const dealer = enterprise('博罗县农资经营部', '92441300MA4W00032');
  const product = gtin('6901238', '40001');
  const bottle = item(product, 'P0001');
  const context = { category: 'agricultural-input', productKind: 'pesticide' } as const;
  const factory = builders(
    { ...context, party: maker, location: place(gln('6901238', '00001')), licences: [{ type: 'pesticide-production', number: '农药生许（粤）0001', holder: maker.uscc! }] },
    '2026-04-01T08:00:00+08:00',
  );
  const shop = builders({ ...context, party: { ...dealer, role: 'retailer' }, location: place(gln('6901238', '00070')) }, '2026-04-03T08:00:00+08:00');
  const made = factory.process({
    epcs: [bottle],
    ilmd: { 'cbvmda:lotNumber': 'NY20260401' },
    // Position 1: PD; 2–7: 120001, the last six digits of PD20120001; 8: own production; 9–11: spec 003.
    product: { name: '吡虫啉 10% 可湿性粉剂', registrationNumber: 'PD20120001', unitCode: '11200011003000000000000000000001' },
  });
  const shipped = factory.ship({ epcs: [bottle], destination: place(gln('6901238', '00070')), previous: [hash(made)] });
  const received = shop.receive({ epcs: [bottle], source: place(gln('6901238', '00001')), previous: [hash(shipped)] });
  const sold = shop.sell({ epcs: [bottle], previous: [hash(received)] });
  return { category: 'agricultural-input', title: 'A pesticide from factory to farm shop', records: [made, shipped, received, sold] };
}

function elevator(): ExampleChain {
  const maker = enterprise('广东惠梯电梯有限公司', '91441300MA4W00041');
  const owner = enterprise('惠州华庭物业管理有限公司', '91441300MA4W00042');
  const inspector = enterprise('惠州市特种设备检验所', '12441300MA4W00043');
  const unit = item(gtin('6901239', '50001'), 'EL2026-0088');
  const product = { name: '曳引式乘客电梯', equipmentCode: '311044002202600088', registrationCode: '31104413022026060088' };
  const context = { category: 'special-equipment', productKind: 'elevator' } as const;
  const factory = builders(
    { ...context, party: maker, location: place(gln('6901239', '00001')), licences: [{ type: 'special-equipment-manufacture', number: 'TS3144001-2028', holder: maker.uscc! }] },
    '2026-05-10T08:00:00+08:00',
  );
  const site = builders(
    { ...context, party: owner, location: place(gln('6901239', '00100')), licences: [{ type: 'special-equipment-use-registration', number: '梯11粤L0088(26)', holder: owner.uscc! }] },
    '2026-06-20T08:00:00+08:00',
  );
  const inspection = { kind: 'periodic-inspection', result: 'pass', inspector: inspector.name, inspectorUscc: inspector.uscc!, date: '2026-06-18', nextDue: '2027-06-17', reportNumber: 'HZTJ-2026-0618-001' } as const;
  const made = factory.process({ epcs: [unit], product });
  const checked = site.inspect({ epcs: [unit], product, inspections: [inspection], parties: [{ ...inspector, role: 'inspector' }], previous: [hash(made)] });
  const inUse = site.use({ epcs: [unit], product, inspections: [inspection], previous: [hash(checked)] });
  return { category: 'special-equipment', title: 'An elevator from factory to service, with its inspection', records: [made, checked, inUse] };
}

function chemical(): ExampleChain {
  const maker = enterprise('惠州大亚湾石化有限公司', '91441300MA4W00051');
  const carrier = enterprise('惠州危险货物运输有限公司', '91441300MA4W00052');
  const user = enterprise('惠州精细化工有限公司', '91441300MA4W00053');
  const disposer = enterprise('惠州危废处置中心有限公司', '91441300MA4W00054');
  const drum = item(gtin('6901240', '60001'), 'DR0001');
  const product = { name: '乙醇（无水）', unNumber: 'UN1170', casNumber: '64-17-5' } as const;
  const licences = [
    { type: 'hazardous-chemical-production', number: '(粤)WH安许证字[2026]0001', holder: maker.uscc! },
    { type: 'hazardous-goods-transport', number: '粤交运管许可惠字441300000001', holder: carrier.uscc! },
    { type: 'hazardous-chemical-use', number: '(粤)WH使许证字[2026]0007', holder: user.uscc! },
    { type: 'hazardous-chemical-operation', number: '粤惠危化经字[2026]0009', holder: disposer.uscc! },
  ] as const;
  const context = { category: 'hazardous-goods', productKind: 'chemical', licences: [...licences] } as const;
  const plant = builders({ ...context, party: maker, location: place(gln('6901240', '00001')) }, '2026-08-01T08:00:00+08:00');
  const road = builders({ ...context, party: carrier, location: place(gln('6901240', '00002')) }, '2026-08-02T08:00:00+08:00');
  const works = builders({ ...context, party: user, location: place(gln('6901240', '00003')) }, '2026-08-03T08:00:00+08:00');
  const sink = builders({ ...context, party: disposer, location: place(gln('6901240', '00004')) }, '2026-09-01T08:00:00+08:00');
  const made = plant.process({ epcs: [drum], product, ilmd: { 'cbvmda:lotNumber': 'ET20260801' } });
  const stored = plant.store({ epcs: [drum], product, previous: [hash(made)] });
  const moved = road.transport({ epcs: [drum], product, source: place(gln('6901240', '00001')), destination: place(gln('6901240', '00003')), previous: [hash(stored)] });
  const used = works.use({ epcs: [drum], product, previous: [hash(moved)] });
  const destroyed = sink.destroy({ epcs: [drum], product, reason: '残液及包装桶按危险废物处置', previous: [hash(used)] });
  return { category: 'hazardous-goods', title: 'A hazardous chemical from production to destruction', records: [made, stored, moved, used, destroyed] };
}

function rareEarth(): ExampleChain {
  const mine = enterprise('广东稀土开采有限公司', '91441300MA4W00061');
  const smelter = enterprise('广东稀土冶炼分离有限公司', '91441300MA4W00062');
  const ore = lot(gtin('6901241', '70001'), 'ORE2026-Q3');
  const oxide = lot(gtin('6901241', '70002'), 'NDO2026-0901');
  const residue = lot(gtin('6901241', '70003'), 'RES2026-0901');
  const pit = builders({ category: 'rare-earth', productKind: 'ore', party: mine, location: place(gln('6901241', '00001')) }, '2026-08-20T08:00:00+08:00');
  const plant = builders({ category: 'rare-earth', productKind: 'oxide', party: smelter, location: place(gln('6901241', '00002')) }, '2026-09-01T08:00:00+08:00');
  const mined = pit.harvest({
    quantities: [{ epcClass: ore, quantity: 120, uom: 'TNE' }],
    product: { name: '离子型稀土矿（REO 当量）', hsCode: '2530902000' },
    quota: { reference: '2026年稀土开采总量控制指标 粤-01', year: 2026, amount: 2_000, usedBefore: 1_400, uom: 'TNE' },
  });
  const separated = plant.transform({
    inputQuantities: [{ epcClass: ore, quantity: 120, uom: 'TNE' }],
    outputQuantities: [
      { epcClass: oxide, quantity: 36, uom: 'TNE' },
      { epcClass: residue, quantity: 82.5, uom: 'TNE' },
    ],
    product: { name: '氧化钕（REO 当量计）', hsCode: '2846901920' },
    quota: { reference: '2026年稀土冶炼分离总量控制指标 粤-02', year: 2026, amount: 1_500, usedBefore: 1_200, uom: 'TNE' },
    previous: [hash(mined)],
  });
  const exported = plant.exportGoods({
    quantities: [{ epcClass: oxide, quantity: 10, uom: 'TNE' }],
    product: { name: '氧化钕', hsCode: '2846901920' },
    customs: { declarationNumber: '531620260000012345', port: '惠州港' },
    previous: [hash(separated)],
  });
  return { category: 'rare-earth', title: 'Rare-earth separation within its quota, then export', records: [mined, separated, exported] };
}

function infantFormula(): ExampleChain {
  const importer = enterprise('惠州环球进口贸易有限公司', '91441300MA4W00071');
  const shopOwner = enterprise('惠州母婴生活馆', '92441300MA4W00072');
  const tin = item(gtin('6901242', '80001'), 'IF000123');
  const context = { category: 'import-export', productKind: 'milk-powder' } as const;
  const port = builders({ ...context, party: importer, location: place(gln('6901242', '00001')) }, '2026-10-08T10:00:00+08:00');
  const shop = builders({ ...context, party: shopOwner, location: place(gln('6901242', '00002')) }, '2026-10-12T10:00:00+08:00');
  const imported = port.importGoods({
    epcs: [tin],
    product: { name: '婴儿配方奶粉（0-6月龄，1段）' },
    customs: { declarationNumber: '531620261000098765', countryOfOrigin: 'NZ', port: '惠州港', inspectionCertificate: '441300126000321' },
  });
  const shipped = port.ship({ epcs: [tin], destination: place(gln('6901242', '00002')), previous: [hash(imported)] });
  const received = shop.receive({ epcs: [tin], source: place(gln('6901242', '00001')), previous: [hash(shipped)] });
  const sold = shop.sell({ epcs: [tin], previous: [hash(received)] });
  return { category: 'import-export', title: 'Imported infant formula, from the port to a shop', records: [imported, shipped, received, sold] };
}

/** The example chains, one per category, built fresh (deterministic: fixed clocks, fixed identifiers). */
export function exampleChains(): ExampleChain[] {
  return [lychee(), rice(), drug(), pesticide(), elevator(), chemical(), rareEarth(), infantFormula()];
}
