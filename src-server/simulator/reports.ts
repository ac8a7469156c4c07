import { categoryByCode } from '../../src-shared/catalog/categories';
import type { Category } from '../../src-shared/catalog/category-types';
import type { Channel } from '../../src-shared/domain/case';
import type { CommandPayloadInputs } from '../../src-shared/domain/commands';
import type { Actor } from '../../src-shared/domain/roles';
import type { CityComponent, District, UnitGrid } from '../../src-shared/district/types';
import { WeightedPicker, type Random } from '../district/random';
import type { DistrictIndex } from '../service/district-index';
import { CaseMix } from './case-mix';
import { chance, normal } from './draws';

export type ReportPayload = Omit<CommandPayloadInputs['report'], 'number'>;

export interface Report {
  payload: ReportPayload;
  actor: Actor;
}

/** A reported case the simulator may report again (a repeat from another channel). */
interface Reported {
  categoryCode: string;
  lon: number;
  lat: number;
  componentCode?: string;
  at: number;
}

/** Share of reports that repeat a recent case (*suggested*: the brief's ~5 %). */
const REPEAT_SHARE = 0.05;
/** Repeats are within ~30 m (≤ 20 m per axis) of the first report: inside the service's 50 m duplicate radius. */
const REPEAT_RADIUS_M = 20;
/** Recent reports kept as candidates for repeats; old ones are likely closed. */
const RECENT = 200;
const M_PER_DEG_LAT = 111_320;

/** Grids by type: street-lane grids see the most trouble, walled units the least (*suggested*). */
const GRID_TYPE_WEIGHT = { A: 0.5, B: 1, C: 1.5 } as const;

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system' };

/**
 * Builds field reports: category by the case mix, a place inside a grid, the right reporter
 * for the channel (the grid's supervisor on patrol, an intake operator for hotline and app
 * calls, the system for camera alerts), and now and then a repeat of a recent case.
 */
export class ReportMaker {
  private readonly mix: CaseMix;
  private readonly grids: readonly UnitGrid[];
  private readonly gridPicker: WeightedPicker;
  private readonly gridByCode = new Map<string, UnitGrid>();
  private readonly componentsByKind = new Map<string, CityComponent[]>();
  private readonly intake: readonly Actor[];
  private readonly recent: Reported[] = [];

  constructor(
    private readonly district: District,
    private readonly index: DistrictIndex,
    private readonly random: Random,
  ) {
    this.grids = district.grids;
    this.gridPicker = new WeightedPicker(this.grids.map((g) => GRID_TYPE_WEIGHT[g.type]));
    for (const g of this.grids) this.gridByCode.set(g.code, g);
    for (const c of district.components) {
      const list = this.componentsByKind.get(c.kindCode);
      if (list) list.push(c);
      else this.componentsByKind.set(c.kindCode, [c]);
    }
    this.mix = new CaseMix(new Set(this.componentsByKind.keys()));
    this.intake = district.users.filter((u) => u.role === 'intake').map((u) => ({ userId: u.id, role: 'intake' as const }));
    if (this.intake.length === 0) throw new Error('simulator: the district has no intake operator for hotline and app reports');
  }

  make(channel: Channel, at: number): Report {
    const repeat = this.recent.length > 0 && chance(this.random, REPEAT_SHARE) ? this.repeatOf(at, channel) : undefined;
    const report = repeat ?? this.fresh(channel);
    if (!repeat) {
      const p = report.payload;
      this.recent.push({ categoryCode: p.categoryCode, lon: p.lon as number, lat: p.lat as number, ...(p.componentCode ? { componentCode: p.componentCode } : {}), at });
      if (this.recent.length > RECENT) this.recent.shift();
    }
    return report;
  }

