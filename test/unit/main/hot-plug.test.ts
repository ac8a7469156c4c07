import { describe, expect, it } from 'vitest';
import { followDisplays, homeAt, type TrackedWindow } from '../../../src-main/hot-plug';
import type { DeskDisplay } from '../../../src-main/displays';

function display(id: number, x: number, width = 1920, height = 1080): DeskDisplay {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

const one = display(1, 0);
const two = display(2, 1920);
const three = display(3, 3840);

function at(id: number, view: TrackedWindow['view'], d: DeskDisplay, kind: TrackedWindow['kind'] = 'desk'): TrackedWindow {
  const bounds = kind === 'wall' ? d.bounds : d.workArea;
  return { id, view, kind, bounds, home: { displayId: d.id, area: d.workArea, bounds } };
}

describe('followDisplays (hot-plug)', () => {
  it('nothing moves while every display is present', () => {
    expect(followDisplays([at(1, 'queue', one), at(2, 'map', two)], [one, two])).toEqual([]);
  });

  it('a removed display’s windows move to the remaining ones, least loaded first, inside their work areas', () => {
    const windows = [at(1, 'queue', one), at(2, 'map', two), at(3, 'video', three)];
    const moves = followDisplays(windows, [one, three], 1);
    expect(moves).toEqual([{ id: 2, displayId: 1, bounds: one.workArea }]);
    // Two windows lose their displays: they spread over what remains.
    const spread = followDisplays(windows, [two], 2).concat(followDisplays([at(4, 'kpi', two), at(5, 'duty', three), at(6, 'wall', three)], [one, two], 1));
    expect(spread.map((m) => m.displayId)).toEqual([2, 2, 1, 1]);
  });

  it('a returning display gets its windows back where they were', () => {
    const map = at(2, 'map', two);
    const [away] = followDisplays([map], [one]);
    expect(away).toEqual({ id: 2, displayId: 1, bounds: one.workArea });
    // The window stands on display 1 now, its home is still display 2.
    const back = followDisplays([{ ...map, bounds: away!.bounds }], [one, two]);
    expect(back).toEqual([{ id: 2, displayId: 2, bounds: two.workArea }]);
  });

  it('keeps a window’s relative place when it moves, and never leaves it off-screen', () => {
    const half = { x: 2880, y: 0, width: 960, height: 1040 };
    const w: TrackedWindow = { id: 1, view: 'map', kind: 'desk', bounds: half, home: { displayId: 2, area: two.workArea, bounds: half } };
    const big = display(5, -2560, 2560, 1440);
    expect(followDisplays([w], [big])).toEqual([{ id: 1, displayId: 5, bounds: { x: -1280, y: 0, width: 1280, height: 1400 } }]);
  });

  it('follows a display whose resolution changed (metrics changed)', () => {
    const w = at(1, 'queue', one);
    const smaller = display(1, 0, 1280, 720);
    expect(followDisplays([w], [smaller])).toEqual([{ id: 1, displayId: 1, bounds: smaller.workArea }]);
  });

  it('wall windows always cover their whole display', () => {
    expect(followDisplays([at(1, 'wall', two, 'wall')], [one])).toEqual([{ id: 1, displayId: 1, bounds: one.bounds }]);
  });

  it('with no display at all (all unplugged), leaves windows alone until one returns', () => {
    expect(followDisplays([at(1, 'queue', one)], [])).toEqual([]);
  });

  it('homeAt: the display holding a window’s centre', () => {
    expect(homeAt({ x: 2000, y: 10, width: 100, height: 100 }, [one, two])).toEqual({
      displayId: 2,
      area: two.workArea,
      bounds: { x: 2000, y: 10, width: 100, height: 100 },
    });
  });
});
