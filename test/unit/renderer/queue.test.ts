import { describe, expect, it } from 'vitest';
import { beijingCalendar } from '../../../src-shared/calendar';
import type { CaseState } from '../../../src-shared/domain';
import { caseTiming, compactDuration, TimingCache, toneAt, toneOfShare } from '../../../src-renderer/features/queue/deadline';
import { applyFilter, EMPTY_FILTER, facetsOf, sortCases, type QueueFilter } from '../../../src-renderer/features/queue/filters';
import { partition, PREDICATES, QUEUES_BY_ROLE, type QueueContext, type QueueId, type QueueUser } from '../../../src-renderer/features/queue/queues';
import { ACTORS, apply, caseAt, context, GARBAGE, GAS_LEAK, GRID_B, T0, VALID_PAYLOADS } from '../domain/fixtures';
import { applied, gasPlanStarted, HANDLER } from '../domain/emergency-support';

const MIN = 60_000;
const fixtureCalendar = context(ACTORS.system).calendar;
const categories = (code: string) => [GARBAGE, GAS_LEAK].find((c) => c.code === code);
const timings = new TimingCache(categories, fixtureCalendar);

const USERS: Record<string, QueueUser> = {
  intake: { id: 'intake-1', role: 'intake' },
  dispatcher: { id: 'dispatcher-1', role: 'dispatcher' },
  sanitation: { id: 'handler-sanitation', role: 'department', departmentId: 'sanitation' },
  roads: { id: 'handler-roads', role: 'department', departmentId: 'roads' },
  duty: { id: 'duty-1', role: 'duty' },
  leader: { id: 'leader-1', role: 'leader' },
};

function ctx(user: QueueUser, now = T0, watched: string[] = []): QueueContext {
  return { user, nowMs: now.getTime(), timing: (c) => timings.get(c), watched: new Set(watched) };
}

/** The queues of the user's role that list the case. */
function queuesOf(c: CaseState, user: QueueUser, now = T0, watched: string[] = []): QueueId[] {
  return QUEUES_BY_ROLE[user.role].filter((q) => PREDICATES[q](c, ctx(user, now, watched)));
}

function withId(c: CaseState, id: string, extra: Partial<CaseState> = {}): CaseState {
  return { ...c, id, number: `DC20261123-${id.padStart(5, '0')}`, ...extra };
}

describe('queues of the intake operator (受理员)', () => {
  it('lists new reports, feedback, verified, duplicates and call-backs due', () => {
    expect(queuesOf(caseAt('reported'), USERS.intake!)).toEqual(['new']);
    expect(queuesOf(caseAt('handled'), USERS.intake!)).toEqual(['fedBack']);
    expect(queuesOf(caseAt('verified'), USERS.intake!)).toEqual(['verified']);
    expect(queuesOf(caseAt('duplicate'), USERS.intake!)).toEqual(['duplicates']);
    const closed = caseAt('closed');
    expect(queuesOf(closed, USERS.intake!)).toEqual(['callBacks']);
    // Once the citizen has been called back, the case leaves the queue.
    expect(queuesOf(apply(closed, 'evaluate', ACTORS.intake), USERS.intake!)).toEqual([]);
    expect(queuesOf(caseAt('accepted'), USERS.intake!)).toEqual([]);
  });
});

