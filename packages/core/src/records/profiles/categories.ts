/**
 * The built-in profiles of the eight product categories of the traceability plan (追溯产品分工表):
 * which fields a record must carry at which step. They are plain data (see `profile.ts`); a city or an
 * industry extends them with `extendProfile` or replaces one in a `ProfileSet`.
 */
import type { CategoryProfile, ProfileRule } from './profile.js';

const SHIP: ProfileRule = { id: 'ship.destination', description: 'a shipment names where it goes', when: { activities: ['ship'] }, require: ['destinationList'] };
const RECEIVE: ProfileRule = { id: 'receive.source', description: 'a receipt names where it came from', when: { activities: ['receive'] }, require: ['sourceList'] };
const WHERE: ProfileRule = { id: 'where', description: 'every record says where it happened (its read point)', require: ['readPoint.id'] };
const WHO: ProfileRule = { id: 'who', description: 'every record names the responsible party', require: ['suyuan:parties'] };

function withCategory(category: string, rules: readonly ProfileRule[]): ProfileRule[] {
  return rules.map((rule) => ({ ...rule, id: `${category}.${rule.id}` }));
}

export const edibleAgricultural: CategoryProfile = {
  category: 'edible-agricultural',
  title: 'Edible agricultural products: meat, vegetables, Chinese medicinal herbs',
  titleZh: '食用农产品（肉类、蔬菜、中药材）',
  productKinds: ['meat', 'vegetable', 'fruit', 'medicinal-herb', 'aquatic'],
  rules: withCategory('edible-agricultural', [
    WHO,
    WHERE,
    { id: 'harvest.origin', description: 'a harvest names the grower and the lot', when: { activities: ['harvest'] }, require: ['ilmd.cbvmda:lotNumber', 'suyuan:parties[role=grower]'] },
    { id: 'slaughter.quarantine', description: 'slaughtered meat carries its quarantine inspection', when: { activities: ['slaughter'] }, require: ['suyuan:inspections[kind=quarantine]', 'suyuan:parties[role=slaughterer]'] },
    { id: 'inspect.result', description: 'an inspection records its result', when: { activities: ['inspect'] }, require: ['suyuan:inspections'] },
    SHIP,
    RECEIVE,
  ]),
};

export const food: CategoryProfile = {
  category: 'food',
  title: 'Food: infant formula, rice, meat products, dairy, edible oil, liquor',
  titleZh: '食品（婴幼儿配方乳粉、大米、肉制品、乳制品、食用植物油、酒类）',
  productKinds: ['infant-formula', 'rice', 'meat-product', 'dairy', 'edible-oil', 'liquor'],
  rules: withCategory('food', [
    WHO,
    WHERE,
    {
      id: 'production.licence-lot-expiry',
      description: 'food production names its SC production licence, the lot and the expiry',
      when: { activities: ['process', 'transform'] },
      require: ['suyuan:licences[type=food-production]', 'ilmd.cbvmda:lotNumber', 'ilmd.cbvmda:itemExpirationDate'],
    },
    { id: 'production.expiry', description: 'the expiry date lies after production', when: { activities: ['process', 'transform'] }, check: 'expiry-after-event' },
    {
      id: 'infant-formula.inspection',
      description: 'every lot of infant formula is inspected before release',
      when: { activities: ['process', 'transform'], productKinds: ['infant-formula'] },
      require: ['suyuan:inspections'],
    },
    SHIP,
    RECEIVE,
  ]),
};

export const drug: CategoryProfile = {
  category: 'drug',
  title: 'Drugs: preparations and decoction pieces',
  titleZh: '药品（药品制剂、饮片）',
  productKinds: ['preparation', 'decoction-piece'],
  rules: withCategory('drug', [
    WHO,
    WHERE,
    {
      id: 'production.approval-batch-expiry',
      description: 'drug production names the approval number, the production licence, the batch and the expiry',
      when: { activities: ['process', 'transform'] },
      require: ['suyuan:product.approvalNumber', 'suyuan:licences[type=drug-production]', 'ilmd.cbvmda:lotNumber', 'ilmd.cbvmda:itemExpirationDate'],
    },
    { id: 'production.expiry', description: 'the expiry date lies after production', when: { activities: ['process', 'transform'] }, check: 'expiry-after-event' },
    {
      id: 'pack.hierarchy',
      description: 'packing records the packaging level, aggregating item to case to pallet',
      when: { activities: ['pack'] },
      require: ['parentID', 'suyuan:product.packagingLevel'],
      check: 'aggregation-hierarchy',
    },
    { id: 'trace-code', description: 'a drug trace code printed on the unit is a valid drug trace code or GS1 code', check: 'codes-valid', params: { 'suyuan:product.unitCode': ['cn-drug-trace', 'gs1'] } },
    { id: 'distribution.licence', description: 'shipping drugs names the distribution or production licence', when: { activities: ['ship'] }, require: ['suyuan:licences'] },
    SHIP,
    RECEIVE,
  ]),
};

