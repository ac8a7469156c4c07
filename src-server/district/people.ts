import {
  DISTRICT_DEPARTMENT_IDS,
  DISTRICT_DEPARTMENT_NAMES,
  streetOfficeId,
} from '../../src-shared/catalog/departments';
import type { Community, DemoUser, Department, Street, UnitGrid } from '../../src-shared/district/types';
import { supervisorIdOf } from './grids';
import { Random } from './random';

/** Pinyin of the street names, for the English names of the street offices. */
const STREET_PINYIN: Record<string, string> = {
  '110101001': 'Donghuamen',
  '110101002': 'Jingshan',
  '110101003': 'Jiaodaokou',
  '110101004': 'Andingmen',
  '110101005': 'Beixinqiao',
  '110101006': 'Dongsi',
  '110101007': 'Chaoyangmen',
  '110101008': 'Jianguomen',
  '110101009': 'Dongzhimen',
  '110101010': 'Hepingli',
  '110101011': 'Qianmen',
  '110101012': 'Chongwenmenwai',
  '110101013': 'Donghuashi',
  '110101014': 'Longtan',
  '110101015': 'Tiyuguanlu',
  '110101016': 'Tiantan',
  '110101017': 'Yongdingmenwai',
};

/** The district's departments, then one street office (街道办事处) per street. */
export function makeDepartments(streets: Street[]): Department[] {
  const district: Department[] = DISTRICT_DEPARTMENT_IDS.map((id) => ({
    id,
    name: { zh: DISTRICT_DEPARTMENT_NAMES[id].zh, en: DISTRICT_DEPARTMENT_NAMES[id].en },
    kind: 'district',
  }));
  const offices: Department[] = streets.map((s) => ({
    id: streetOfficeId(s.code),
    name: { zh: `${s.name}办事处`, en: `${STREET_PINYIN[s.code] ?? s.code} Subdistrict Office` },
    kind: 'street',
    streetCode: s.code,
  }));
  return [...district, ...offices];
}

/**
 * Demo users for every role, in the order of ROLES: a supervisor per community (who patrols
 * all its grids), two intake operators, two dispatchers, a handler per department, one duty
 * officer, one leader, one administrator.
 */
export function makeUsers(
  communities: Community[],
  grids: UnitGrid[],
  departments: Department[],
  seed: number,
): DemoUser[] {
  const names = new NameGenerator(new Random(seed, 'names'));
  const gridsOf = new Map<string, string[]>();
  for (const g of grids) gridsOf.set(g.communityCode, [...(gridsOf.get(g.communityCode) ?? []), g.code]);

  const users: DemoUser[] = communities.map((c) => ({
    id: supervisorIdOf(c.code),
    name: names.next(),
    role: 'supervisor',
    streetCode: c.streetCode,
    gridCodes: [...(gridsOf.get(c.code) ?? [])].sort(),
  }));
  for (const n of [1, 2]) users.push({ id: `intake-${n}`, name: names.next(), role: 'intake' });
  for (const n of [1, 2]) users.push({ id: `dispatcher-${n}`, name: names.next(), role: 'dispatcher' });
  for (const d of departments) {
    const user: DemoUser = { id: `handler-${d.id}`, name: names.next(), role: 'department', departmentId: d.id };
    if (d.streetCode) user.streetCode = d.streetCode;
    users.push(user);
  }
  users.push({ id: 'duty-1', name: names.next(), role: 'duty' });
  users.push({ id: 'leader-1', name: names.next(), role: 'leader' });
  users.push({ id: 'admin-1', name: names.next(), role: 'admin' });
  return users;
}

/**
 * Surnames weighted roughly by how common they are in China (王李张刘陈 lead), given names of
 * one or two characters from a list of common ones. No name is handed out twice.
 */
const SURNAMES: readonly [string, number][] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 53], ['陈', 45], ['杨', 32], ['赵', 20], ['黄', 24],
  ['周', 19], ['吴', 19], ['徐', 14], ['孙', 14], ['胡', 11], ['朱', 11], ['高', 10], ['林', 10],
  ['何', 10], ['郭', 10], ['马', 10], ['罗', 8], ['梁', 7], ['宋', 7], ['郑', 7], ['谢', 6],
  ['韩', 6], ['唐', 6], ['冯', 5], ['于', 5], ['董', 5], ['萧', 4], ['程', 4], ['曹', 4],
  ['袁', 4], ['邓', 4], ['许', 4], ['傅', 3], ['沈', 3], ['曾', 3], ['彭', 3], ['吕', 3],
  ['苏', 3], ['卢', 3], ['蒋', 3], ['蔡', 3], ['贾', 2], ['丁', 2], ['魏', 2], ['薛', 2],
  ['叶', 2], ['阎', 2], ['潘', 2], ['杜', 2], ['戴', 2], ['夏', 2], ['钟', 2], ['汪', 2],
  ['田', 2], ['任', 2], ['姜', 2], ['范', 2], ['方', 2], ['石', 2], ['姚', 2], ['谭', 2],
  ['廖', 1], ['邹', 1], ['熊', 1], ['金', 1], ['陆', 1], ['郝', 1], ['孔', 1], ['白', 1],
  ['崔', 1], ['康', 1], ['毛', 1], ['邱', 1], ['秦', 1], ['江', 1], ['史', 1], ['顾', 1],
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽',
  ...'浩宇轩然子涵博文睿哲思远天佑俊熙鹏飞志强建国建华国庆海涛立新卫东永刚振华德明光辉晨阳雨泽一鸣嘉懿煜城懿轩烨伟苑博伟泽熠彤鸿煊博涛烨霖烨华煜祺智宸正豪昊然明杰立诚立轩立辉峻熙弘文熠彤鸿涛伟诚',
];

class NameGenerator {
  private readonly used = new Set<string>();
  private readonly surnames: string[] = SURNAMES.flatMap(([s, w]) => Array.from({ length: w }, () => s));
  private readonly given = [...new Set(GIVEN)];

  constructor(private readonly random: Random) {}

  next(): string {
    for (;;) {
      const surname = this.random.pick(this.surnames);
      const length = this.random.next() < 0.7 ? 2 : 1;
      let given = '';
      for (let i = 0; i < length; i++) given += this.random.pick(this.given);
      const name = surname + given;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
