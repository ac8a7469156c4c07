import { categoryByCode } from '../../../src-shared/catalog/categories';
import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState, LonLat } from '../../../src-shared/domain/case';
import { isOpenStage } from '../../../src-shared/domain/stages';
import { planByCode, planForCategory } from '../../../src-shared/emergency/plans';
import { metresBetween, metresPerDegree } from '../../../src-shared/geo/view-wedge';
import type { BilingualText } from '../../../src-shared/i18n-text';

/**
 * The scene of an emergency: what lies within the plan's radius of the case — the cameras to
 * watch it with, the components the crews will need (gas valves, hydrants …), and the other
 * open cases around it (a second report of the same leak, a blocked road nearby). All places
 * are in the district's datum, as cases, cameras and components are stored.
 */

export interface SceneFocus extends LonLat {
  radiusMetres: number;
}

/** The scene of a case: its place and its plan's radius (the running plan's, else the one it would get). */
export function sceneFocus(state: Pick<CaseState, 'place' | 'categoryCode' | 'emergencyResponse'>): SceneFocus {
  const running = state.emergencyResponse?.planCode;
  const plan = (running ? planByCode(running) : undefined) ?? planForCategory(state.categoryCode);
  return { lon: state.place.lon, lat: state.place.lat, radiusMetres: plan.sceneRadiusMetres };
}

/** A quick square test before the distance: 20,000 components are checked at every selection. */
function inBox(focus: SceneFocus, lon: number, lat: number): boolean {
  const m = metresPerDegree(focus.lat);
  return Math.abs(lon - focus.lon) * m.lon <= focus.radiusMetres && Math.abs(lat - focus.lat) * m.lat <= focus.radiusMetres;
}

function distance(focus: SceneFocus, lon: number, lat: number): number | undefined {
  if (!inBox(focus, lon, lat)) return undefined;
  const d = metresBetween([focus.lon, focus.lat], [lon, lat]);
  return d <= focus.radiusMetres ? d : undefined;
}

export interface Near<T> {
  item: T;
  distanceM: number;
}

function nearest<T>(focus: SceneFocus, items: Iterable<T>, at: (item: T) => LonLat | undefined): Near<T>[] {
  const out: Near<T>[] = [];
  for (const item of items) {
    const place = at(item);
    const d = place && distance(focus, place.lon, place.lat);
    if (d !== undefined) out.push({ item, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM);
}

/** Cameras within the radius, nearest first. */
export function camerasInScene(focus: SceneFocus, cameras: readonly CameraFeed[]): Near<CameraFeed>[] {
  return nearest(focus, cameras, (c) => c);
}

/** Open cases within the radius other than the emergency itself, nearest first. */
export function openCasesInScene(focus: SceneFocus, cases: Iterable<CaseState>, exceptId: string): Near<CaseState>[] {
  return nearest(focus, cases, (c) => (c.id !== exceptId && isOpenStage(c.stage) ? c.place : undefined));
}

/** A component as GET /api/district/components lists it: code, kind, lon, lat, grid. */
export type ComponentRow = readonly [code: string, kindCode: string, lon: number, lat: number, gridCode: string];

export interface ComponentGroup {
  kindCode: string;
  name: BilingualText;
  count: number;
  /** The closest few of the kind (code and distance), for the crew to find them. */
  nearest: { code: string; distanceM: number }[];
}

/** Components within the radius grouped by kind, the kind with the closest one first. */
export function componentsInScene(focus: SceneFocus, rows: readonly ComponentRow[], perKind = 3): ComponentGroup[] {
  const groups = new Map<string, ComponentGroup>();
  for (const { item, distanceM } of nearest(focus, rows, ([, , lon, lat]) => ({ lon, lat }))) {
    const [code, kindCode] = item;
    let group = groups.get(kindCode);
    if (!group) {
      group = { kindCode, name: categoryByCode(kindCode)?.name ?? { zh: kindCode, en: kindCode }, count: 0, nearest: [] };
      groups.set(kindCode, group);
    }
    group.count += 1;
    if (group.nearest.length < perKind) group.nearest.push({ code, distanceM });
  }
  // Insertion order is by distance already: the first group holds the closest component.
  return [...groups.values()];
}

/** The cameras the video wall is asked to open (the wall shows 4 at once without re-planning). */
export const WALL_CAMERAS = 4;
