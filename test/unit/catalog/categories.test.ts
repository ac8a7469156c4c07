import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  categoryByCode,
  categoryClasses,
  INTAKE_LIMITS,
  resolveLeadDepartment,
  VERIFY_LIMITS,
  WORKING_DAY_MINUTES,
} from '../../../src-shared/catalog/categories';
import type { Category } from '../../../src-shared/catalog/category-types';
import { DISTRICT_DEPARTMENT_IDS, isDistrictDepartmentId } from '../../../src-shared/catalog/departments';
import { formatComponentCode, parseComponentCode } from '../../../src-shared/codes/component-code';

const byCode = (code: string): Category => {
  const category = categoryByCode(code);
  if (!category) throw new Error(`missing ${code}`);
  return category;
};

/** The kinds the district generator codes its components with: all must exist, with these names. */
const COMPONENT_KINDS: Record<string, string> = {
  C0101: '上水井盖', C0102: '污水井盖', C0103: '雨水井盖', C0104: '雨水箅子', C0105: '电力井盖',
  C0106: '路灯井盖', C0107: '通信井盖', C0108: '燃气井盖', C0109: '热力井盖', C0110: '消火栓',
  C0111: '燃气调压箱', C0112: '路灯', C0113: '邮筒', C0114: '电话亭', C0115: '报刊亭', C0116: '变电箱',
  C0117: '通信交接箱', C0201: '公交站亭', C0202: '交通信号灯', C0203: '交通标志牌', C0204: '隔离护栏',
  C0205: '停车场', C0206: '过街天桥', C0207: '路名牌', C0208: '阻车桩', C0301: '公共厕所', C0302: '果皮箱',
  C0303: '垃圾楼', C0304: '广告牌匾', C0401: '行道树', C0402: '绿地', C0403: '花坛', C0501: '施工工地',
  C0601: '健身设施', C0602: '监控电子眼',
};

/** Event kinds calibration.md names (some split in two where the rule has two limits). */
const CALIBRATED_EVENTS = [
  '暴露垃圾', '积存垃圾渣土', '乱堆物堆料', '沿街晾晒', '废弃家具设备', '绿地脏乱', '非法小广告', '店外经营',
  '无照经营游商', '机动车乱停放', '非机动车乱停放', '道路遗撒', '施工扰民', '违法建设（在建）', '违法建设（已建成）',
  '施工占道', '工地扬尘', '露天烧烤', '道路积水', '路面塌陷', '燃气泄漏', '供水管线爆裂', '树木倒伏（道路）',
  '火灾隐患', '人群聚集', '邻里纠纷', '户外广告', '施工渣土', '绿地养护不到位',
];

describe('the catalog is well-formed', () => {
  it('codes are unique and shaped C/E + class + sub-kind', () => {
    const codes = CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CATEGORIES) {
      expect(c.code).toMatch(/^[CE]0[1-6](0[1-9]|[1-9]\d)$/);
      expect(c.code[0]).toBe(c.kind === 'component' ? 'C' : 'E');
      expect(c.code.slice(1, 3)).toBe(c.classCode);
      expect(c.name.zh.length * c.name.en.length).toBeGreaterThan(0);
    }
  });

  it('has every component kind the district generator uses, under its name', () => {
    for (const [code, zh] of Object.entries(COMPONENT_KINDS)) expect(byCode(code).name.zh, code).toBe(zh);
  });

  it('every component kind makes a valid 16-digit component code', () => {
    for (const c of CATEGORIES.filter((x) => x.kind === 'component')) {
      const parsed = parseComponentCode(formatComponentCode({ county: '110101', kindCode: c.code, sequence: 1 }));
      expect(parsed.ok && parsed.value.kindCode).toBe(c.code);
    }
  });

  it('has the event kinds calibration.md names', () => {
    const names = new Set(CATEGORIES.filter((c) => c.kind === 'event').map((c) => c.name.zh));
    for (const zh of CALIBRATED_EVENTS) expect(names.has(zh), zh).toBe(true);
  });

  it('has all six classes of each kind, named in both languages', () => {
    expect(categoryClasses('component').map((c) => `${c.classCode} ${c.name.zh}`)).toEqual([
      '01 公用设施', '02 道路交通', '03 市容环境', '04 园林绿化', '05 房屋土地', '06 其他设施',
    ]);
    expect(categoryClasses('event').map((c) => `${c.classCode} ${c.name.zh}`)).toEqual([
      '01 市容环境', '02 宣传广告', '03 施工管理', '04 突发事件', '05 街面秩序', '06 其他事件',
    ]);
    for (const c of [...categoryClasses('component'), ...categoryClasses('event')]) expect(c.name.en).not.toBe('');
  });

  it('every lead department exists', () => {
    for (const c of CATEGORIES) {
      expect(c.leadDepartment === 'street' || isDistrictDepartmentId(c.leadDepartment), c.code).toBe(true);
    }
    // And the catalog uses most of the district's departments (routing is not all to one desk).
    const used = new Set(CATEGORIES.map((c) => c.leadDepartment));
    expect(DISTRICT_DEPARTMENT_IDS.filter((d) => used.has(d)).length).toBeGreaterThanOrEqual(14);
  });

  it('every limit is positive', () => {
    for (const c of CATEGORIES) {
      for (const limit of [...Object.values(c.limits), c.arriveLimit ?? c.limits.handle]) {
        expect(limit.minutes, c.code).toBeGreaterThan(0);
      }
      if (c.arriveLimit) expect(c.arriveLimit.minutes).toBeLessThan(c.limits.handle.minutes);
    }
  });
});