export const agriculturalInput: CategoryProfile = {
  category: 'agricultural-input',
  title: 'Agricultural inputs: pesticides, veterinary drugs, feed, fertiliser, seeds',
  titleZh: '农业生产资料（农药、兽药、饲料、肥料、种子）',
  productKinds: ['pesticide', 'veterinary-drug', 'feed', 'fertiliser', 'seed'],
  rules: withCategory('agricultural-input', [
    WHO,
    WHERE,
    {
      id: 'pesticide.registration',
      description: 'a pesticide names its registration number and the 32-digit code on its label, which must agree',
      when: { activities: ['process', 'pack'], productKinds: ['pesticide'] },
      require: ['suyuan:product.registrationNumber', 'suyuan:product.unitCode', 'suyuan:licences[type=pesticide-production]'],
      check: 'pesticide-code-matches-registration',
    },
    {
      id: 'veterinary-drug.approval',
      description: 'a veterinary drug names its approval number and its 24-digit QR code',
      when: { activities: ['process', 'pack'], productKinds: ['veterinary-drug'] },
      require: ['suyuan:product.approvalNumber', 'suyuan:product.unitCode'],
      check: 'codes-valid',
      params: { 'suyuan:product.unitCode': ['cn-vet-drug'] },
    },
    { id: 'feed.licence', description: 'feed production names its production licence', when: { activities: ['process'], productKinds: ['feed'] }, require: ['suyuan:licences[type=feed-production]'] },
    { id: 'fertiliser.registration', description: 'a fertiliser names its registration', when: { activities: ['process'], productKinds: ['fertiliser'] }, require: ['suyuan:product.registrationNumber'] },
    { id: 'seed.licence', description: 'seed production names its licence and the unit code on the label', when: { activities: ['process', 'pack'], productKinds: ['seed'] }, require: ['suyuan:licences[type=seed-production]', 'suyuan:product.unitCode'] },
    { id: 'sell.retailer', description: 'a sale names the retailer', when: { activities: ['sell'] }, require: ['suyuan:parties[role=retailer]'] },
    SHIP,
    RECEIVE,
  ]),
};

export const specialEquipment: CategoryProfile = {
  category: 'special-equipment',
  title: 'Special equipment: elevators, gas cylinders, fire-control equipment',
  titleZh: '特种设备（电梯、气瓶、消防控制设备）',
  productKinds: ['elevator', 'gas-cylinder', 'boiler', 'pressure-vessel', 'crane', 'fire-control'],
  rules: withCategory('special-equipment', [
    WHO,
    WHERE,
    { id: 'equipment-code', description: 'every record names the special equipment code', require: ['suyuan:product.equipmentCode'] },
    {
      id: 'codes',
      description: 'equipment and registration codes are well formed',
      check: 'codes-valid',
      params: { 'suyuan:product.equipmentCode': ['cn-equipment-code'], 'suyuan:product.registrationCode': ['cn-equipment-registration'] },
    },
    { id: 'manufacture.licence', description: 'manufacture names the manufacturing licence', when: { activities: ['process'] }, require: ['suyuan:licences[type=special-equipment-manufacture]'] },
    {
      id: 'use.registration',
      description: 'equipment in use names its registration code and use registration, and a passed inspection that is not overdue',
      when: { activities: ['use'] },
      require: ['suyuan:product.registrationCode', 'suyuan:licences[type=special-equipment-use-registration]'],
      check: 'inspection-current',
    },
    { id: 'inspect.due', description: 'an inspection records its result and the next due date', when: { activities: ['inspect'] }, require: ['suyuan:inspections'], check: 'inspection-current' },
  ]),
};

