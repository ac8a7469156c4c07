import { describe, expect, it } from 'vitest';
import { decide, evolve, type CaseEvent, type CaseState } from '../../../src-shared/domain';
import type { EventBatch, SyncAnswer } from '../../../src-shared/contract/socket';
import { CaseReplica, inWorkingSet, RECENTLY_ENDED_MS } from '../../../src-shared/sync/case-replica';
import { catchUp, MAX_CATCH_UP_ROUNDS, type CatchUpPort } from '../../../src-shared/sync/catch-up';
import { ACTORS, T0, VALID_PAYLOADS, commandId, context } from '../domain/fixtures';

/** A little log: the events of two cases, numbered as the service numbers them. */
function log(): { events: CaseEvent[]; finals: Map<string, CaseState> } {
  const events: CaseEvent[] = [];
  const finals = new Map<string, CaseState>();
  const steps: [string, string, keyof typeof ACTORS][] = [
    ['a', 'report', 'supervisor'], ['b', 'report', 'supervisor'], ['a', 'register', 'intake'], ['b', 'reject', 'intake'],
    ['a', 'dispatch', 'dispatcher'], ['a', 'accept', 'department'], ['a', 'feedback', 'department'],
  ];
  for (const [caseId, type, role] of steps) {
    const before = finals.get(caseId) ?? null;
    const d = decide(before, { commandId: commandId(), caseId, type, payload: VALID_PAYLOADS[type as keyof typeof VALID_PAYLOADS] }, context(ACTORS[role], T0));
    if (!d.ok) throw new Error(d.code);
    for (const e of d.events) {
      const numbered = { ...e, seq: events.length + 1 } as CaseEvent;
      events.push(numbered);
      finals.set(caseId, evolve(finals.get(caseId) ?? null, numbered));
    }
  }
  return { events, finals };
}

/** Case a as it stood after its version `v` (a state fetched at some moment). */
function aAt(events: readonly CaseEvent[], v: number): CaseState {
  return events.filter((e) => e.caseId === 'a' && e.version <= v).reduce<CaseState | null>(evolve, null) as CaseState;
}

describe('the window replica: snapshot, events in order, gaps, no doubles', () => {
  it('applies a live stream to the same state as the service', () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    const out = r.applyBatch({ events, headSeq: events.length });
    expect(out).toEqual({ changed: ['a', 'b'], applied: 7, skipped: 0, gap: false, missing: [] });
    expect(r.get('a')).toEqual(finals.get('a'));
    expect(r.get('b')?.stage).toBe('rejected');
    expect(r.seq).toBe(7);
    expect([...r.all()].length).toBe(r.size);
  });
  it('ignores events it already has (a retry, an overlap after reconnect)', () => {
    const { events } = log();
    const r = new CaseReplica();
    r.applyBatch({ events: events.slice(0, 5), headSeq: 5 });
    const out = r.applyBatch({ events: events.slice(3), headSeq: 7 });
    expect(out).toMatchObject({ applied: 2, skipped: 2, gap: false });
    expect(r.get('a')?.version).toBe(5);
  });
  it('stops at a missing event and keeps its resume point, then catches up from a resync', () => {
    const { events, finals } = log();
    const r2 = new CaseReplica();
    r2.applyBatch({ events: events.slice(0, 4), headSeq: 4 });
    // Seq 5 (case a, version 3) is lost on the way: a's version 4 must not be applied on top of version 2.
    const gap = r2.applyBatch({ events: [events[5] as CaseEvent, events[6] as CaseEvent], headSeq: 7 });
    expect(gap).toMatchObject({ gap: true, applied: 0 });
    expect(r2.seq).toBe(4);
    r2.applySync({ kind: 'events', events: events.slice(4), headSeq: 7 });
    expect(r2.get('a')).toEqual(finals.get('a'));
    expect(r2.seq).toBe(7);
  });
  it('replaces everything with a snapshot when it is too far behind', () => {
    const { finals } = log();
    const r = new CaseReplica();
    r.loadSnapshot([finals.get('b') as CaseState], 2);
    const out = r.applySync({ kind: 'snapshot', cases: [...finals.values()], seq: 7 });
    expect(out.changed).toEqual(['a', 'b']);
    expect(r.size).toBe(2);
    expect(r.seq).toBe(7);
  });
  it('takes the full state of a case that just came into scope, then its next events', () => {
    const { events, finals } = log();
    const a = finals.get('a') as CaseState;
    const stateAtDispatch = events.slice(0, 5).filter((e) => e.caseId === 'a').reduce<CaseState | null>(evolve, null) as CaseState;
    const r = new CaseReplica();
    const out = r.applyBatch({ events: events.slice(5), headSeq: 7, cases: [stateAtDispatch] });
    expect(out).toMatchObject({ applied: 2, gap: false });
    expect(r.get('a')).toEqual(a);
    // An older copy never replaces a newer one.
    r.applyBatch({ events: [], headSeq: 7, cases: [stateAtDispatch] });
    expect(r.get('a')).toEqual(a);
  });

  it('lets go of what a fresh window would not load: cases that ended over a day ago', () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    r.applyBatch({ events, headSeq: 7 });
    const b = finals.get('b') as CaseState; // rejected at T0
    const hour = 3_600_000;
    expect(r.prune(new Date(T0.getTime() + 23 * hour))).toEqual([]);
    expect(inWorkingSet(b, new Date(T0.getTime() + RECENTLY_ENDED_MS + hour))).toBe(false);
    expect(r.prune(new Date(T0.getTime() + RECENTLY_ENDED_MS + hour))).toEqual(['b']);
    // The open case stays however old it is.
    expect(r.prune(new Date(T0.getTime() + 400 * 24 * hour))).toEqual([]);
    expect(r.get('a')?.stage).toBe(finals.get('a')?.stage);
    expect(r.size).toBe(1);
  });
  it('asks for the state of a case it does not hold when it moves again, instead of resyncing forever', () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    // A window that started after case a was reported (its snapshot held only b) …
    r.loadSnapshot([finals.get('b') as CaseState], 4);
    // … hears a's later events: no resync can bring versions 1–2 (older than its resume point).
    const out = r.applyBatch({ events: events.slice(4), headSeq: 7 });
    expect(out).toMatchObject({ gap: false, applied: 0, missing: ['a'] });
    expect(r.seq).toBe(7);
    expect(r.get('a')).toBeUndefined();
    // The caller fetches a's state and hands it over: the window now has it, as the service does.
    r.applyBatch({ events: [], headSeq: 7, cases: [finals.get('a') as CaseState] });
    expect(r.get('a')).toEqual(finals.get('a'));
  });

  it('does not take a fetched state older than an event it passed over, and asks again (else it would resync forever)', () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    r.loadSnapshot([finals.get('b') as CaseState], 4);
    // a's version 3 arrives while the window does not hold a: set aside, a's state is fetched …
    expect(r.applyBatch({ events: [events[4] as CaseEvent], headSeq: 5 })).toMatchObject({ missing: ['a'] });
    // … and a fetch sent earlier answers with version 2, older than what was passed over.
    expect(r.applyBatch({ events: [], headSeq: 5, cases: [aAt(events, 2)] })).toMatchObject({ changed: [], missing: ['a'] });
    expect(r.get('a')).toBeUndefined();
    // a's next event is still set aside, not a gap behind the resume point that no resync fills.
    expect(r.applyBatch({ events: [events[5] as CaseEvent], headSeq: 6 })).toMatchObject({ gap: false, missing: ['a'] });
    // The fresh fetch brings it level, and its next events apply.
    expect(r.applyBatch({ events: [], headSeq: 6, cases: [aAt(events, 4)] })).toMatchObject({ changed: ['a'], missing: [] });
    expect(r.applyBatch({ events: [events[6] as CaseEvent], headSeq: 7 })).toMatchObject({ applied: 1, gap: false });
    expect(r.get('a')).toEqual(finals.get('a'));
  });

  it('remembers at most 5,000 cases it passed over (a window runs for weeks), forgetting the oldest first', () => {
    const { events } = log();
    const r = new CaseReplica();
    r.loadSnapshot([], 4);
    const passedOver = (caseId: string) => ({ ...(events[4] as CaseEvent), caseId });
    for (let i = 0; i <= 5_000; i++) r.applyBatch({ events: [passedOver(`x${i}`)], headSeq: 5 });
    const stale = (caseId: string) => ({ ...aAt(events, 2), id: caseId });
    // x0 was forgotten: its stale state is taken (the price of the bound); x1 is still refused.
    expect(r.applyBatch({ events: [], headSeq: 5, cases: [stale('x0'), stale('x1')] })).toMatchObject({ changed: ['x0'], missing: ['x1'] });
  });
});

