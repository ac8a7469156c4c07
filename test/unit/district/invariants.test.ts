import {
  area,
  bbox,
  booleanIntersects,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  kinks,
  point,
  polygon,
  sector,
} from '@turf/turf';
import type { BBox, Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DISTRICT_DEPARTMENT_IDS } from '../../../src-shared/catalog/departments';
import { ROLES } from '../../../src-shared/domain/roles';
import type { PolygonRings, UnitGrid } from '../../../src-shared/district/types';
import { COMPONENT_KINDS } from '../../../src-server/district/components';
import { loadDistrict } from '../../../src-server/district/load';

// The invariants are checked on the committed files; generate.test.ts proves those are exactly
// what the generator produces, so every property here is a property of the generator too.
const district = await loadDistrict();
const boundary = polygon(district.boundary);
const boundaryArea = area(boundary);

interface Shape {
  feature: Feature<Polygon>;
  box: BBox;
  areaM2: number;
}
const shapeOf = (rings: PolygonRings): Shape => {
  const feature = polygon(rings);
  return { feature, box: bbox(feature), areaM2: area(feature) };
};
const boxesMeet = (a: BBox, b: BBox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const overlapArea = (a: Shape, b: Shape): number => {
  if (!boxesMeet(a.box, b.box)) return 0;
  const common = intersect(featureCollection([a.feature, b.feature]));
  return common ? area(common) : 0;
};

const streets = new Map(district.streets.map((s) => [s.code, { ...s, shape: shapeOf(s.polygon) }]));
const communities = new Map(district.communities.map((c) => [c.code, { ...c, shape: shapeOf(c.polygon) }]));
const grids = new Map(district.grids.map((g) => [g.code, { ...g, shape: shapeOf(g.polygon) }]));
const boundaryShape = shapeOf(district.boundary);

describe('demo district: counts', () => {
  it('has the real streets and communities and Dongcheng-sized grid, component and camera counts', () => {
    expect(district.streets).toHaveLength(17);
    expect(district.communities).toHaveLength(169);
    expect(district.grids.length).toBeGreaterThanOrEqual(1640);
    expect(district.grids.length).toBeLessThanOrEqual(1660);
    expect(district.components.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(district.components.map((c) => c.kindCode)).size).toBeGreaterThanOrEqual(20);
    expect(district.cameras.length).toBeGreaterThanOrEqual(200);
    expect(district.departments.length).toBeGreaterThanOrEqual(12);
  });

  it('states its own counts truthfully in meta', () => {
    const c = district.meta.counts;
    expect(district.meta.code).toBe('110101');
    expect([c.streets, c.communities, c.grids, c.components, c.cameras, c.departments, c.users]).toEqual([
      district.streets.length,
      district.communities.length,
      district.grids.length,
      district.components.length,
      district.cameras.length,
      district.departments.length,
      district.users.length,
    ]);
    expect(c.gridsByType.A + c.gridsByType.B + c.gridsByType.C).toBe(district.grids.length);
  });

  it('mixes grid types at about 12 % A, 17 % B, the rest C', () => {
    const share = (t: UnitGrid['type']): number => district.grids.filter((g) => g.type === t).length / district.grids.length;
    expect(share('A')).toBeCloseTo(0.12, 2);
    expect(share('B')).toBeCloseTo(0.17, 2);
  });
});

describe('demo district: codes', () => {
  it('gives every grid a unique 14-digit code under its own community, numbered from 01', () => {
    expect(new Set(grids.keys()).size).toBe(district.grids.length);
    for (const g of district.grids) {
      expect(g.code).toMatch(/^\d{14}$/);
      expect(g.code.slice(0, 12)).toBe(g.communityCode);
      expect(communities.get(g.communityCode)?.streetCode).toBe(g.streetCode);
    }
    for (const c of district.communities) {
      const own = district.grids.filter((g) => g.communityCode === c.code).map((g) => g.code.slice(12));
      expect(own.length, c.code).toBeGreaterThanOrEqual(1);
      expect(own).toEqual(own.map((_, i) => String(i + 1).padStart(2, '0')));
    }
  });

  it('keeps the official street and community codes', () => {
    for (const s of district.streets) expect(s.code).toMatch(/^110101\d{3}$/);
    for (const c of district.communities) {
      expect(c.code).toMatch(/^\d{12}$/);
      expect(c.code.slice(0, 9)).toBe(c.streetCode);
      expect(streets.has(c.streetCode)).toBe(true);
    }
    expect(new Set(district.communities.map((c) => c.code)).size).toBe(169);
  });

  it('codes components as 110101 + kind digits + a 6-digit sequence, uniquely', () => {
    const kinds = new Set(COMPONENT_KINDS.map((k) => k.code));
    expect(new Set(district.components.map((c) => c.code)).size).toBe(district.components.length);
    for (const c of district.components) {
      expect(c.code).toMatch(/^110101\d{10}$/);
      expect(kinds.has(c.kindCode)).toBe(true);
      expect(c.code.slice(6, 10)).toBe(c.kindCode.slice(1));
    }
  });
});

describe('demo district: geometry', () => {
  it('draws every polygon as one closed, non-self-intersecting outer ring', () => {
    for (const rings of [
      ...district.streets.map((s) => s.polygon),
      ...district.communities.map((c) => c.polygon),
      ...district.grids.map((g) => g.polygon),
    ]) {
      expect(rings).toHaveLength(1);
      const ring = rings[0] ?? [];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(kinks(polygon(rings)).features).toHaveLength(0);
    }
  });

  it('keeps every grid inside the district boundary', () => {
    for (const g of grids.values()) {
      expect(booleanPointInPolygon(g.centroid, boundary), g.code).toBe(true);
      expect(overlapArea(g.shape, boundaryShape) / g.shape.areaM2, g.code).toBeGreaterThanOrEqual(0.999);
    }
  }, 120_000); // turf overlays of 1,652 grids: minutes on a loaded 2-core machine

  it('keeps every grid inside its own community and no other', () => {
    for (const g of grids.values()) {
      const own = communities.get(g.communityCode);
      if (!own) throw new Error(`grid ${g.code} without community`);
      expect(booleanPointInPolygon(g.centroid, g.shape.feature), g.code).toBe(true);
      expect(booleanPointInPolygon(g.centroid, own.shape.feature), g.code).toBe(true);
      expect(overlapArea(g.shape, own.shape) / g.shape.areaM2, g.code).toBeGreaterThanOrEqual(0.999);
      const others = [...communities.values()].filter(
        (c) => c.code !== own.code && boxesMeet(c.shape.box, g.shape.box) && booleanPointInPolygon(g.centroid, c.shape.feature),
      );
      expect(others.map((c) => c.code), g.code).toEqual([]);
    }
  }, 120_000); // turf overlays of 1,652 grids: minutes on a loaded 2-core machine

  it('tiles: grids fill their community, communities their street, streets the district (within 1 %)', () => {
    const sum = (shapes: Shape[]): number => shapes.reduce((s, x) => s + x.areaM2, 0);
    for (const c of communities.values()) {
      const own = [...grids.values()].filter((g) => g.communityCode === c.code).map((g) => g.shape);
      expect(Math.abs(sum(own) / c.shape.areaM2 - 1), c.code).toBeLessThan(0.01);
    }
    for (const s of streets.values()) {
      const own = [...communities.values()].filter((c) => c.streetCode === s.code).map((c) => c.shape);
      expect(Math.abs(sum(own) / s.shape.areaM2 - 1), s.code).toBeLessThan(0.01);
    }
    expect(Math.abs(sum([...communities.values()].map((c) => c.shape)) / boundaryArea - 1)).toBeLessThan(0.01);
    expect(Math.abs(sum([...streets.values()].map((s) => s.shape)) / boundaryArea - 1)).toBeLessThan(0.01);
    for (const g of grids.values()) expect(g.areaM2).toBeCloseTo(g.shape.areaM2, 0);
  });

  it('places every component inside the grid it names', () => {
    for (const c of district.components) {
      const g = grids.get(c.gridCode);
      if (!g) throw new Error(`component ${c.code} in unknown grid ${c.gridCode}`);
      expect(booleanPointInPolygon([c.lon, c.lat], g.shape.feature), c.code).toBe(true);
    }
  });
});

describe('demo district: cameras', () => {
  it('gives every camera a sane pose inside the district and a unique id', () => {
    expect(new Set(district.cameras.map((c) => c.id)).size).toBe(district.cameras.length);
    for (const c of district.cameras) {
      expect(booleanPointInPolygon([c.lon, c.lat], boundary), c.id).toBe(true);
      expect(c.headingDeg).toBeGreaterThanOrEqual(0);
      expect(c.headingDeg).toBeLessThan(360);
      expect(c.fovDeg).toBeGreaterThanOrEqual(50);
      expect(c.fovDeg).toBeLessThanOrEqual(90);
      expect(c.rangeM).toBeGreaterThanOrEqual(60);
      expect(c.rangeM).toBeLessThanOrEqual(150);
      expect(c.name.startsWith(streets.get(c.streetCode)?.name ?? '?')).toBe(true);
      expect(c.name).toMatch(/^.+街道-.+-\d{2}$/);
    }
  });

  it('lists exactly the grids each view wedge covers (checked against turf sectors)', () => {
    // Independent wedges from turf: a slightly larger one must cover every listed grid, a
    // slightly smaller one may only touch listed grids (the two drawings differ by a hair).
    const wedge = (c: (typeof district.cameras)[number], scale: number, fovPad: number): Feature<Polygon> =>
      sector(point([c.lon, c.lat]), (c.rangeM * scale) / 1000, c.headingDeg - c.fovDeg / 2 - fovPad, c.headingDeg + c.fovDeg / 2 + fovPad, {
        steps: 64,
      });
    for (const c of district.cameras) {
      expect(c.gridCodes.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.gridCodes).toEqual([...c.gridCodes].sort());
      const outerWedge = wedge(c, 1.05, 2);
      const innerWedge = wedge(c, 0.95, -2);
      const innerBox = bbox(innerWedge);
      for (const code of c.gridCodes) {
        const g = grids.get(code);
        if (!g) throw new Error(`camera ${c.id} sees unknown grid ${code}`);
        expect(booleanIntersects(outerWedge, g.shape.feature), `${c.id} ${code}`).toBe(true);
      }
      for (const g of grids.values()) {
        if (!boxesMeet(g.shape.box, innerBox) || !booleanIntersects(innerWedge, g.shape.feature)) continue;
        expect(c.gridCodes, `${c.id} misses ${g.code}`).toContain(g.code);
      }
    }
  }, 120_000); // turf overlays of 1,652 grids: minutes on a loaded 2-core machine
});

describe('demo district: departments and people', () => {
  it('has every district department and one office per street', () => {
    const ids = district.departments.map((d) => d.id);
    for (const id of DISTRICT_DEPARTMENT_IDS) expect(ids).toContain(id);
    for (const s of district.streets) {
      const office = district.departments.find((d) => d.id === `street:${s.code}`);
      expect(office?.name.zh).toBe(`${s.name}办事处`);
      expect(office?.kind).toBe('street');
      expect(office?.streetCode).toBe(s.code);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has demo users for every human role, with unique ids and names', () => {
    const roles = new Set(district.users.map((u) => u.role));
    for (const role of ROLES.filter((r) => r !== 'system')) expect(roles.has(role), role).toBe(true);
    expect(new Set(district.users.map((u) => u.id)).size).toBe(district.users.length);
    expect(new Set(district.users.map((u) => u.name)).size).toBe(district.users.length);
    for (const id of ['dispatcher-1', 'dispatcher-2', 'intake-1', 'intake-2', 'duty-1', 'leader-1', 'admin-1']) {
      expect(district.users.some((u) => u.id === id), id).toBe(true);
    }
    for (const u of district.users) expect(u.name).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('gives each department a handler and each grid a supervisor who patrols it', () => {
    for (const d of district.departments) {
      expect(district.users.find((u) => u.id === `handler-${d.id}`)?.departmentId).toBe(d.id);
    }
    const users = new Map(district.users.map((u) => [u.id, u]));
    for (const g of district.grids) {
      const s = users.get(g.supervisorId);
      expect(s?.role, g.code).toBe('supervisor');
      expect(s?.gridCodes, g.code).toContain(g.code);
      expect(s?.streetCode).toBe(g.streetCode);
    }
    const supervisors = district.users.filter((u) => u.role === 'supervisor');
    expect(supervisors).toHaveLength(district.communities.length);
    expect(supervisors.flatMap((u) => u.gridCodes ?? []).length).toBe(district.grids.length);
  });
});