describe('urgency and clocks', () => {
  const urgent = CATEGORIES.filter((c) => c.urgency === 'urgent');

  it('the urgent kinds are the emergencies', () => {
    expect(urgent.map((c) => c.name.zh).sort()).toEqual(
      ['燃气泄漏', '供水管线爆裂', '树木倒伏（道路）', '路面塌陷', '火灾隐患', '人群聚集', '热力管线破裂'].sort(),
    );
  });

  it('urgent kinds run every limit 24/7, with 10-minute register and dispatch', () => {
    for (const c of urgent) {
      for (const limit of Object.values(c.limits)) expect(limit.clock, c.code).toBe('natural');
      expect(c.limits.register.minutes).toBe(10);
      expect(c.limits.dispatch.minutes).toBe(10);
    }
  });

  it('normal kinds: register and dispatch 30 natural minutes, verify 1 working hour', () => {
    for (const c of CATEGORIES.filter((x) => x.urgency === 'normal')) {
      expect(c.limits.register).toEqual(INTAKE_LIMITS.normal.register);
      expect(c.limits.dispatch).toEqual({ minutes: 30, clock: 'natural' });
      expect(c.limits.verify).toEqual(VERIFY_LIMITS.normal);
    }
  });
});

describe('published handling limits (calibration.md)', () => {
  const day = WORKING_DAY_MINUTES;
  it.each([
    ['E0101', '暴露垃圾', 4 * 60, 'working'],
    ['E0102', '积存垃圾渣土', 4 * day, 'working'],
    ['E0303', '施工渣土', 2 * day, 'working'],
    ['E0408', '道路积水', 4 * 60, 'working'],
    ['E0104', '绿地脏乱', 4 * 60, 'working'],
    ['E0105', '绿地养护不到位', 5 * day, 'working'],
    ['E0306', '违法建设（在建）', 4 * 60, 'working'],
    ['E0307', '违法建设（已建成）', 20 * day, 'working'],
    ['C0112', '路灯', day, 'working'],
    ['E0505', '露天烧烤', 120, 'natural'],
    ['C0102', '污水井盖', 120, 'natural'],
    ['C0101', '上水井盖', 360, 'natural'],
  ])('%s %s: %i minutes, %s clock', (code, zh, minutes, clock) => {
    const c = byCode(code);
    expect(c.name.zh).toBe(zh);
    expect(c.limits.handle).toEqual({ minutes, clock });
    expect(c.limitSource).toBe('published');
  });

  it('on-site arrival: barbecue within 1 h, manhole covers within 30 min', () => {
    expect(byCode('E0505').arriveLimit).toEqual({ minutes: 60, clock: 'natural' });
    expect(byCode('C0108').arriveLimit).toEqual({ minutes: 30, clock: 'natural' });
    expect(byCode('E0101').arriveLimit).toBeUndefined();
  });

  it('kinds without a published rule say so', () => {
    expect(byCode('E0503').limitSource).toBe('suggested');
    expect(byCode('E0401').limitSource).toBe('suggested');
  });
});

describe('lookups', () => {
  it('categoryByCode finds a kind, or nothing', () => {
    expect(categoryByCode('E0401')?.name.en).toBe('Gas leak');
    expect(categoryByCode('E9999')).toBeUndefined();
  });

  it('resolveLeadDepartment: the street office of the case street, else the district department', () => {
    expect(resolveLeadDepartment(byCode('E0501'), '110101001')).toBe('street:110101001');
    expect(resolveLeadDepartment(byCode('E0101'), '110101001')).toBe('sanitation');
    expect(() => resolveLeadDepartment(byCode('E0501'), '1101010')).toThrow(/street code/);
  });

  it('loop levels follow the lead: street office → street or community, departments → district', () => {
    for (const c of CATEGORIES) {
      expect(c.level === 'district', c.code).toBe(c.leadDepartment !== 'street');
    }
    expect(byCode('E0601').level).toBe('community');
  });
});