describe('catching up with the service', () => {
  /** A service answering from the little log, and what the window asked of it. */
  function service(pending: EventBatch[][] = []): CatchUpPort & { asked: (number | undefined)[]; changed: string[] } {
    const { events, finals } = log();
    const asked: (number | undefined)[] = [];
    const changed: string[] = [];
    return {
      asked,
      changed,
      ask: (sinceSeq) => {
        asked.push(sinceSeq);
        if (asked.length > 20) throw new Error('asked the same thing over and over');
        const answer: SyncAnswer =
          sinceSeq === undefined
            ? { kind: 'snapshot', cases: [...finals.values()], seq: events.length }
            : { kind: 'events', events: events.filter((e) => e.seq > sinceSeq), headSeq: events.length };
        return Promise.resolve(answer);
      },
      takePending: () => pending.shift() ?? [],
      applied: (outcome) => void changed.push(...outcome.changed),
    };
  }

  it('asks from its resume point, then applies what came meanwhile without doubling it', async () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    r.applyBatch({ events: events.slice(0, 3), headSeq: 3 });
    const port = service([[{ events: events.slice(5), headSeq: 7 }]]);
    await catchUp(r, port);
    expect(port.asked).toEqual([3]);
    expect(r.get('a')).toEqual(finals.get('a'));
    expect(r.get('b')).toEqual(finals.get('b'));
    expect(r.seq).toBe(7);
  });

  it('asks for a snapshot when the answer itself leaves a gap (it holds a stale case), instead of the same question forever', async () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    // a held at version 2 although the resume point (5) is past a's version 3.
    r.loadSnapshot([aAt(events, 2), finals.get('b') as CaseState], 5);
    const port = service();
    await catchUp(r, port);
    expect(port.asked).toEqual([5, undefined]);
    expect(r.get('a')).toEqual(finals.get('a'));
    expect(r.seq).toBe(7);
  });

  it('gives up after a bounded number of answers when every round leaves a gap, so the window can say it is behind', async () => {
    const { events, finals } = log();
    const r = new CaseReplica();
    r.loadSnapshot([...finals.values()], 7);
    // A live batch that always skips versions (as if the service lost events): never level.
    const broken = (): EventBatch => ({ events: [{ ...(events[6] as CaseEvent), version: 99, seq: 99 }], headSeq: 99 });
    const port = service(Array.from({ length: 10 }, () => [broken()]));
    await expect(catchUp(r, port)).rejects.toThrow(`still behind the service after ${MAX_CATCH_UP_ROUNDS} answers`);
    expect(port.asked).toHaveLength(MAX_CATCH_UP_ROUNDS);
  });
});
