import type { CaseState } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/roles';
import { launchChromium } from '../e2e/support/browser';
import { DISPATCHER, handlerOf, INTAKE, NORMAL_CATEGORIES, startQueueDesk } from '../e2e/support/queue-desk';
import { heading, line, ms, percentile } from './stats';

/**
 * The queue view in Debian Chromium with 10,000 open cases in the window (a leader's "all
 * open"): first render (navigation start → first rows painted, from the marks QueueView sets),
 * then long tasks and frame rate while 100 events/s arrive for 30 s. Figures, not pass/fail.
 * Targets: first render < 500 ms; no long task over 50 ms.
 */
const OPEN_CASES = Number(process.env['BENCH_QUEUE_CASES'] ?? 10_000);
const EVENTS_PER_SECOND = Number(process.env['BENCH_QUEUE_RATE'] ?? 100);
const SECONDS = Number(process.env['BENCH_QUEUE_SECONDS'] ?? 30);
/** BENCH_QUEUE_PROFILE=1: where the first render's main-thread time goes, by function (self time). */
const PROFILE = process.env['BENCH_QUEUE_PROFILE'] === '1';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [key, total] of top) line(`  self ${key}`, ms(total));
}

interface PageFigures {
  data: number | null;
  firstRows: number | null;
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

export async function benchQueueRender(): Promise<void> {
  heading(`Queue render (Chromium, ${OPEN_CASES.toLocaleString('en')} open cases, ${EVENTS_PER_SECOND} events/s for ${SECONDS} s)`);
  const { desk } = await startQueueDesk({ deadlines: false });
  const browser = await launchChromium();
  try {
    const service = desk.parts.service;
    const grids = desk.parts.district.district.grids;
    let ids = 0;
    const exec = async (caseId: string, type: string, actor: Actor, payload: Record<string, unknown> = {}) => {
      const a = await service.execute({ commandId: `bench-q-${++ids}`, caseId, type, payload }, actor);
      return a.ok ? a.state : undefined;
    };
    // Spread over every grid, a new category per pass: the duplicate rule (same category within 50 m) never fires.
    const byStage = new Map<string, string[]>([['reported', []], ['registered', []], ['dispatched', []], ['accepted', []]]);
    const loadStarted = performance.now();
    for (let i = 0; i < OPEN_CASES; i++) {
      const grid = grids[i % grids.length]!;
      const category = NORMAL_CATEGORIES[Math.floor(i / grids.length) % NORMAL_CATEGORIES.length]!;
      const r = await service.report(
        { categoryCode: category.code, channel: 'patrol', description: `基准案卷 ${i}`, lon: grid.centroid[0], lat: grid.centroid[1] },
        { userId: grid.supervisorId, role: 'supervisor' },
      );
      if (!r.ok) continue;
      let c: CaseState | undefined = r.state;
      const depth = i % 4;
      if (depth >= 1) c = await exec(c.id, 'register', INTAKE);
      if (c && depth >= 2) c = await exec(c.id, 'dispatch', DISPATCHER, { leadDepartmentId: 'sanitation' });
      if (c && depth >= 3) c = await exec(c.id, 'accept', handlerOf('sanitation'));
      if (c) byStage.get(c.stage)?.push(c.id);
    }
    line('cases loaded into the service', `${Math.round((performance.now() - loadStarted) / 1000)} s`);
    const snapStarted = performance.now();
    const snapshot = await desk.parts.store.workingSetJson({ kind: 'all' }, new Date(service.now().getTime() - 86_400_000).toISOString());
    line('service: working set as JSON', ms(performance.now() - snapStarted), `(${(snapshot.length / 1e6).toFixed(1)} MB)`);

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    // Page-side code as text: this file is typed for Node, the page has the DOM.
    await page.addInitScript(`
      window.__bench = { longTasks: [], frames: [] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const tick = (t) => { window.__bench.frames.push(t); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    `);
    const profiler = PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    await page.goto(`${desk.origin}/#/queue?as=leader-1`);
    await page.waitForFunction(() => performance.getEntriesByName('queue:first-rows').length > 0, undefined, { timeout: 120_000 });
    if (profiler) printProfile((await profiler.send('Profiler.stop')).profile);
    const read = () =>
      page.evaluate<PageFigures>(`(() => {
        const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
        return { data: mark('queue:data'), firstRows: mark('queue:first-rows'), longTasks: window.__bench.longTasks, frames: window.__bench.frames };
      })()`);
    const first = await read();
    const rows = await page.locator('[data-test="queue-tab"][data-queue="open"] [data-test="queue-count"]').textContent();
    line('cases in the leader\'s "all open" queue', rows ?? '?');
    line('navigation start → cases synced (queue:data)', first.data === null ? '—' : ms(first.data));
    line('navigation start → first rows painted', first.firstRows === null ? '—' : ms(first.firstRows), 'target < 500 ms');
    line('  of which rendering after the sync', first.data === null || first.firstRows === null ? '—' : ms(first.firstRows - first.data));
    // Where the first load's time goes: page boot, the snapshot request, applying it.
    const phases = await page.evaluate<{ app: number | null; fetchStart: number; responseStart: number; responseEnd: number; applied: number | null }>(`(() => {
      const snap = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/cases/snapshot'));
      const nav = performance.getEntriesByType('navigation')[0];
      return { app: nav ? nav.domContentLoadedEventEnd : null, fetchStart: snap?.fetchStart ?? 0, responseStart: snap?.responseStart ?? 0, responseEnd: snap?.responseEnd ?? 0,
        applied: performance.getEntriesByName('cases:snapshot-applied')[0]?.startTime ?? null };
    })()`);
    line('  page loaded (DOMContentLoaded)', phases.app === null ? '—' : ms(phases.app));
    line('  snapshot asked → first byte → last byte', `${ms(phases.fetchStart)} → ${ms(phases.responseStart)} → ${ms(phases.responseEnd)}`);
    line('  snapshot parsed and applied', phases.applied === null ? '—' : ms(phases.applied));
    const startupTasks = first.longTasks.filter((t) => t.start <= (first.firstRows ?? 0));
    line('long tasks before the first rows', `${startupTasks.length}`, `max ${ms(Math.max(0, ...startupTasks.map((t) => t.duration)))}`);

    // The raw limit, same run: a bare page of the same origin that only fetches and parses the
    // same snapshot (no app, no queue, no rows). Three fresh windows of each, medians.
    const firstRows: number[] = first.firstRows === null ? [] : [first.firstRows];
    for (let i = 0; i < 2; i++) {
      const again = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
      await again.goto(`${desk.origin}/#/queue?as=leader-1`);
      await again.waitForFunction(() => performance.getEntriesByName('queue:first-rows').length > 0, undefined, { timeout: 120_000 });
      firstRows.push(await again.evaluate(() => performance.getEntriesByName('queue:first-rows')[0]!.startTime));
      await again.close();
    }
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      const plain = await browser.newPage();
      await plain.goto(`${desk.origin}/favicon.svg`);
      bare.push(
        await plain.evaluate<number>(`(async () => {
          const answer = await fetch('/api/cases/snapshot', { headers: { accept: 'application/json', 'x-demo-user': 'leader-1' } });
          const body = await answer.json();
          if (body.cases.length === 0) throw new Error('empty snapshot');
          return performance.now();
        })()`),
      );
      await plain.close();
    }
    const appMedian = percentile(firstRows, 50);
    const bareMedian = percentile(bare, 50);
    line('first rows painted, median of 3 windows', ms(appMedian), firstRows.map((t) => ms(t)).join(', '));
    line('bare page: navigation → snapshot parsed, median of 3', ms(bareMedian), 'the raw limit');
    line('  app ÷ bare page', `${(appMedian / bareMedian).toFixed(2)}×`, `app overhead ${ms(appMedian - bareMedian)}`);

    // Live load: each command moves one case one step (one or two events each).
    const windowStart = await page.evaluate(() => performance.now());
    const steps: [from: string, type: string, actor: Actor, payload: Record<string, unknown>][] = [
      ['reported', 'register', INTAKE, {}],
      ['registered', 'dispatch', DISPATCHER, { leadDepartmentId: 'sanitation' }],
      ['dispatched', 'accept', handlerOf('sanitation'), {}],
      ['accepted', 'feedback', handlerOf('sanitation'), { result: '已处置', photoIds: [] }],
    ];
    const next: Record<string, string> = { reported: 'registered', registered: 'dispatched', dispatched: 'accepted', accepted: 'handled' };
    let sent = 0;
    const started = performance.now();
    while (performance.now() - started < SECONDS * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * EVENTS_PER_SECOND);
      while (sent < due) {
        const [from, type, actor, payload] = steps[sent % steps.length]!;
        sent += 1;
        const id = byStage.get(from)?.shift();
        if (!id) continue;
        const c = await exec(id, type, actor, payload);
        if (c && next[from]) byStage.get(next[from])?.push(c.id);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const windowEnd = await page.evaluate(() => performance.now());
    const live = await read();
    const tasks = live.longTasks.filter((t) => t.start >= windowStart).map((t) => t.duration);
    const frames = live.frames.filter((t) => t >= windowStart && t <= windowEnd);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    line('commands sent while watching', `${sent}`, `${(sent / SECONDS).toFixed(0)}/s`);
    line('long tasks while live', `${tasks.length}`, 'target: none over 50 ms');
    line('  max duration', tasks.length ? ms(Math.max(...tasks)) : '—');
    line('  p95 duration', tasks.length ? ms(percentile(tasks, 95)) : '—');
    line('frame rate while live', `${((frames.length / (windowEnd - windowStart)) * 1000).toFixed(1)} fps`, `worst frame ${gaps.length ? ms(Math.max(...gaps)) : '—'}`);
  } finally {
    await browser.close();
    await desk.close();
  }
}
