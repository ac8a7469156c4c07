import { describe, expect, it } from 'vitest';
import { ReadGate } from '../../../src-server/realtime/read-limits';

/** A read that records when it started and finishes when told. */
function reads(gate: ReadGate) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const ask = (windowId: string, name: string) =>
    gate.admit(windowId, (done) => {
      started.push(name);
      finishers.set(name, done);
    });
  /** Finishes a read and lets the gate take its turn of the event loop. */
  const finish = async (name: string) => {
    finishers.get(name)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, ask, finish };
}

describe('the read gate', () => {
  it('runs at most `concurrent` reads, the next taken from the windows in turn', async () => {
    const gate = new ReadGate({ perWindow: 10, perSecond: 100, concurrent: 2 }, () => 0);
    const r = reads(gate);
    for (const n of ['a1', 'a2', 'a3', 'a4']) expect(r.ask('flooder', n)).toBeUndefined();
    expect(r.ask('desk', 'b1')).toBeUndefined();
    expect(r.started).toEqual(['a1', 'a2']);
    await r.finish('a1');
    // The desk's one read goes before the flooder's third, not after its fourth.
    expect(r.started).toEqual(['a1', 'a2', 'b1']);
    await r.finish('a2');
    await r.finish('b1');
    expect(r.started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
  });

  it('refuses a window with too many reads queued or running, in words, until one answers', async () => {
    const gate = new ReadGate({ perWindow: 3, perSecond: 100, concurrent: 1 }, () => 0);
    const r = reads(gate);
    for (const n of ['1', '2', '3']) expect(r.ask('w', n)).toBeUndefined();
    const refused = r.ask('w', '4');
    expect(refused?.code).toBe('TOO_MANY_QUERIES');
    expect(refused?.message.zh).toContain('3 个查询');
    expect(r.ask('other', 'x')).toBeUndefined();
    await r.finish('1');
    await r.finish('1'); // a second call changes nothing
    expect(r.ask('w', '5')).toBeUndefined();
    expect(r.ask('w', '6')?.code).toBe('TOO_MANY_QUERIES');
  });

  it('refuses more than a burst of twice the rate, and takes reads again as the seconds pass', () => {
    let now = 0;
    const gate = new ReadGate({ perWindow: 1_000, perSecond: 5, concurrent: 100 }, () => now);
    const r = reads(gate);
    for (let i = 0; i < 10; i++) expect(r.ask('w', `r${i}`)).toBeUndefined();
    const refused = r.ask('w', 'r10');
    expect(refused?.code).toBe('QUERY_RATE');
    expect(refused?.message.en).toContain('at most 5 a second');
    now += 400; // two tokens back
    expect(r.ask('w', 'r11')).toBeUndefined();
    expect(r.ask('w', 'r12')).toBeUndefined();
    expect(r.ask('w', 'r13')?.code).toBe('QUERY_RATE');
  });
});

describe('a read that never answers', () => {
  it('gives its slot back after answerWithinMs', async () => {
    const gate = new ReadGate({ perWindow: 10, perSecond: 100, concurrent: 1, answerWithinMs: 20 });
    const r = reads(gate);
    r.ask('w', 'lost');
    r.ask('w', 'next');
    expect(r.started).toEqual(['lost']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(r.started).toEqual(['lost', 'next']);
  });
});