describe('queues of the dispatcher (派遣员)', () => {
  it('dispatches registered and returned cases, but not those on the emergency route', () => {
    expect(queuesOf(caseAt('registered'), USERS.dispatcher!)).toEqual(['toDispatch']);
    expect(queuesOf(caseAt('returned'), USERS.dispatcher!)).toEqual(['toDispatch', 'returned']);
    const urgent = caseAt('registered', GAS_LEAK);
    expect(urgent.emergency).toBe(true);
    expect(queuesOf(urgent, USERS.dispatcher!)).toEqual([]);
    expect(queuesOf(urgent, USERS.duty!)).toEqual(['urgentToDispatch']);
  });

  it('lists pending extension and suspension requests, and supervised open cases', () => {
    const asked = apply(caseAt('accepted'), 'requestExtension', ACTORS.department);
    expect(queuesOf(asked, USERS.dispatcher!)).toEqual(['requests']);
    const granted = apply(asked, 'decideExtension', ACTORS.dispatcher);
    expect(queuesOf(granted, USERS.dispatcher!)).toEqual([]);
    const flagged = apply(caseAt('accepted'), 'flagSupervision', ACTORS.dispatcher);
    expect(queuesOf(flagged, USERS.dispatcher!)).toEqual(['supervised']);
    expect(queuesOf(flagged, USERS.leader!)).toEqual(['open', 'supervised']);
  });

  it('lists a case as overdue once its current link deadline has passed, and not before', () => {
    const dispatched = caseAt('dispatched');
    const deadline = Date.parse(dispatched.deadlines.handle!);
    expect(queuesOf(dispatched, USERS.dispatcher!, new Date(deadline - MIN))).toEqual([]);
    expect(queuesOf(dispatched, USERS.dispatcher!, new Date(deadline + MIN))).toEqual(['overdue']);
    // The register link counts too: a report not registered in time.
    const reported = caseAt('reported');
    expect(queuesOf(reported, USERS.dispatcher!, new Date(Date.parse(reported.deadlines.register!) + MIN))).toEqual(['overdue']);
    // A suspended case's clock stands still: never overdue while parked.
    expect(queuesOf(caseAt('suspended'), USERS.dispatcher!, new Date(deadline + 10 * 24 * 60 * MIN))).toEqual([]);
  });
});

describe('queues of a department handler', () => {
  it('shows only its own department: to sign, in hand, due soon', () => {
    const dispatched = caseAt('dispatched');
    expect(dispatched.leadDepartmentId).toBe('sanitation');
    expect(queuesOf(dispatched, USERS.sanitation!)).toEqual(['toSign']);
    expect(queuesOf(dispatched, USERS.roads!)).toEqual([]);
    expect(queuesOf(caseAt('accepted'), USERS.sanitation!)).toEqual(['inHand']);
    expect(queuesOf(caseAt('rework'), USERS.sanitation!)).toEqual(['inHand']);
    expect(queuesOf(caseAt('accepted'), USERS.roads!)).toEqual([]);
  });

  it('is due soon below 20 % of the handling time left (overdue included)', () => {
    const accepted = caseAt('accepted');
    const timing = timings.get(accepted)!;
    // Fixture calendar: 240 working minutes = 480 natural minutes; 20 % left from minute 384.
    expect(timing.redAt - T0.getTime()).toBe(384 * MIN);
    expect(queuesOf(accepted, USERS.sanitation!, new Date(timing.redAt))).toEqual(['inHand']);
    expect(queuesOf(accepted, USERS.sanitation!, new Date(timing.redAt + MIN))).toEqual(['inHand', 'dueSoon']);
    expect(queuesOf(accepted, USERS.sanitation!, new Date(timing.deadline + 60 * MIN))).toEqual(['inHand', 'dueSoon']);
  });
});

describe('other roles and the watch list', () => {
  it('gives the supervisor cases to verify, the duty officer urgent ones, the leader every open case', () => {
    expect(queuesOf(caseAt('verifying'), { id: 'supervisor-1', role: 'supervisor' })).toEqual(['toVerify']);
    expect(queuesOf(caseAt('accepted', GAS_LEAK), USERS.duty!)).toEqual(['urgentInHand']);
    expect(queuesOf(caseAt('accepted'), USERS.duty!)).toEqual([]);
    expect(queuesOf(caseAt('handled'), USERS.leader!)).toEqual(['open']);
    expect(queuesOf(caseAt('closed'), USERS.leader!)).toEqual([]);
  });

  it('lists starred cases for every role', () => {
    const c = caseAt('closed');
    for (const user of Object.values(USERS)) expect(queuesOf(c, user, T0, [c.id])).toContain('watch');
  });

  it('counts every queue of the role in one pass and returns the active queue', () => {
    const cases = [withId(caseAt('registered'), '1'), withId(caseAt('returned'), '2'), withId(caseAt('accepted'), '3'), withId(caseAt('reported'), '4')];
    const { members, counts } = partition(cases, QUEUES_BY_ROLE.dispatcher, 'toDispatch', ctx(USERS.dispatcher!, T0, ['3']));
    expect(members.map((c) => c.id)).toEqual(['1', '2']);
    expect(counts).toEqual({ toDispatch: 2, returned: 1, requests: 0, overdue: 0, supervised: 0, watch: 1 });
  });
});

