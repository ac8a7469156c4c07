import type { Role } from '../domain/roles';
import type { DepartmentId } from '../catalog/departments';
import type { BilingualText } from '../i18n-text';

/**
 * The demo district: Dongcheng (东城区) cut into streets → communities → unit grids, with its
 * city components, cameras, departments and demo users. Pure data shapes: the generator lives
 * in src-server/district, the files in resources/district.
 *
 * Geometry is GeoJSON-style, lon/lat degrees (the source boundary may carry a GCJ-02-like offset):
 * a polygon is its rings, `[outer, ...holes]`, each ring closed (first position = last).
 */
export type PolygonRings = number[][][];
export type LonLat = [lon: number, lat: number];

/** A street (街道): the sub-centre level. 9-digit official code, e.g. '110101001'. */
export interface Street {
  code: string;
  name: string;
  /** Generated outline (the real street borders are not in the source data). */
  polygon: PolygonRings;
}

/** A community (社区): the base grid. 12-digit official code = street code + 3 digits. */
export interface Community {
  code: string;
  /** e.g. '多福巷社区' (the source's '…社区居委会' without '居委会'). */
  name: string;
  streetCode: string;
  polygon: PolygonRings;
}

/** A: unit (单位型, a walled institution); B: compound (小区型); C: street-lane (街巷型). */
export type GridType = 'A' | 'B' | 'C';

/** A unit grid (单元网格). */
export interface UnitGrid {
  /** 14 digits: 12-digit community code + 2-digit sequence '01'…, e.g. '11010100100101'. */
  code: string;
  type: GridType;
  communityCode: string;
  streetCode: string;
  polygon: PolygonRings;
  /** A point inside the grid (its area centroid when that lies inside), for labels and markers. */
  centroid: LonLat;
  areaM2: number;
  /** The grid supervisor (监督员) who patrols it: a DemoUser id. */
  supervisorId: string;
}

/** A city component (部件): a physical asset with its own code and location. */
export interface CityComponent {
  /** 16 digits: '110101' + 2-digit class + 2-digit sub-kind + 6-digit sequence within the kind. */
  code: string;
  /** Category code of the kind, e.g. 'C0112' (路灯). */
  kindCode: string;
  lon: number;
  lat: number;
  gridCode: string;
}

/** A video camera (视频探头) and the grids its view wedge covers. */
export interface Camera {
  id: string;
  /** '<street>-<road>-<nn>', e.g. '东华门街道-王府井大街-03'. */
  name: string;
  lon: number;
  lat: number;
  /** Degrees clockwise from north, [0, 360). */
  headingDeg: number;
  /** Horizontal field of view, degrees. */
  fovDeg: number;
  /** How far it usefully sees, metres. */
  rangeM: number;
  /** Grids whose polygon intersects the view wedge, sorted; never empty. */
  gridCodes: string[];
  streetCode: string;
}

export interface Department {
  id: DepartmentId;
  name: BilingualText;
  kind: 'district' | 'street';
  /** Set for street offices (kind 'street'). */
  streetCode?: string;
}

export interface DemoUser {
  id: string;
  name: string;
  role: Role;
  /** Department handlers: the department they act for. */
  departmentId?: DepartmentId;
  /** Supervisors and street-office handlers: their street. */
  streetCode?: string;
  /** Supervisors: the grids they patrol, sorted. */
  gridCodes?: string[];
}

export interface DistrictCounts {
  streets: number;
  communities: number;
  grids: number;
  gridsByType: Record<GridType, number>;
  components: number;
  componentKinds: number;
  cameras: number;
  departments: number;
  users: number;
}

export interface DistrictMeta {
  name: string;
  code: '110101';
  seed: number;
  /** What produced the files (no timestamp, so the output stays byte-identical per seed). */
  generatedBy: string;
  counts: DistrictCounts;
}

export interface District {
  meta: DistrictMeta;
  boundary: PolygonRings;
  streets: Street[];
  communities: Community[];
  grids: UnitGrid[];
  components: CityComponent[];
  cameras: Camera[];
  departments: Department[];
  users: DemoUser[];
}
