/**
 * Keeps the embedded case service running: starts its process, waits for its `ready` message,
 * restarts it with back-off when it dies, and stops it on quit. No `electron` import: the
 * process is made by a `spawn` function (Electron's utilityProcess.fork at the edge, a fake in
 * tests).
 */
export interface ServiceProcessHandle {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export type ServiceState =
  | { kind: 'starting'; attempt: number }
  | { kind: 'running'; origin: string }
  | { kind: 'restarting'; attempt: number; inMs: number; reason: string }
  | { kind: 'stopped' };

export interface SupervisorOptions {
  spawn: () => ServiceProcessHandle;
  /** Back-off before the n-th restart (ms); default 1 s, 2 s, 4 s … capped at 30 s. */
  backoff?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  onState?: (state: ServiceState) => void;
}

export function isReadyMessage(message: unknown): message is { type: 'ready'; origin: string } {
  const m = message as { type?: unknown; origin?: unknown };
  return m?.type === 'ready' && typeof m.origin === 'string' && /^http:\/\/127\.0\.0\.1:\d+$/.test(m.origin);
}

export class ServiceSupervisor {
  private handle: ServiceProcessHandle | undefined;
  /** Deaths since the service was last ready: drives the back-off. */
  private failures = 0;
  private stopping = false;
  private timer: { cancel(): void } | undefined;
  private current: ServiceState = { kind: 'stopped' };
  private readonly waiters: ((origin: string) => void)[] = [];

  constructor(private readonly options: SupervisorOptions) {}

  get state(): ServiceState {
    return this.current;
  }

  /** Starts the service; resolves with its origin once it is ready (after restarts if needed). */
  start(): Promise<string> {
    this.stopping = false;
    if (!this.handle && this.current.kind !== 'restarting') this.launch();
    if (this.current.kind === 'running') return Promise.resolve(this.current.origin);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopping = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.handle?.kill();
    this.handle = undefined;
    this.set({ kind: 'stopped' });
  }

  private set(state: ServiceState): void {
    this.current = state;
    this.options.onState?.(state);
  }

  private launch(): void {
    this.set({ kind: 'starting', attempt: this.failures + 1 });
    const handle = this.options.spawn();
    this.handle = handle;
    handle.onMessage((message) => {
      if (handle !== this.handle || !isReadyMessage(message)) return;
      this.failures = 0;
      this.set({ kind: 'running', origin: message.origin });
      for (const resolve of this.waiters.splice(0)) resolve(message.origin);
    });
    handle.onExit((code) => {
      if (handle !== this.handle) return;
      this.handle = undefined;
      if (this.stopping) return;
      this.failures += 1;
      const inMs = (this.options.backoff ?? ((n) => Math.min(30_000, 1_000 * 2 ** (n - 1))))(this.failures);
      this.set({ kind: 'restarting', attempt: this.failures, inMs, reason: `exited with code ${code}` });
      const setTimer = this.options.setTimer ?? ((fn, ms) => {
        const t = setTimeout(fn, ms);
        return { cancel: () => clearTimeout(t) };
      });
      this.timer = setTimer(() => {
        this.timer = undefined;
        if (!this.stopping) this.launch();
      }, inMs);
    });
  }
}