describe('filters and sorting', () => {
  const base = caseAt('registered');
  const a = withId(base, '1', { description: '王府井大街路边暴露垃圾', place: { ...base.place, address: '王府井大街 88 号' } });
  const b = withId(base, '2', { description: '东四胡同积水', channel: 'hotline', place: { ...base.place, gridCode: GRID_B.gridCode, streetCode: '110101006', communityCode: '110101006002', address: '东四十条' } });
  const c = withId(caseAt('registered', GAS_LEAK), '3', { description: '闻到燃气味', channel: 'camera' });
  const fctx = { nowMs: T0.getTime(), timing: (x: CaseState) => timings.get(x) };
  const ids = (list: CaseState[]) => list.map((x) => x.id);
  const f = (over: Partial<QueueFilter>): QueueFilter => ({ ...EMPTY_FILTER, ...over });

  it('searches case number, address and description; every word must match', () => {
    expect(ids(applyFilter([a, b, c], f({ text: '王府井' }), fctx))).toEqual(['1']);
    expect(ids(applyFilter([a, b, c], f({ text: '00002' }), fctx))).toEqual(['2']);
    expect(ids(applyFilter([a, b, c], f({ text: '东四 积水' }), fctx))).toEqual(['2']);
    expect(ids(applyFilter([a, b, c], f({ text: '东四 垃圾' }), fctx))).toEqual([]);
  });

  it('filters by street, community, grid, category, urgency, channel, department and deadline', () => {
    expect(ids(applyFilter([a, b, c], f({ street: '110101006' }), fctx))).toEqual(['2']);
    expect(ids(applyFilter([a, b, c], f({ community: '110101006002' }), fctx))).toEqual(['2']);
    expect(ids(applyFilter([a, b, c], f({ grid: GRID_B.gridCode }), fctx))).toEqual(['2']);
    expect(ids(applyFilter([a, b, c], f({ category: 'E0401' }), fctx))).toEqual(['3']);
    expect(ids(applyFilter([a, b, c], f({ urgency: 'urgent' }), fctx))).toEqual(['3']);
    expect(ids(applyFilter([a, b, c], f({ channel: 'hotline' }), fctx))).toEqual(['2']);
    const handled = withId(caseAt('accepted'), '4');
    expect(ids(applyFilter([a, handled], f({ department: 'sanitation' }), fctx))).toEqual(['4']);
    const late = { ...fctx, nowMs: T0.getTime() + 16 * MIN };
    // 16 minutes in: the urgent 10-minute dispatch is over, the normal 30-minute one has 47 % left (amber).
    expect(ids(applyFilter([a, c], f({ deadline: 'overdue' }), late))).toEqual(['3']);
    expect(ids(applyFilter([a, c], f({ deadline: 'amber' }), late))).toEqual(['1', '3']);
  });

  it('sorts by the deadline by default, ties by number; other keys either way', () => {
    expect(ids(sortCases([a, b, c], { key: 'deadline', descending: false }, fctx))).toEqual(['3', '1', '2']);
    expect(ids(sortCases([a, b, c], { key: 'street', descending: true }, fctx))).toEqual(['2', '3', '1']);
    expect(ids(sortCases([a, b, c], { key: 'channel', descending: false }, fctx))).toEqual(['3', '2', '1']);
    expect(ids(sortCases([a, b, c], { key: 'urgency', descending: false }, fctx))).toEqual(['3', '1', '2']);
  });

  it('offers only values present, narrowed by the chosen street', () => {
    const facets = facetsOf([a, b, c], { street: '110101006', community: '' });
    expect(facets.streets).toEqual(['110101001', '110101006']);
    expect(facets.communities).toEqual(['110101006002']);
    expect(facets.categories).toEqual(['E0101', 'E0401']);
  });
});