export const hazardousGoods: CategoryProfile = {
  category: 'hazardous-goods',
  title: 'Hazardous goods: civil explosives, fireworks, precursor and highly toxic chemicals',
  titleZh: '危险品（民爆物品、烟花爆竹、易制爆/剧毒化学品）',
  productKinds: ['chemical', 'explosive', 'fireworks'],
  rules: withCategory('hazardous-goods', [
    WHO,
    WHERE,
    { id: 'un-number', description: 'every record names the UN number', require: ['suyuan:product.unNumber'] },
    { id: 'chemical.cas', description: 'a chemical names its CAS number', when: { productKinds: ['chemical'] }, require: ['suyuan:product.casNumber'] },
    { id: 'codes', description: 'UN and CAS numbers are valid', check: 'codes-valid', params: { 'suyuan:product.unNumber': ['un-number'], 'suyuan:product.casNumber': ['cas'] } },
    {
      id: 'holders.licensed',
      description: 'every holder through production, storage, transport, use and destruction holds a licence',
      when: { activities: ['process', 'store', 'transport', 'ship', 'receive', 'sell', 'use', 'destroy'] },
      check: 'licence-for-every-holder',
      params: {
        except: ['regulator', 'inspector'],
        types: [
          'hazardous-chemical-production', 'hazardous-chemical-operation', 'hazardous-chemical-use', 'hazardous-goods-transport',
          'explosives-production', 'explosives-sale', 'explosives-purchase', 'explosives-transport', 'fireworks-operation',
        ],
      },
    },
    { id: 'transport.route', description: 'transport names where the goods come from and go to', when: { activities: ['transport'] }, require: ['sourceList', 'destinationList'] },
    { id: 'destroy.disposer', description: 'destruction names who destroyed the goods', when: { activities: ['destroy'] }, require: ['suyuan:parties[role=disposer]'] },
    SHIP,
    RECEIVE,
  ]),
};

export const rareEarth: CategoryProfile = {
  category: 'rare-earth',
  title: 'Rare-earth products: mining, smelting and separation, circulation, export',
  titleZh: '稀土产品',
  productKinds: ['ore', 'concentrate', 'oxide', 'metal', 'alloy'],
  rules: withCategory('rare-earth', [
    WHO,
    WHERE,
    { id: 'hs-code', description: 'every record names the product by HS code', require: ['suyuan:product.hsCode'] },
    {
      id: 'transform.balance',
      description: 'smelting and separation state inputs and outputs as quantities that balance (REO equivalent)',
      when: { activities: ['transform', 'process'] },
      require: ['inputQuantityList', 'outputQuantityList'],
      check: 'quantities-balance',
      params: { tolerance: 0.02 },
    },
    { id: 'transform.quota', description: 'production stays within the production quota', when: { activities: ['transform', 'process', 'harvest'] }, require: ['suyuan:quota'], check: 'within-quota' },
    { id: 'export.customs', description: 'an export names its customs declaration', when: { activities: ['export'] }, require: ['suyuan:customs.declarationNumber'] },
    SHIP,
    RECEIVE,
  ]),
};

export const importExport: CategoryProfile = {
  category: 'import-export',
  title: 'Imported food and exported agricultural products and feed',
  titleZh: '进出口产品（进口食品、出口农产品及饲料）',
  productKinds: ['milk-powder', 'wine', 'whisky', 'olive-oil', 'fragrant-rice', 'mineral-water', 'tea', 'agricultural-product', 'feed'],
  rules: withCategory('import-export', [
    WHO,
    {
      id: 'import.customs',
      description: 'an import names the customs declaration, the country of origin and the inspection certificate',
      when: { activities: ['import'] },
      require: ['suyuan:customs.declarationNumber', 'suyuan:customs.countryOfOrigin', 'suyuan:customs.inspectionCertificate', 'suyuan:parties[role=importer]'],
    },
    { id: 'export.customs', description: 'an export names the customs declaration and the exporter', when: { activities: ['export'] }, require: ['suyuan:customs.declarationNumber', 'suyuan:parties[role=exporter]'] },
    SHIP,
    RECEIVE,
  ]),
};

/** The eight built-in profiles. */
export const BUILT_IN_PROFILES: readonly CategoryProfile[] = [edibleAgricultural, food, drug, agriculturalInput, specialEquipment, hazardousGoods, rareEarth, importExport];
