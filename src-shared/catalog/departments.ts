import type { BilingualText } from '../i18n-text';

/**
 * The district's specialised departments (专业部门). Street offices (街道办事处) are
 * departments too, one per street, with ids `street:<9-digit street code>`; they are
 * generated with the district, so they are not listed here.
 */
export const DISTRICT_DEPARTMENT_IDS = [
  'sanitation', // 环境卫生 (区城市管理委 环卫中心)
  'roads', // 市政道路
  'landscaping', // 园林绿化
  'water', // 供排水
  'power', // 供电
  'gas', // 燃气
  'heating', // 供热
  'telecom', // 通信
  'police', // 公安
  'traffic', // 交通 (交管)
  'fire', // 消防
  'market', // 市场监管
  'housing', // 住房和城乡建设
  'urban-law', // 城市管理综合执法 (城管执法)
  'planning', // 规划和自然资源
  'ecology', // 生态环境
] as const;

export type DistrictDepartmentId = (typeof DISTRICT_DEPARTMENT_IDS)[number];
/** A district department id, or a street office `street:110101001`. */
export type DepartmentId = DistrictDepartmentId | `street:${string}`;

export const DISTRICT_DEPARTMENT_NAMES: Record<DistrictDepartmentId, BilingualText> = {
  sanitation: { zh: '区环境卫生服务中心', en: 'Sanitation Service Centre' },
  roads: { zh: '区市政道路管理所', en: 'Municipal Roads Office' },
  landscaping: { zh: '区园林绿化局', en: 'Landscaping Bureau' },
  water: { zh: '区供排水公司', en: 'Water Supply & Drainage Co.' },
  power: { zh: '东城供电公司', en: 'Power Supply Co.' },
  gas: { zh: '燃气集团东城分公司', en: 'Gas Group, Dongcheng Branch' },
  heating: { zh: '区供热管理中心', en: 'Heating Management Centre' },
  telecom: { zh: '区通信管线管理办公室', en: 'Telecom Lines Office' },
  police: { zh: '东城公安分局', en: 'Public Security Sub-bureau' },
  traffic: { zh: '东城交通支队', en: 'Traffic Police Detachment' },
  fire: { zh: '东城消防救援支队', en: 'Fire and Rescue Detachment' },
  market: { zh: '区市场监督管理局', en: 'Market Regulation Bureau' },
  housing: { zh: '区住房和城乡建设委员会', en: 'Housing & Construction Commission' },
  'urban-law': { zh: '区城市管理综合执法局', en: 'Urban Management Law Enforcement' },
  planning: { zh: '规划和自然资源分局', en: 'Planning & Natural Resources Branch' },
  ecology: { zh: '区生态环境局', en: 'Ecology & Environment Bureau' },
};

export function streetOfficeId(streetCode: string): DepartmentId {
  return `street:${streetCode}`;
}

export function isDistrictDepartmentId(id: string): id is DistrictDepartmentId {
  return (DISTRICT_DEPARTMENT_IDS as readonly string[]).includes(id);
}
