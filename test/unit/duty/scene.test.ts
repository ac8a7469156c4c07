import { describe, expect, it } from 'vitest';
import { camerasInScene, componentsInScene, openCasesInScene, sceneFocus, type ComponentRow } from '../../../src-renderer/features/duty/scene';
import { sceneRing, sceneViewRange } from '../../../src-renderer/features/map/scene-ring';
import type { CameraFeed } from '../../../src-shared/contract/video';
import { metresBetween, metresPerDegree } from '../../../src-shared/geo/view-wedge';
import { ACTORS } from '../domain/fixtures';
import { garbageAt, gasLeakAt, on } from './support';

const CENTRE = { lon: 116.4, lat: 39.92 };
const m = metresPerDegree(CENTRE.lat);
/** A point `east` and `north` metres from the centre. */
const at = (east: number, north: number) => ({ lon: CENTRE.lon + east / m.lon, lat: CENTRE.lat + north / m.lat });

function camera(id: string, east: number, north: number): CameraFeed {
  return { id, name: id, ...at(east, north), headingDeg: 0, fovDeg: 60, rangeM: 100, gridCodes: [], streetCode: '110101001', hlsUrl: null, live: false };
}

function component(code: string, kindCode: string, east: number, north: number): ComponentRow {
  const p = at(east, north);
  return [code, kindCode, p.lon, p.lat, '11010100100101'];
}

describe('the scene of an emergency', () => {
  it('takes the running plan’s radius, else the one the category’s plan would give', () => {
    const leak = gasLeakAt('leak', 0);
    expect(sceneFocus(leak)).toEqual({ lon: leak.place.lon, lat: leak.place.lat, radiusMetres: 500 });
    // The officer chose the generic plan (300 m) for the same leak.
    const generic = on(leak, 'startEmergencyPlan', ACTORS.duty, { planCode: 'EP-GENERIC' }, 1);
    expect(sceneFocus(generic).radiusMetres).toBe(300);
  });

  it('lists the cameras within the radius, nearest first, and none beyond it', () => {
    const focus = { ...CENTRE, radiusMetres: 300 };
    const cameras = [camera('far', 0, 310), camera('near', 50, 0), camera('corner', 200, 200), camera('edge', -299, 0), camera('box-corner', 290, 290)];
    const found = camerasInScene(focus, cameras);
    expect(found.map((n) => n.item.id)).toEqual(['near', 'corner', 'edge']);
    expect(found[0]?.distanceM).toBeCloseTo(50, 0);
  });

  it('groups the components within the radius by kind, named from the catalog, the kind with the closest first', () => {
    const focus = { ...CENTRE, radiusMetres: 500 };
    const rows = [
      component('hydrant-1', 'C0110', 120, 0),
      component('gasbox-1', 'C0111', 30, 0),
      component('hydrant-2', 'C0110', 0, 80),
      component('hydrant-far', 'C0110', 0, 900),
      component('gascover-1', 'C0108', 400, 0),
      component('hydrant-3', 'C0110', -200, 0),
      component('hydrant-4', 'C0110', -300, 0),
    ];
    const groups = componentsInScene(focus, rows);
    expect(groups.map((g) => [g.kindCode, g.name.zh, g.count])).toEqual([
      ['C0111', '燃气调压箱', 1],
      ['C0110', '消火栓', 4],
      ['C0108', '燃气井盖', 1],
    ]);
    expect(groups[1]?.nearest.map((n) => n.code)).toEqual(['hydrant-2', 'hydrant-1', 'hydrant-3']);
    expect(groups[1]?.nearest[0]?.distanceM).toBeCloseTo(80, 0);
  });

  it('lists the other open cases within the radius, not the emergency itself and not closed ones', () => {
    const leak = gasLeakAt('leak', 0);
    const focus = sceneFocus(leak);
    const nearby = garbageAt('garbage', 1);
    const rejected = on(garbageAt('rejected', 2), 'reject', ACTORS.intake, { reason: '不属实' }, 3);
    expect(openCasesInScene(focus, [leak, nearby, rejected], leak.id).map((n) => n.item.id)).toEqual(['garbage']);
  });
});

describe('the ring on the map', () => {
  it('is a closed ring of points at the radius around the centre', () => {
    const ring = sceneRing([CENTRE.lon, CENTRE.lat], 500, 36);
    expect(ring).toHaveLength(37);
    expect(ring[0]).toEqual(ring[36]);
    for (const p of ring) expect(metresBetween([CENTRE.lon, CENTRE.lat], p)).toBeCloseTo(500, 0);
    // The camera stands back far enough to see all of it in a small panel.
    expect(sceneViewRange(500)).toBeGreaterThan(2 * 500);
    expect(sceneViewRange(100)).toBe(600);
  });
});
