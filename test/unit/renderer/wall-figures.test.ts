import { describe, expect, it } from 'vitest';
import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Stage } from '../../../src-shared/domain/stages';
import type { RankingRow } from '../../../src-shared/kpi/board';
import type { Period } from '../../../src-shared/kpi/formulas';
import { cameraPages } from '../../../src-renderer/features/wall/camera-choice';
import { hotCameras } from '../../../src-renderer/features/video/hot-cameras';
import { entriesFromChanges, entriesFromEvents, lastStepAt, pushEntries, type TickerEntry } from '../../../src-renderer/features/wall/ticker';
import { countersOf, hoursOf, redBlack, replayFigures } from '../../../src-renderer/features/wall/wall-figures';
import { cameraTiles, centreWidth, wallScale } from '../../../src-renderer/features/wall/wall-scale';
import { caseAt } from '../domain/fixtures';

const DAY: Period = { from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T16:00:00.000Z', asOf: '2026-03-10T04:00:00.000Z' }; // noon in Beijing
const h = (hours: number) => new Date(Date.parse(DAY.from) + hours * 3_600_000).toISOString();

function kase(id: string, stage: Stage, patch: Partial<CaseState> = {}): CaseState {
  const base = caseAt(stage);
  return { ...base, id, number: `DC-${id}`, ...patch, place: { ...base.place, ...(patch.place ?? {}) } };
}

describe('the wall is laid out in units that follow the screen', () => {
  it('is 1:1 at 1920 × 1080 and doubles every size at 3840 × 2160 (no transform: crisp at 4K)', () => {
    expect(wallScale({ width: 1920, height: 1080 })).toEqual({ unit: 1, width: 1920, height: 1080 });
    expect(wallScale({ width: 3840, height: 2160 })).toEqual({ unit: 2, width: 1920, height: 1080 });
    expect(wallScale({ width: 1280, height: 720 }).unit).toBeCloseTo(2 / 3);
  });

  it('gives a wall of several displays side by side more width, and more cameras under the map', () => {
    const three = wallScale({ width: 5760, height: 1080 });
    expect(three).toEqual({ unit: 1, width: 5760, height: 1080 });
    expect(centreWidth(three)).toBeGreaterThan(centreWidth(wallScale({ width: 1920, height: 1080 })) + 3000);
    expect(cameraTiles(wallScale({ width: 1920, height: 1080 }))).toBe(2);
    expect(cameraTiles(wallScale({ width: 3840, height: 2160 }))).toBe(2);
    expect(cameraTiles(wallScale({ width: 2560, height: 1080 }))).toBe(3);
    expect(cameraTiles(three)).toBe(6);
  });

  it('keeps the width of a portrait screen and stays sane without a size', () => {
    expect(wallScale({ width: 1080, height: 1920 })).toMatchObject({ width: 1920 });
    expect(wallScale({ width: 1080, height: 1920 }).height).toBeCloseTo(3413.3, 1);
    expect(wallScale({ width: 0, height: 0 })).toEqual({ unit: 1, width: 1920, height: 1080 });
    expect(cameraTiles(wallScale({ width: 1080, height: 1920 }))).toBe(2);
  });
});

describe('the wall counts what a room reads first', () => {
  const cases = [
    kase('a', 'reported', { reportedAt: h(9) }),
    kase('b', 'accepted', { reportedAt: h(2), deadlines: { handle: h(10) } }), // overdue at noon
    kase('c', 'accepted', { reportedAt: h(3), deadlines: { handle: h(14) } }), // due later
    kase('d', 'closed', { reportedAt: h(-30), closedAt: h(11) }),
    kase('e', 'closed', { reportedAt: h(1), closedAt: h(13) }), // closed after asOf: a later hour
    kase('f', 'suspended', { reportedAt: h(-50) }),
    kase('g', 'reported', { reportedAt: h(15) }), // after asOf: not yet seen
  ];

  it('counts reports and closures so far, open and overdue cases as of the cursor', () => {
    const c = countersOf(cases, DAY);
    expect(c).toMatchObject({ reported: 4, closed: 1, open: 5, overdue: 1 });
    expect(c.waiting).toEqual({ register: 2, dispatch: 0, handle: 2, verify: 0, suspended: 1 });
  });

  it('counts reports and closures per Beijing hour, every hour of the day present', () => {
    const hours = hoursOf(cases, DAY);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ key: '2026-03-10T00', reported: 0, closed: 0 });
    expect(hours.find((x) => x.key === '2026-03-10T09')).toEqual({ key: '2026-03-10T09', reported: 1, closed: 0 });
    expect(hours.find((x) => x.key === '2026-03-10T11')?.closed).toBe(1);
    expect(hours.reduce((n, x) => n + x.reported, 0)).toBe(4);
    expect(hours.find((x) => x.key === '2026-03-10T13')?.closed).toBe(0);
  });

  it('computes the replay figures with the shared formulas and compares with the top of the hour', () => {
    const name = (_by: string, key: string | null) => `name:${key}`;
    const first = replayFigures(cases, { ...DAY, asOf: h(12.2) }, name, null, null);
    expect(first.figures.previous).toEqual([]);
    expect(first.figures.indicators).toHaveLength(8);
    expect(first.figures.counters.reported).toBe(4);
    expect(first.figures.streets[0]?.label).toBe(`name:${cases[0]!.place.streetCode}`);
    expect(first.figures.channels.map((c) => c.key)).toEqual(['patrol', 'hotline', 'app', 'camera']);
    // Later in the same hour: still nothing to compare with.
    const same = replayFigures(cases, { ...DAY, asOf: h(12.5) }, name, first.last, first.reference);
    expect(same.reference).toBeNull();
    // The next hour: the figures as the hour began are the reference.
    const next = replayFigures(cases, { ...DAY, asOf: h(13.2) }, name, same.last, same.reference);
    expect(next.reference?.hour).toBe('2026-03-10T12');
    expect(next.figures.previous).toBe(same.last.district);
    const closed = next.figures.indicators.find((k) => k.id === 'closureRate');
    expect(closed).toBeDefined();
    // Midnight still belongs to the day's last hour.
    expect(replayFigures(cases, { ...DAY, asOf: DAY.to }, name, null, null).last.hour).toBe('2026-03-10T23');
  });
});