describe('deadline countdown colouring', () => {
  it('colours by the share left: > 50 % calm, 20–50 % amber, < 20 % red, past the deadline overdue', () => {
    expect(toneOfShare(0.9, false)).toBe('calm');
    expect(toneOfShare(0.51, false)).toBe('calm');
    expect(toneOfShare(0.5, false)).toBe('amber');
    expect(toneOfShare(0.2, false)).toBe('amber');
    expect(toneOfShare(0.19, false)).toBe('red');
    expect(toneOfShare(0, false)).toBe('red');
    expect(toneOfShare(-0.1, false)).toBe('overdue');
    // On the working clock the share stands still after hours: the deadline decides "overdue".
    expect(toneOfShare(0, true)).toBe('overdue');
  });

  it('agrees with the Beijing working calendar\'s remaining share on a real case, minute by minute', () => {
    const accepted = caseAt('accepted');
    const timing = caseTiming(accepted, GARBAGE, beijingCalendar)!;
    expect(timing.clock).toBe('working');
    const start = new Date(accepted.linkStartedAt!.handle!);
    // A day of instants across the lunch break and the evening.
    for (let m = 0; m <= 24 * 60; m += 1) {
      const now = new Date(start.getTime() + m * MIN);
      const deadline = new Date(timing.deadline);
      const share = beijingCalendar.remainingShare(now, start, deadline, 'working');
      expect(toneAt(timing, now.getTime()), `at +${m} min`).toBe(toneOfShare(share, now >= deadline));
    }
  });

  it('has no colour for a case whose clock is stopped, and prints compact durations', () => {
    expect(caseTiming(caseAt('suspended'), GARBAGE, beijingCalendar)).toBeUndefined();
    expect(caseTiming(caseAt('closed'), GARBAGE, beijingCalendar)).toBeUndefined();
    expect(compactDuration((3 * 60 + 12) * MIN)).toBe('3h12m');
    expect(compactDuration(-(3 * 60 + 12) * MIN - 30_000)).toBe('3h12m');
    expect(compactDuration(45 * MIN)).toBe('45m');
    expect(compactDuration((2 * 1440 + 4 * 60 + 5) * MIN)).toBe('2d4h');
    expect(compactDuration(5 * MIN)).toBe('5m');
  });

  it('recomputes a timing only when the case changes version', () => {
    let calls = 0;
    const cache = new TimingCache((code) => (calls++, categories(code)), fixtureCalendar);
    const c = caseAt('accepted');
    cache.get(c);
    cache.get(c);
    expect(calls).toBe(1);
    cache.get(apply(c, 'requestExtension', ACTORS.department, VALID_PAYLOADS.requestExtension));
    expect(calls).toBe(2);
  });
});

describe('the emergency linkage queue of a department', () => {
  const fire: QueueUser = { id: 'handler-fire', role: 'department', departmentId: 'fire' };
  const gas: QueueUser = { id: 'handler-gas', role: 'department', departmentId: 'gas' };

  it('lists a started plan for a linked department until it has acknowledged and arrived', () => {
    const started = gasPlanStarted();
    expect(started.emergencyResponse?.departments.map((d) => d.departmentId)).toContain('fire');
    // Linked, not leading: no other queue would ever show it the case.
    expect(queuesOf(started, fire)).toEqual(['linkage']);
    // The lead signs for it as usual, and acknowledges the linkage too.
    expect(queuesOf(started, gas)).toEqual(['toSign', 'linkage']);
    const acknowledged = applied(started, 'acknowledgeLinkage', HANDLER.fire, {});
    expect(queuesOf(acknowledged, fire)).toEqual(['linkage']);
    const arrived = applied(acknowledged, 'reportArrival', HANDLER.fire, {});
    expect(queuesOf(arrived, fire)).toEqual([]);
  });

  it('lists nothing for a department the plan does not link', () => {
    expect(queuesOf(gasPlanStarted(), USERS.sanitation!)).toEqual([]);
  });
});
