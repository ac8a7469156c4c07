import { describe, expect, it } from 'vitest';
import { ServiceSupervisor, isReadyMessage, type ServiceProcessHandle, type ServiceState } from '../../../src-main/service-supervisor';

/** A fake service process: the test says when it is ready and when it dies. */
function fakeProcess() {
  const messageListeners: ((m: unknown) => void)[] = [];
  const exitListeners: ((code: number) => void)[] = [];
  let killed = false;
  const handle: ServiceProcessHandle = {
    onMessage: (l) => messageListeners.push(l),
    onExit: (l) => exitListeners.push(l),
    kill: () => {
      killed = true;
      exitListeners.forEach((l) => l(0));
    },
  };
  return {
    handle,
    ready: (origin = 'http://127.0.0.1:41000') => messageListeners.forEach((l) => l({ type: 'ready', origin })),
    crash: (code = 1) => exitListeners.forEach((l) => l(code)),
    get killed() {
      return killed;
    },
  };
}

function harness() {
  const spawned: ReturnType<typeof fakeProcess>[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const states: ServiceState[] = [];
  const supervisor = new ServiceSupervisor({
    spawn: () => {
      const p = fakeProcess();
      spawned.push(p);
      return p.handle;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
    onState: (s) => states.push(s),
  });
  return { supervisor, spawned, timers, states };
}

describe('the embedded service supervisor', () => {
  it('starts the service and hands over its origin when it is ready', async () => {
    const { supervisor, spawned } = harness();
    const origin = supervisor.start();
    spawned[0]?.ready('http://127.0.0.1:41234');
    await expect(origin).resolves.toBe('http://127.0.0.1:41234');
    expect(supervisor.state).toEqual({ kind: 'running', origin: 'http://127.0.0.1:41234' });
  });

  it('restarts a service that dies, backing off 1 s, 2 s, 4 s while it keeps dying', async () => {
    const { supervisor, spawned, timers } = harness();
    const origin = supervisor.start();
    for (let i = 0; i < 3; i++) {
      spawned[i]?.crash(137);
      expect(supervisor.state).toMatchObject({ kind: 'restarting', reason: 'exited with code 137' });
      timers[i]?.fn();
    }
    expect(timers.map((t) => t.ms)).toEqual([1_000, 2_000, 4_000]);
    spawned[3]?.ready();
    await expect(origin).resolves.toBe('http://127.0.0.1:41000');
    // Once it ran, the back-off starts again from one second.
    spawned[3]?.crash();
    expect(timers[3]?.ms).toBe(1_000);
  });

  it('stops for good on quit: the process is killed and no restart follows', () => {
    const { supervisor, spawned, timers } = harness();
    void supervisor.start();
    spawned[0]?.ready();
    supervisor.stop();
    expect(spawned[0]?.killed).toBe(true);
    expect(timers).toHaveLength(0);
    expect(supervisor.state).toEqual({ kind: 'stopped' });
  });

  it('cancels a pending restart on quit', () => {
    const { supervisor, spawned, timers } = harness();
    void supervisor.start();
    spawned[0]?.crash();
    supervisor.stop();
    expect(timers[0]?.cancelled).toBe(true);
  });

  it('trusts only a loopback origin in the ready message', () => {
    expect(isReadyMessage({ type: 'ready', origin: 'http://127.0.0.1:5178' })).toBe(true);
    expect(isReadyMessage({ type: 'ready', origin: 'http://evil.example:80' })).toBe(false);
    expect(isReadyMessage({ type: 'ready' })).toBe(false);
    expect(isReadyMessage(null)).toBe(false);
  });

  it('a second start while running answers at once', async () => {
    const { supervisor, spawned } = harness();
    void supervisor.start();
    spawned[0]?.ready('http://127.0.0.1:40001');
    await expect(supervisor.start()).resolves.toBe('http://127.0.0.1:40001');
    expect(spawned).toHaveLength(1);
  });
});
