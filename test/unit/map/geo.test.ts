import { describe, expect, it } from 'vitest';
import { convertRings, datumConverter } from '../../../src-shared/geo/datum';
import { metresBetween, viewWedge } from '../../../src-shared/geo/view-wedge';

describe('datum conversion (gcoord, in one place)', () => {
  it('moves Beijing GCJ-02 coordinates by the published few-hundred-metre offset, and back', () => {
    const toWgs = datumConverter('GCJ02', 'WGS84');
    const toGcj = datumConverter('WGS84', 'GCJ02');
    const tiananmen: [number, number] = [116.397477, 39.908692];
    const wgs = toWgs(...tiananmen);
    const shift = metresBetween(tiananmen, wgs);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    // WGS84 lies to the west and south of GCJ-02 in Beijing.
    expect(wgs[0]).toBeLessThan(tiananmen[0]);
    expect(wgs[1]).toBeLessThan(tiananmen[1]);
    expect(metresBetween(toGcj(...wgs), tiananmen)).toBeLessThan(1);
  });

  it('is the identity between equal datums, and converts whole rings', () => {
    expect(datumConverter('WGS84', 'WGS84')(116.4, 39.9)).toEqual([116.4, 39.9]);
    const rings = [[[116.4, 39.9], [116.41, 39.9], [116.41, 39.91], [116.4, 39.9]]];
    const converted = convertRings(rings, datumConverter('GCJ02', 'WGS84'));
    expect(converted[0]).toHaveLength(4);
    expect(converted[0]?.[0]?.[0]).not.toBe(116.4);
    expect(rings[0]?.[0]?.[0]).toBe(116.4); // the input is left alone
  });
});

describe('camera view wedge', () => {
  it('opens from the camera along its heading, out to its range', () => {
    const at: [number, number] = [116.4, 39.9];
    const [ring = []] = viewWedge(at, 90, 60, 100); // looking east
    expect(ring[0]).toEqual(at);
    expect(ring[ring.length - 1]).toEqual(at);
    for (const p of ring.slice(1, -1)) {
      expect(metresBetween(at, p as [number, number])).toBeCloseTo(100, 0);
      expect(p[0]).toBeGreaterThan(at[0]);
    }
  });
});
