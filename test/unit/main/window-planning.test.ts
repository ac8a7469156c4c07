import { describe, expect, it } from 'vitest';
import { viewUrl } from '../../../src-main/desk-views';
import { clampInto, displayOf, displaySetKey, mapBetween, orderDisplays, type DeskDisplay } from '../../../src-main/displays';
import { chooseProfile, planWindows } from '../../../src-main/profiles';

/** A display at x with a 40 px task bar at the bottom. */
export function display(id: number, x: number, width = 1920, height = 1080): DeskDisplay {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

const left = display(1, 0);
const middle = display(2, 1920, 2560, 1440);
const right = display(3, 4480);

describe('displays', () => {
  it('names a display set by ids and sizes, whatever order Electron lists them in', () => {
    expect(displaySetKey([middle, left])).toBe('1:1920x1080+2:2560x1440');
    expect(displaySetKey([left, middle])).toBe(displaySetKey([middle, left]));
    expect(displaySetKey([left, display(2, 1920, 1920, 1080)])).not.toBe(displaySetKey([left, middle]));
  });

  it('orders displays primary first, then left to right', () => {
    expect(orderDisplays([right, left, middle], 2).map((d) => d.id)).toEqual([2, 1, 3]);
    expect(orderDisplays([right, left, middle]).map((d) => d.id)).toEqual([1, 2, 3]);
  });

  it('clamps a window into a work area: shrunk if too large, shifted in if outside', () => {
    const area = left.workArea;
    expect(clampInto({ x: -500, y: 2000, width: 800, height: 600 }, area)).toEqual({ x: 0, y: 440, width: 800, height: 600 });
    expect(clampInto({ x: 100, y: 100, width: 5000, height: 5000 }, area)).toEqual(area);
  });

  it('maps bounds between displays keeping their relative place', () => {
    expect(mapBetween({ x: 960, y: 0, width: 960, height: 1040 }, left.workArea, { x: 1920, y: 0, width: 3840, height: 2080 })).toEqual({
      x: 3840,
      y: 0,
      width: 1920,
      height: 2080,
    });
  });

  it('finds the display holding a window by its centre', () => {
    expect(displayOf({ x: 1800, y: 10, width: 600, height: 400 }, [left, middle])?.id).toBe(2);
    expect(displayOf({ x: -5000, y: 0, width: 10, height: 10 }, [left, middle])).toBeUndefined();
  });
});

describe('planWindows', () => {
  it('dispatcher desk on three displays: queue, map, video, one each, filling the work areas', () => {
    const plans = planWindows('dispatcher', [left, middle, right], { primaryId: 1 });
    expect(plans).toEqual([
      { view: 'queue', kind: 'desk', displayId: 1, bounds: left.workArea },
      { view: 'map', kind: 'desk', displayId: 2, bounds: middle.workArea },
      { view: 'video', kind: 'desk', displayId: 3, bounds: right.workArea },
    ]);
  });

  it('dispatcher desk on two displays: video shares the primary with the queue, side by side', () => {
    const plans = planWindows('dispatcher', [left, middle], { primaryId: 1 });
    expect(plans.map((p) => [p.view, p.displayId, p.bounds])).toEqual([
      ['queue', 1, { x: 0, y: 0, width: 960, height: 1040 }],
      ['map', 2, middle.workArea],
      ['video', 1, { x: 960, y: 0, width: 960, height: 1040 }],
    ]);
  });

  it('duty officer: duty, map, video', () => {
    expect(planWindows('duty', [left, middle, right], { primaryId: 1 }).map((p) => p.view)).toEqual(['duty', 'map', 'video']);
  });

  it('big-screen wall: the wall view full screen; extra displays get KPI and map, never squeezed onto one', () => {
    expect(planWindows('wall', [left], { primaryId: 1 })).toEqual([{ view: 'wall', kind: 'wall', displayId: 1, bounds: left.bounds }]);
    const three = planWindows('wall', [left, middle, right], { primaryId: 2 });
    expect(three.map((p) => [p.view, p.kind, p.displayId])).toEqual([
      ['wall', 'wall', 2],
      ['kpi', 'wall', 1],
      ['map', 'wall', 3],
    ]);
    expect(three[0]?.bounds).toEqual(middle.bounds);
  });

  it('single display: one queue window', () => {
    expect(planWindows('single', [left])).toEqual([{ view: 'queue', kind: 'desk', displayId: 1, bounds: left.workArea }]);
  });

  it('no displays, no windows', () => {
    expect(planWindows('dispatcher', [])).toEqual([]);
  });

  it('a remembered arrangement wins for present displays, clamped; extra views come back; absent displays are ignored', () => {
    const plans = planWindows('dispatcher', [left, middle], {
      primaryId: 1,
      arrangement: [
        { view: 'map', displayId: 1, bounds: { x: 100, y: 100, width: 800, height: 600 } },
        { view: 'queue', displayId: 2, bounds: { x: 9000, y: 0, width: 1200, height: 900 } },
        { view: 'kpi', displayId: 2, bounds: { x: 1920, y: 0, width: 1000, height: 700 } },
        { view: 'video', displayId: 9, bounds: { x: 0, y: 0, width: 500, height: 500 } },
      ],
    });
    expect(plans.map((p) => [p.view, p.displayId, p.bounds])).toEqual([
      ['queue', 2, { x: 3280, y: 0, width: 1200, height: 900 }],
      ['map', 1, { x: 100, y: 100, width: 800, height: 600 }],
      ['video', 1, { x: 960, y: 0, width: 960, height: 1040 }],
      ['kpi', 2, { x: 1920, y: 0, width: 1000, height: 700 }],
    ]);
  });

  it('picks the dispatcher desk for two or more displays, the single profile for one, unless configured', () => {
    expect(chooseProfile(undefined, 3)).toBe('dispatcher');
    expect(chooseProfile(undefined, 1)).toBe('single');
    expect(chooseProfile('wall', 1)).toBe('wall');
  });
});

describe('views', () => {
  it('builds a view route on the renderer entry', () => {
    expect(viewUrl('file:///opt/desk/out/renderer/index.html', 'map')).toBe('file:///opt/desk/out/renderer/index.html#/map');
    expect(viewUrl('http://localhost:5173/index.html#/queue', 'kpi')).toBe('http://localhost:5173/index.html#/kpi');
  });
});
