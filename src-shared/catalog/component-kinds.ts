import type { Category } from './category-types';
import { defineCategories, naturalHours, naturalMinutes, workingDays, workingHours, type KindSpec } from './category-limits';

/**
 * Component kinds (部件), CJ/T 214 classes 01–06. The kind codes are fixed: the district
 * generator codes its components with them (component code digits 7–10).
 *
 * Manhole covers run on the natural clock: an open or broken cover is a hazard at night too.
 * Published: missing sewer cover 2 h (Taiyuan); manhole cover repair 6 h with arrival in 30 min
 * (Tianjin, Guangzhou); 3 street lamps out 1 working day; green-space upkeep 5 working days.
 */

const cover = (sub: string, zh: string, en: string, lead: KindSpec['lead']): KindSpec => ({
  sub, zh, en, lead, handle: naturalHours(6), arrive: naturalMinutes(30), source: 'published',
});

export const COMPONENT_CATEGORIES: readonly Category[] = defineCategories('component', [
  {
    classCode: '01',
    name: { zh: '公用设施', en: 'Public utilities' },
    kinds: [
      cover('01', '上水井盖', 'Water-supply manhole cover', 'water'),
      { ...cover('02', '污水井盖', 'Sewer manhole cover', 'water'), handle: naturalHours(2) },
      cover('03', '雨水井盖', 'Storm-drain manhole cover', 'water'),
      { sub: '04', zh: '雨水箅子', en: 'Rain grate', lead: 'water', handle: workingDays(1), source: 'suggested' },
      cover('05', '电力井盖', 'Power manhole cover', 'power'),
      // No separate lighting department in the district list: street lighting sits with roads.
      cover('06', '路灯井盖', 'Street-lighting manhole cover', 'roads'),
      cover('07', '通信井盖', 'Telecom manhole cover', 'telecom'),
      cover('08', '燃气井盖', 'Gas manhole cover', 'gas'),
      cover('09', '热力井盖', 'Heating manhole cover', 'heating'),
      { sub: '10', zh: '消火栓', en: 'Fire hydrant', lead: 'water', handle: workingDays(1), source: 'suggested' },
      { sub: '11', zh: '燃气调压箱', en: 'Gas pressure-regulator box', lead: 'gas', handle: workingDays(1), source: 'suggested' },
      { sub: '12', zh: '路灯', en: 'Street lamp', lead: 'roads', handle: workingDays(1), source: 'published' },
      // No postal department in the district list: the telecom lines office stands in.
      { sub: '13', zh: '邮筒', en: 'Post box', lead: 'telecom', handle: workingDays(5), source: 'suggested' },
      { sub: '14', zh: '电话亭', en: 'Phone booth', lead: 'telecom', handle: workingDays(5), source: 'suggested' },
      { sub: '15', zh: '报刊亭', en: 'Newsstand', lead: 'street', handle: workingDays(5), source: 'suggested' },
      { sub: '16', zh: '变电箱', en: 'Transformer box', lead: 'power', handle: workingDays(1), source: 'suggested' },
      { sub: '17', zh: '通信交接箱', en: 'Telecom cross-connect cabinet', lead: 'telecom', handle: workingDays(3), source: 'suggested' },
    ],
  },
  {
    classCode: '02',
    name: { zh: '道路交通', en: 'Roads and traffic' },
    kinds: [
      { sub: '01', zh: '公交站亭', en: 'Bus shelter', lead: 'roads', handle: workingDays(3), source: 'suggested' },
      { sub: '02', zh: '交通信号灯', en: 'Traffic light', lead: 'traffic', handle: workingHours(4), source: 'suggested' },
      { sub: '03', zh: '交通标志牌', en: 'Traffic sign', lead: 'traffic', handle: workingDays(3), source: 'suggested' },
      { sub: '04', zh: '隔离护栏', en: 'Traffic barrier railing', lead: 'traffic', handle: workingDays(2), source: 'suggested' },
      { sub: '05', zh: '停车场', en: 'Parking lot', lead: 'traffic', handle: workingDays(5), source: 'suggested' },
      { sub: '06', zh: '过街天桥', en: 'Pedestrian overpass', lead: 'roads', handle: workingDays(5), source: 'suggested' },
      { sub: '07', zh: '路名牌', en: 'Street-name sign', lead: 'roads', handle: workingDays(5), source: 'suggested' },
      { sub: '08', zh: '阻车桩', en: 'Bollard', lead: 'roads', handle: workingDays(3), source: 'suggested' },
      // Calibration: 3–5 working days, 1 if dangerous; the catalog keeps the ordinary case.
      { sub: '09', zh: '道路破损', en: 'Damaged pavement or carriageway', lead: 'roads', handle: workingDays(3), source: 'suggested' },
    ],
  },
  {
    classCode: '03',
    name: { zh: '市容环境', en: 'City appearance and environment' },
    kinds: [
      { sub: '01', zh: '公共厕所', en: 'Public toilet', lead: 'sanitation', handle: workingDays(1), source: 'suggested' },
      { sub: '02', zh: '果皮箱', en: 'Litter bin', lead: 'sanitation', handle: workingDays(1), source: 'suggested' },
      { sub: '03', zh: '垃圾楼', en: 'Garbage transfer station', lead: 'sanitation', handle: workingDays(1), source: 'suggested' },
      { sub: '04', zh: '广告牌匾', en: 'Shop sign or billboard', lead: 'urban-law', handle: workingDays(5), source: 'suggested' },
    ],
  },
  {
    classCode: '04',
    name: { zh: '园林绿化', en: 'Landscaping and greenery' },
    kinds: [
      { sub: '01', zh: '行道树', en: 'Street tree', lead: 'landscaping', handle: workingDays(2), source: 'suggested' },
      { sub: '02', zh: '绿地', en: 'Green space', lead: 'landscaping', handle: workingDays(5), source: 'published' },
      { sub: '03', zh: '花坛', en: 'Flower bed', lead: 'landscaping', handle: workingDays(5), source: 'published' },
    ],
  },
  {
    classCode: '05',
    name: { zh: '房屋土地', en: 'Housing and land' },
    kinds: [{ sub: '01', zh: '施工工地', en: 'Construction site', lead: 'housing', handle: workingDays(3), source: 'suggested' }],
  },
  {
    classCode: '06',
    name: { zh: '其他设施', en: 'Other facilities' },
    kinds: [
      { sub: '01', zh: '健身设施', en: 'Fitness equipment', lead: 'street', handle: workingDays(5), source: 'suggested' },
      { sub: '02', zh: '监控电子眼', en: 'Surveillance camera', lead: 'police', handle: workingDays(3), source: 'suggested' },
    ],
  },
]);
