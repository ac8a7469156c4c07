import type { Category } from './category-types';
import { defineCategories, naturalHours, workingDays, workingHours } from './category-limits';

/**
 * Event kinds (事件), CJ/T 214 classes 01–06, with the kinds calibration.md names.
 * Urgent kinds go to the emergency-linkage centre and run 24/7; their handling limit is the
 * time to make the scene safe (suggested). 'published' marks handling limits from a city rule.
 */
export const EVENT_CATEGORIES: readonly Category[] = defineCategories('event', [
  {
    classCode: '01',
    name: { zh: '市容环境', en: 'City appearance and environment' },
    kinds: [
      { sub: '01', zh: '暴露垃圾', en: 'Exposed garbage', lead: 'sanitation', handle: workingHours(4), source: 'published' },
      { sub: '02', zh: '积存垃圾渣土', en: 'Accumulated garbage and muck', lead: 'sanitation', handle: workingDays(4), source: 'published' },
      // Road cleaning: 2–5 working hours published; 4 taken.
      { sub: '03', zh: '道路不洁', en: 'Dirty road surface', lead: 'sanitation', handle: workingHours(4), source: 'published' },
      { sub: '04', zh: '绿地脏乱', en: 'Dirty green space', lead: 'landscaping', handle: workingHours(4), source: 'published' },
      { sub: '05', zh: '绿地养护不到位', en: 'Poorly kept green space', lead: 'landscaping', handle: workingDays(5), source: 'published' },
      { sub: '06', zh: '乱堆物堆料', en: 'Piled materials', lead: 'street', handle: workingHours(4), source: 'suggested' },
      { sub: '07', zh: '沿街晾晒', en: 'Laundry hung along the street', lead: 'street', level: 'community', handle: workingHours(4), source: 'suggested' },
      { sub: '08', zh: '废弃家具设备', en: 'Discarded furniture and appliances', lead: 'sanitation', handle: workingDays(1), source: 'suggested' },
      { sub: '09', zh: '垃圾满溢', en: 'Overflowing bins', lead: 'sanitation', handle: workingHours(4), source: 'suggested' },
      // Like the barbecue rule: it happens in the evening, so the clock runs 24/7.
      { sub: '10', zh: '焚烧垃圾树叶', en: 'Burning rubbish or leaves', lead: 'urban-law', handle: naturalHours(2), source: 'suggested' },
      { sub: '11', zh: '油烟污染', en: 'Cooking-fume pollution', lead: 'ecology', handle: workingDays(5), source: 'suggested' },
      { sub: '12', zh: '水域不洁', en: 'Dirty waterway', lead: 'water', handle: workingDays(1), source: 'suggested' },
    ],
  },
  {
    classCode: '02',
    name: { zh: '宣传广告', en: 'Publicity and advertising' },
    kinds: [
      { sub: '01', zh: '非法小广告', en: 'Illegal small ads', lead: 'street', handle: workingHours(4), source: 'suggested' },
      { sub: '02', zh: '违规悬挂张贴宣传品', en: 'Unauthorised banners and posters', lead: 'urban-law', handle: workingDays(1), source: 'suggested' },
      { sub: '03', zh: '户外广告', en: 'Illegal or damaged outdoor advertising', lead: 'urban-law', handle: workingDays(2), source: 'suggested' },
      { sub: '04', zh: '街头散发广告', en: 'Handing out flyers', lead: 'urban-law', handle: workingHours(2), source: 'suggested' },
    ],
  },
  {
    classCode: '03',
    name: { zh: '施工管理', en: 'Construction management' },
    kinds: [
      // Night works are the usual complaint: on site within 1 h, 24/7.
      { sub: '01', zh: '施工扰民', en: 'Construction noise', lead: 'urban-law', handle: naturalHours(2), arrive: naturalHours(1), source: 'suggested' },
      { sub: '02', zh: '工地扬尘', en: 'Construction-site dust', lead: 'housing', handle: workingDays(1), source: 'suggested' },
      { sub: '03', zh: '施工渣土', en: 'Construction muck', lead: 'urban-law', handle: workingDays(2), source: 'published' },
      // Cleaning up the road: the road-cleaning rule applies.
      { sub: '04', zh: '道路遗撒', en: 'Spillage on the road', lead: 'sanitation', handle: workingHours(4), source: 'published' },
      { sub: '05', zh: '施工占道', en: 'Construction occupying the road', lead: 'urban-law', handle: workingHours(2), source: 'suggested' },
      // The rule has two limits (stop work 4 working hours, demolish 20 working days): two kinds.
      { sub: '06', zh: '违法建设（在建）', en: 'Illegal building under way (stop work)', lead: 'urban-law', handle: workingHours(4), source: 'published' },
      { sub: '07', zh: '违法建设（已建成）', en: 'Completed illegal building (demolish)', lead: 'urban-law', handle: workingDays(20), source: 'published' },
      { sub: '08', zh: '无证掘路', en: 'Unauthorised road excavation', lead: 'roads', handle: workingDays(1), source: 'suggested' },
      { sub: '09', zh: '施工废弃料', en: 'Abandoned construction waste', lead: 'housing', handle: workingDays(2), source: 'suggested' },
    ],
  },
  {
    classCode: '04',
    name: { zh: '突发事件', en: 'Emergencies' },
    kinds: [
      { sub: '01', zh: '燃气泄漏', en: 'Gas leak', lead: 'gas', urgent: true, handle: naturalHours(2), source: 'suggested' },
      { sub: '02', zh: '供水管线爆裂', en: 'Burst water main', lead: 'water', urgent: true, handle: naturalHours(4), source: 'suggested' },
      { sub: '03', zh: '树木倒伏（道路）', en: 'Fallen tree blocking a road', lead: 'landscaping', urgent: true, handle: naturalHours(2), source: 'suggested' },
      { sub: '04', zh: '路面塌陷', en: 'Road collapse', lead: 'roads', urgent: true, handle: naturalHours(4), source: 'suggested' },
      { sub: '05', zh: '火灾隐患', en: 'Fire hazard', lead: 'fire', urgent: true, handle: naturalHours(2), source: 'suggested' },
      { sub: '06', zh: '人群聚集', en: 'Crowd gathering', lead: 'police', urgent: true, handle: naturalHours(1), source: 'suggested' },
      { sub: '07', zh: '热力管线破裂', en: 'Burst heating pipe', lead: 'heating', urgent: true, handle: naturalHours(4), source: 'suggested' },
      { sub: '08', zh: '道路积水', en: 'Standing water on a road', lead: 'water', handle: workingHours(4), source: 'published' },
      { sub: '09', zh: '下水道堵塞冒溢', en: 'Blocked or overflowing sewer', lead: 'water', handle: workingHours(4), source: 'suggested' },
      { sub: '10', zh: '道路积雪结冰', en: 'Snow and ice on a road', lead: 'sanitation', handle: workingDays(1), source: 'suggested' },
    ],
  },
  {
    classCode: '05',
    name: { zh: '街面秩序', en: 'Street order' },
    kinds: [
      { sub: '01', zh: '店外经营', en: 'Business spilling outside the shop', lead: 'street', handle: workingHours(2), source: 'suggested' },
      { sub: '02', zh: '无照经营游商', en: 'Unlicensed street vending', lead: 'urban-law', handle: workingHours(2), source: 'suggested' },
      { sub: '03', zh: '机动车乱停放', en: 'Illegal car parking', lead: 'traffic', handle: workingHours(2), source: 'suggested' },
      { sub: '04', zh: '非机动车乱停放', en: 'Disorderly bicycle and e-bike parking', lead: 'street', handle: workingHours(2), source: 'suggested' },
      { sub: '05', zh: '露天烧烤', en: 'Open-air barbecue', lead: 'urban-law', handle: naturalHours(2), arrive: naturalHours(1), source: 'published' },
      { sub: '06', zh: '占道废品收购', en: 'Scrap collection on the road', lead: 'urban-law', handle: workingHours(2), source: 'suggested' },
      { sub: '07', zh: '违规占道', en: 'Occupying the lane or pavement', lead: 'street', handle: workingHours(2), source: 'suggested' },
    ],
  },
  {
    classCode: '06',
    name: { zh: '其他事件', en: 'Other events' },
    kinds: [
      { sub: '01', zh: '邻里纠纷', en: 'Neighbour dispute', lead: 'street', level: 'community', handle: workingDays(3), source: 'suggested' },
      { sub: '02', zh: '群租房', en: 'Overcrowded rental flat', lead: 'housing', handle: workingDays(10), source: 'suggested' },
      // Catch-all for hotline reports that fit no kind: the street office sorts them out.
      { sub: '03', zh: '其他事件', en: 'Other problem', lead: 'street', handle: workingDays(5), source: 'suggested' },
    ],
  },
]);
