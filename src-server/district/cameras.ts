import type { Camera, Street, UnitGrid } from '../../src-shared/district/types';
import {
  type Rings,
  boxOf,
  boxesOverlap,
  pointInRings,
  polygonsOverlap,
  randomPointIn,
  round6,
} from './geometry';
import { Random, WeightedPicker } from './random';
import { viewWedge } from '../../src-shared/geo/view-wedge';

export const DEFAULT_CAMERA_COUNT = 240;

/**
 * Real roads and lanes of each street, for camera names like '东华门街道-王府井大街-03'.
 * Approximate (which side of a street border a long road runs is not always right), but the
 * names a Dongcheng dispatcher would recognise.
 */
const ROADS: Record<string, readonly string[]> = {
  '110101001': ['王府井大街', '东华门大街', '南河沿大街', '东安门大街', '灯市口西街', '东长安街'],
  '110101002': ['景山前街', '景山东街', '五四大街', '美术馆后街', '地安门内大街', '沙滩北街'],
  '110101003': ['交道口南大街', '南锣鼓巷', '地安门外大街', '鼓楼东大街', '府学胡同', '地安门东大街'],
  '110101004': ['安定门内大街', '国子监街', '五道营胡同', '北锣鼓巷', '方家胡同', '安定门东大街'],
  '110101005': ['东直门内大街', '雍和宫大街', '北新桥三条', '香饵胡同', '东直门北小街', '东四北大街'],
  '110101006': ['东四北大街', '东四十条', '东四西大街', '钱粮胡同', '演乐胡同', '东四六条'],
  '110101007': ['朝阳门内大街', '朝阳门南小街', '东四南大街', '禄米仓胡同', '史家胡同', '朝阳门北小街'],
  '110101008': ['建国门内大街', '北京站街', '东单北大街', '崇文门内大街', '金宝街', '东总布胡同'],
  '110101009': ['东直门南大街', '东中街', '东直门北中街', '新中街', '东四十四条', '海运仓胡同'],
  '110101010': ['和平里东街', '和平里中街', '和平里西街', '和平里北街', '安定门外大街', '和平里南街'],
  '110101011': ['前门大街', '大江胡同', '草厂三条', '西打磨厂街', '鲜鱼口街', '前门东大街'],
  '110101012': ['崇文门外大街', '崇文门东大街', '兴隆街', '西花市大街', '珠市口东大街', '磁器口'],
  '110101013': ['东花市大街', '广渠门内大街', '东花市北里', '白桥大街', '东便门', '花市枣苑'],
  '110101014': ['龙潭路', '夕照寺街', '左安门内大街', '光明路', '龙潭北里', '法华寺街'],
  '110101015': ['体育馆路', '天坛东路', '幸福大街', '东晓市街', '法华南里', '体育馆西路'],
  '110101016': ['天坛路', '永定门内大街', '金鱼池中街', '天坛东里', '永定门东街', '天坛北里'],
  '110101017': ['永定门外大街', '安乐林路', '沙子口路', '革新里', '李村路', '定安东里'],
};

/**
 * Places cameras (视频探头) on the streets — street-lane grids (C) are three times as likely
 * as walled units or compounds — each with a heading, a field of view and a range, and works
 * out which grids its view wedge covers: that list is what the video wall uses to show the
 * cameras around a case.
 */
export function placeCameras(grids: UnitGrid[], streets: Street[], count: number, seed: number): Camera[] {
  const random = new Random(seed, 'cameras');
  const shapes = grids.map((g) => ({ grid: g, rings: g.polygon as Rings, box: boxOf(g.polygon as Rings) }));
  const picker = new WeightedPicker(grids.map((g) => g.areaM2 * (g.type === 'C' ? 3 : 1)));
  const streetNames = new Map(streets.map((s) => [s.code, s.name]));

  const drafts = Array.from({ length: count }, () => {
    const home = shapes[picker.pick(random)] as (typeof shapes)[number];
    // Drawn again until the rounded position is still inside the home grid: the apex of the
    // wedge then lies in that grid, so every camera sees at least its own grid.
    let [lon, lat] = [0, 0];
    do {
      const [x, y] = randomPointIn(home.rings, random, home.box);
      [lon, lat] = [round6(x), round6(y)];
    } while (!pointInRings(lon, lat, home.rings));
    const headingDeg = random.int(0, 359);
    const fovDeg = random.int(50, 90);
    const rangeM = random.int(60, 150);
    const roads = ROADS[home.grid.streetCode] ?? ['街巷'];
    const road = random.pick(roads);
    const wedge = viewWedge([lon, lat], headingDeg, fovDeg, rangeM);
    const wedgeBox = boxOf(wedge);
    const seen = shapes
      .filter((s) => boxesOverlap(s.box, wedgeBox) && polygonsOverlap(s.rings, wedge))
      .map((s) => s.grid.code);
    if (!seen.includes(home.grid.code)) throw new Error(`camera at ${lon},${lat} does not see its own grid`);
    seen.sort();
    return { lon, lat, headingDeg, fovDeg, rangeM, road, gridCodes: seen, streetCode: home.grid.streetCode };
  });

  // Ids and names run street by street, road by road, north to south.
  drafts.sort(
    (a, b) =>
      compareText(a.streetCode, b.streetCode) ||
      roadIndex(a.streetCode, a.road) - roadIndex(b.streetCode, b.road) ||
      b.lat - a.lat ||
      a.lon - b.lon,
  );
  const perRoad = new Map<string, number>();
  return drafts.map((d, i) => {
    const roadKey = `${d.streetCode}:${d.road}`;
    const n = (perRoad.get(roadKey) ?? 0) + 1;
    perRoad.set(roadKey, n);
    return {
      id: `cam-${String(i + 1).padStart(4, '0')}`,
      name: `${streetNames.get(d.streetCode) ?? d.streetCode}-${d.road}-${String(n).padStart(2, '0')}`,
      lon: d.lon,
      lat: d.lat,
      headingDeg: d.headingDeg,
      fovDeg: d.fovDeg,
      rangeM: d.rangeM,
      gridCodes: d.gridCodes,
      streetCode: d.streetCode,
    };
  });
}

/** Plain code-unit order: locale-aware compare could differ between ICU builds. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function roadIndex(streetCode: string, road: string): number {
  return (ROADS[streetCode] ?? []).indexOf(road);
}