describe('rankings on a wall are a red and black list', () => {
  const row = (key: string, value: number | null): RankingRow => ({ key, label: key, numerator: 1, denominator: 2, value, previous: null, change: null });

  it('shows the best and the worst with their places, and counts the rest', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((k, i) => row(k, 1 - i / 10)).concat([row('x', null), row('y', null)]);
    const list = redBlack(rows, 3, 2);
    expect(list.best.map((p) => [p.place, p.row.key])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(list.worst.map((p) => [p.place, p.row.key])).toEqual([[9, 'i'], [10, 'j']]);
    expect(list).toMatchObject({ between: 5, noData: 2 });
  });

  it('shows a short ranking whole', () => {
    expect(redBlack([row('a', 0.5), row('b', 0.2), row('c', null)])).toMatchObject({ best: [{ place: 1 }, { place: 2 }], worst: [], between: 0, noData: 1 });
  });
});

describe('the case ticker shows the steps a room cares about, newest first', () => {
  const state = kase('k', 'dispatched', { urgency: 'urgent' });
  const event = (type: string, version: number, fromStage: Stage | null, toStage: Stage, at: string) =>
    ({ seq: version, caseId: 'k', version, type, at, actor: { userId: 'u', role: 'dispatcher' }, fromStage, toStage, commandId: `c${version}`, payload: {} }) as unknown as CaseEvent;

  it('takes reports and stage changes from a replay, not reminders', () => {
    const entries = entriesFromEvents(
      [event('reported', 1, null, 'reported', h(1)), event('reminderRaised', 2, 'reported', 'reported', h(2)), event('registered', 3, 'reported', 'registered', h(3)), event('accepted', 4, 'dispatched', 'accepted', h(4))],
      (id) => (id === 'k' ? state : undefined),
    );
    expect(entries.map((e) => [e.key, e.stage])).toEqual([['k:1', 'reported'], ['k:3', 'registered'], ['k:4', 'accepted']]);
    expect(entries[0]).toMatchObject({ urgent: true, number: 'DC-k', at: h(1) });
    expect(entriesFromEvents([event('accepted', 4, 'dispatched', 'accepted', h(4))], () => undefined)).toEqual([]);
  });

  it('takes a live case once per stage it reaches, at its latest step', () => {
    const seen = new Map<string, Stage>();
    const get = (id: string) => (id === 'k' ? state : undefined);
    expect(entriesFromChanges(['k'], get, seen)).toHaveLength(1);
    expect(entriesFromChanges(['k'], get, seen)).toHaveLength(0);
    seen.set('gone', 'accepted');
    expect(entriesFromChanges(['gone'], get, seen)).toEqual([]);
    expect(seen.has('gone')).toBe(false);
    expect(lastStepAt(state)).toBe(state.dispatchedAt);
    expect(lastStepAt(kase('r', 'rejected'))).toBe(kase('r', 'rejected').rejection?.at);
  });

  it('keeps the newest steps, each once, at most its length', () => {
    const e = (key: string, at: string) => ({ key, at }) as TickerEntry;
    const list = pushEntries([e('old', h(1))], [e('b', h(3)), e('a', h(2)), e('old', h(1))], 3);
    expect(list.map((x) => x.key)).toEqual(['b', 'a', 'old']);
    expect(pushEntries(list, [e('c', h(4))], 3).map((x) => x.key)).toEqual(['c', 'b', 'a']);
    expect(pushEntries(list, [])).toBe(list);
  });
});

describe('the wall shows the cameras where open cases concentrate', () => {
  const camera = (id: string, gridCodes: string[], hlsUrl: string | null = `/video/${id}/index.m3u8`): CameraFeed => ({
    id, name: id, lon: 0, lat: 0, headingDeg: 0, fovDeg: 60, rangeM: 100, gridCodes, streetCode: '110101001', hlsUrl, live: true,
  });
  const at = (id: string, gridCode: string, stage: Stage = 'accepted') => kase(id, stage, { place: { ...caseAt('accepted').place, gridCode } });

  it('ranks cameras by the open cases of the grids they see, with a stream, stable on ties', () => {
    const cases = [at('1', 'G1'), at('2', 'G1'), at('3', 'G2'), at('4', 'G3', 'closed'), at('5', 'G3', 'closed')];
    const cams = [camera('c-none', ['G9']), camera('c-g2', ['G2']), camera('c-g1', ['G1']), camera('c-both', ['G1', 'G2']), camera('c-dark', ['G1'], null), camera('c-a', ['G9'])];
    expect(hotCameras(cams, cases, 10).map((c) => c.id)).toEqual(['c-both', 'c-g1', 'c-g2', 'c-a', 'c-none']);
    expect(hotCameras(cams, cases, 2).map((c) => c.id)).toEqual(['c-both', 'c-g1']);
    expect(cameraPages(hotCameras(cams, cases, 10), 2).map((p) => p.map((c) => c.id))).toEqual([['c-both', 'c-g1'], ['c-g2', 'c-a'], ['c-none']]);
  });
});
