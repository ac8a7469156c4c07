import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser';

/**
 * One page of Debian's Chromium with nothing attached but this: the soaks' probe.
 *
 * Playwright turns on DevTools' Network domain for every page it drives, and Chromium then
 * keeps a record of every request (NetworkResourcesData, XHRReplayData) on the page's heap. A
 * video wall makes a few HLS requests a second, so over an hour those records are most of
 * what "grows" on a 12 MB page heap (the 20-minute census of 2026-11-23). Here the page is
 * driven over the protocol by hand: Runtime and HeapProfiler and Performance only, never
 * Network, so what the heap figures show is the wall.
 */
export class BarePage {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  /** Console errors and uncaught exceptions of the page, as they came. */
  readonly problems: string[] = [];
  /** The page's dedicated workers alive now (hls.js transmuxes in one per player), by session. */
  private readonly workerSessions = new Set<string>();

  private constructor(
    private readonly chromium: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
    readonly url: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; sessionId?: string; result?: unknown; error?: { message: string }; method?: string; params?: unknown };
      if (message.sessionId !== undefined && message.method !== 'Target.detachedFromTarget') return; // a worker's own messages
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
      }
    });
  }

  /** Starts Chromium (headless, software GL) on `url` and connects to that page. */
  static async open(url: string, viewport: { width: number; height: number }, extraArgs: readonly string[] = []): Promise<BarePage> {
    const profile = mkdtempSync(join(tmpdir(), 'bare-chromium-'));
    const chromium = spawn(
      CHROMIUM_PATH,
      [
        '--headless=new',
        ...CHROMIUM_ARGS,
        // As Playwright starts it (the e2e tests' Chromium): a page nobody looks at is still a wall on a screen.
        '--disable-background-timer-throttling',
        '--disable-backgrounding-occluded-windows',
        '--disable-renderer-backgrounding',
        '--disable-ipc-flooding-protection',
        '--disable-dev-shm-usage',
        '--mute-audio',
        '--remote-debugging-port=0',
        '--lang=zh-CN',
        `--user-data-dir=${profile}`,
        `--window-size=${viewport.width},${viewport.height}`,
        ...extraArgs,
        url,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // A bench stopped with Ctrl-C (the runner exits on the signal) leaves no Chromium or profile.
    const leftovers = () => {
      chromium.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    };
    process.once('exit', leftovers);
    chromium.once('exit', () => process.off('exit', leftovers));
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not open DevTools in 30 s: ${text.slice(-500)}`)), 30_000);
      chromium.stderr?.on('data', (chunk: Buffer) => {
        text += String(chunk);
        const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
        if (found) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      });
      chromium.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)));
    });
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl: string }[];
    const target = targets.find((t) => t.type === 'page');
    if (!target) throw new Error('Chromium opened no page');
    const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const page = new BarePage(chromium, socket, profile, url);
    page.on('Runtime.consoleAPICalled', (params) => {
      const call = params as { type: string; args: { value?: unknown; description?: string }[] };
      if (call.type === 'error') page.problems.push(`console: ${call.args.map((a) => a.description ?? String(a.value)).join(' ')}`);
    });
    page.on('Runtime.exceptionThrown', (params) => {
      const details = (params as { exceptionDetails: { text: string; exception?: { description?: string } } }).exceptionDetails;
      page.problems.push(`page: ${details.exception?.description ?? details.text}`);
    });
    page.on('Target.attachedToTarget', (params) => {
      const { sessionId, targetInfo } = params as { sessionId: string; targetInfo: { type: string } };
      if (targetInfo.type === 'worker') page.workerSessions.add(sessionId);
    });
    page.on('Target.detachedFromTarget', (params) => page.workerSessions.delete((params as { sessionId: string }).sessionId));
    await page.send('Runtime.enable');
    await page.send('Performance.enable');
    // Told of workers as they come and go (attached, never driven: no domain is enabled in them).
    await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
    await page.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false });
    return page;
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, listener: (params: unknown) => void): void {
    const set = this.listeners.get(method) ?? new Set();
    set.add(listener);
    this.listeners.set(method, set);
  }

  off(method: string, listener: (params: unknown) => void): void {
    this.listeners.get(method)?.delete(listener);
  }

  get workers(): number {
    return this.workerSessions.size;
  }

  /** Evaluates an expression in the page (awaiting a promise) and returns its value as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails) throw new Error(`in the page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return answer.result.value as T;
  }

  /** Waits until `selector` matches an element (polling, as an operator would look). */
  async waitFor(selector: string, timeoutMs = 30_000): Promise<boolean> {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      if (await this.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`)) return true;
      await sleep(100);
    }
    return false;
  }

  /** A click on the element (its handlers run as for a mouse click). */
  async click(selector: string): Promise<void> {
    await this.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) throw new Error('nothing matches ' + ${JSON.stringify(selector)}); el.click(); return true; })()`);
  }

  /** Types into an input: its value and the input event a framework listens to. */
  async fill(selector: string, value: string): Promise<void> {
    await this.evaluate(
      `(() => { const el = document.querySelector(${JSON.stringify(selector)}); el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`,
    );
  }

  async count(selector: string): Promise<number> {
    return this.evaluate<number>(`document.querySelectorAll(${JSON.stringify(selector)}).length`);
  }

  /** The JS heap after a full collection, in bytes. */
  async heapAfterGc(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    return (await this.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
  }

  /** Chromium's own counters: DOM nodes, listeners, documents… */
  async metrics(): Promise<(name: string) => number> {
    const { metrics } = await this.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
    return (name) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  }

  async close(): Promise<void> {
    this.socket.close();
    this.chromium.kill('SIGTERM');
    await new Promise((resolve) => (this.chromium.exitCode !== null ? resolve(null) : this.chromium.once('exit', resolve)));
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
