import type { CityComponent, GridType, UnitGrid } from '../../src-shared/district/types';
import { type Box, type Rings, boxOf, pointInRings, randomPointIn, round6 } from './geometry';
import { Random, WeightedPicker, apportion } from './random';

/** Dongcheng coded 168,339 components (部件); `--full` generates exactly that many. */
export const FULL_COMPONENT_COUNT = 168_339;
export const DEFAULT_COMPONENT_COUNT = 20_000;

/**
 * The component kinds we place, with each kind's relative weight (roughly per mille of all
 * components) and,
 * where it matters, which grid types they favour: road furniture stands along street-lane
 * grids (C), fitness corners sit inside compounds (B). Codes are shared with the category
 * catalog; the share figures are our estimate for a dense old-town district: covers, lamps,
 * street trees and litter bins are everywhere, overpasses and garbage stations are rare.
 */
interface KindSpec {
  code: string;
  name: string;
  weight: number;
  favours?: Partial<Record<GridType, number>>;
}

const ROADSIDE = { A: 0.4, B: 0.6, C: 1.5 };
const RESIDENTIAL = { A: 0.6, B: 2.5, C: 0.8 };

export const COMPONENT_KINDS: readonly KindSpec[] = [
  { code: 'C0101', name: '上水井盖', weight: 60 },
  { code: 'C0102', name: '污水井盖', weight: 75 },
  { code: 'C0103', name: '雨水井盖', weight: 65 },
  { code: 'C0104', name: '雨水箅子', weight: 85, favours: ROADSIDE },
  { code: 'C0105', name: '电力井盖', weight: 50 },
  { code: 'C0106', name: '路灯井盖', weight: 30, favours: ROADSIDE },
  { code: 'C0107', name: '通信井盖', weight: 65 },
  { code: 'C0108', name: '燃气井盖', weight: 30 },
  { code: 'C0109', name: '热力井盖', weight: 30 },
  { code: 'C0110', name: '消火栓', weight: 15 },
  { code: 'C0111', name: '燃气调压箱', weight: 3, favours: RESIDENTIAL },
  { code: 'C0112', name: '路灯', weight: 90, favours: ROADSIDE },
  { code: 'C0113', name: '邮筒', weight: 2, favours: ROADSIDE },
  { code: 'C0114', name: '电话亭', weight: 2, favours: ROADSIDE },
  { code: 'C0115', name: '报刊亭', weight: 2, favours: ROADSIDE },
  { code: 'C0116', name: '变电箱', weight: 8 },
  { code: 'C0117', name: '通信交接箱', weight: 10 },
  { code: 'C0201', name: '公交站亭', weight: 4, favours: ROADSIDE },
  { code: 'C0202', name: '交通信号灯', weight: 6, favours: ROADSIDE },
  { code: 'C0203', name: '交通标志牌', weight: 25, favours: ROADSIDE },
  { code: 'C0204', name: '隔离护栏', weight: 20, favours: ROADSIDE },
  { code: 'C0205', name: '停车场', weight: 3 },
  { code: 'C0206', name: '过街天桥', weight: 0.3, favours: { A: 0, B: 0, C: 1 } },
  { code: 'C0207', name: '路名牌', weight: 10, favours: ROADSIDE },
  { code: 'C0208', name: '阻车桩', weight: 30, favours: ROADSIDE },
  { code: 'C0301', name: '公共厕所', weight: 5, favours: { A: 0.3, B: 0.8, C: 1.5 } },
  { code: 'C0302', name: '果皮箱', weight: 60, favours: ROADSIDE },
  { code: 'C0303', name: '垃圾楼', weight: 1, favours: RESIDENTIAL },
  { code: 'C0304', name: '广告牌匾', weight: 40, favours: ROADSIDE },
  { code: 'C0401', name: '行道树', weight: 140, favours: ROADSIDE },
  { code: 'C0402', name: '绿地', weight: 8 },
  { code: 'C0403', name: '花坛', weight: 10 },
  { code: 'C0501', name: '施工工地', weight: 1 },
  { code: 'C0601', name: '健身设施', weight: 6, favours: RESIDENTIAL },
  { code: 'C0602', name: '监控电子眼', weight: 15, favours: ROADSIDE },
];

/**
 * Spreads `count` components over the grids: each kind gets its share (at least one of each),
 * each piece a grid drawn by area × the kind's liking for the grid type, and a uniform point
 * inside that grid. Sequence numbers run per kind in grid-code order, so one grid's street
 * lamps have neighbouring codes.
 */
export function placeComponents(grids: UnitGrid[], count: number, seed: number): CityComponent[] {
  const random = new Random(seed, 'components');
  const perKind = apportion(
    count,
    COMPONENT_KINDS.map((k) => k.weight),
    1,
  );
  const shapes: { rings: Rings; box: Box }[] = grids.map((g) => ({
    rings: g.polygon as Rings,
    box: boxOf(g.polygon as Rings),
  }));
  const pickers = new Map<string, WeightedPicker>();
  const pickerFor = (favours: Partial<Record<GridType, number>> = {}): WeightedPicker => {
    const cacheKey = JSON.stringify(favours);
    let picker = pickers.get(cacheKey);
    if (!picker) {
      picker = new WeightedPicker(grids.map((g) => g.areaM2 * (favours[g.type] ?? 1)));
      pickers.set(cacheKey, picker);
    }
    return picker;
  };

  const components: CityComponent[] = [];
  COMPONENT_KINDS.forEach((kind, k) => {
    const picker = pickerFor(kind.favours);
    const placed = Array.from({ length: perKind[k] as number }, () => {
      const g = picker.pick(random);
      const shape = shapes[g] as { rings: Rings; box: Box };
      // Rounding to 6 decimals may step a point just over the grid's edge: draw again then.
      for (let tries = 1; ; tries++) {
        const [x, y] = randomPointIn(shape.rings, random, shape.box);
        const lon = round6(x);
        const lat = round6(y);
        if (pointInRings(lon, lat, shape.rings) || tries >= 100) return { grid: (grids[g] as UnitGrid).code, lon, lat };
      }
    });
    placed.sort((a, b) => (a.grid < b.grid ? -1 : a.grid > b.grid ? 1 : b.lat - a.lat || a.lon - b.lon));
    if (placed.length > 999_999) throw new Error(`too many ${kind.code} for a 6-digit sequence`);
    placed.forEach((p, i) => {
      components.push({
        code: `110101${kind.code.slice(1)}${String(i + 1).padStart(6, '0')}`,
        kindCode: kind.code,
        lon: p.lon,
        lat: p.lat,
        gridCode: p.grid,
      });
    });
  });
  return components;
}