  private fresh(channel: Channel): Report {
    if (channel === 'camera') return this.cameraAlert();
    const category = this.mix.pick(this.random, channel);
    if (category.kind === 'component') {
      const component = this.random.pick(this.componentsByKind.get(category.code) ?? []);
      const grid = this.gridByCode.get(component.gridCode);
      return this.build(channel, category, component.lon, component.lat, grid, component.code);
    }
    const grid = this.grids[this.gridPicker.pick(this.random)] as UnitGrid;
    const [lon, lat] = this.pointIn(grid);
    return this.build(channel, category, lon, lat, grid);
  }

  /** A camera's alert: a kind AI video spots, in a grid the camera sees. */
  private cameraAlert(): Report {
    const camera = this.random.pick(this.district.cameras);
    const grid = this.gridByCode.get(this.random.pick(camera.gridCodes));
    const category = this.mix.pick(this.random, 'camera');
    const [lon, lat] = grid ? this.pointIn(grid) : [camera.lon, camera.lat];
    return this.build('camera', category, lon, lat, grid, undefined, camera.name);
  }

  /**
   * The same problem again, a few metres from the first report, through the channel the arrival
   * drew (so repeats do not skew the channel mix). Cameras only spot their own kinds: no repeats.
   */
  private repeatOf(at: number, channel: Channel): Report | undefined {
    if (channel === 'camera') return undefined;
    const fresh = this.recent.filter((r) => at - r.at < 48 * 3_600_000);
    if (fresh.length === 0) return undefined;
    const first = this.random.pick(fresh.slice(-50));
    const category = categoryByCode(first.categoryCode);
    if (category === undefined) return undefined;
    const [lon, lat] = first.componentCode ? [first.lon, first.lat] : this.near(first.lon, first.lat, REPEAT_RADIUS_M);
    const located = this.index.locate(lon, lat);
    const grid = located ? this.gridByCode.get(located.gridCode) : undefined;
    return this.build(channel, category, lon, lat, grid, first.componentCode);
  }

  private build(channel: Channel, category: Category, lon: number, lat: number, grid: UnitGrid | undefined, componentCode?: string, cameraName?: string): Report {
    const where = componentCode ? `部件 ${componentCode}` : cameraName ? `视频 ${cameraName}` : `网格 ${grid?.code ?? ''}`;
    const payload: ReportPayload = {
      categoryCode: category.code,
      channel,
      description: `${category.name.zh}（${where}，模拟上报）`,
      lon,
      lat,
      ...(componentCode ? { componentCode } : {}),
      hasReporterContact: channel === 'hotline' || channel === 'app',
    };
    return { payload, actor: this.reporter(channel, grid) };
  }

  private reporter(channel: Channel, grid: UnitGrid | undefined): Actor {
    if (channel === 'camera') return SYSTEM_ACTOR;
    if (channel === 'patrol' && grid) return { userId: grid.supervisorId, role: 'supervisor' };
    // Hotline and app reports are keyed in by an intake operator (so is a patrol report with no grid found).
    return this.random.pick(this.intake);
  }

  /**
   * A point anywhere in the grid (uniform in its bounding box, kept when inside), so reports of
   * one kind in one grid do not pile up on one spot and read as duplicates; the centroid (always
   * inside) if a few tries miss.
   */
  private pointIn(grid: UnitGrid): [number, number] {
    const ring = grid.polygon[0] ?? [];
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon = 0, lat = 0] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
    for (let attempt = 0; attempt < 4 && ring.length > 0; attempt++) {
      const lon = this.random.float(minLon, maxLon);
      const lat = this.random.float(minLat, maxLat);
      if (this.index.locate(lon, lat)?.gridCode === grid.code) return [lon, lat];
    }
    return [grid.centroid[0], grid.centroid[1]];
  }

  private near(lon: number, lat: number, sigmaM: number): [number, number] {
    const dy = Math.max(-1, Math.min(1, normal(this.random) / 2)) * sigmaM;
    const dx = Math.max(-1, Math.min(1, normal(this.random) / 2)) * sigmaM;
    return [lon + dx / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)), lat + dy / M_PER_DEG_LAT];
  }
}
