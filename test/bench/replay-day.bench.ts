import { pino } from 'pino';
import { beijingDayRange, type ReplayDay, type ReplayPage } from '../../src-shared/contract/replay';
import { loadDistrict } from '../../src-server/district/load';
import { DemoClock } from '../../src-server/simulator/clock';
import { Simulator } from '../../src-server/simulator/simulator';
import { startWebDesk } from '../../src-server/web-desk';
import { heading, line, ms } from './stats';

/**
 * The briefing replay's payload for one simulated day at BENCH_REPLAY_RATE reports a day
 * (default Chaoyang's 4,700): the district simulated from the day before to the end of the
 * day, then `GET /api/replay/:day` and every page, timed, with their sizes. In-memory SQLite.
 */
const RATE = Number(process.env['BENCH_REPLAY_RATE'] ?? 4_700);
const DAY = '2026-03-10';

export async function benchReplayDay(): Promise<void> {
  heading(`Briefing replay of one day (${RATE.toLocaleString('en')} reports/day, SQLite in memory)`);
  const { from, to } = beijingDayRange(DAY);
  // A day of history before it, so the day starts with a district's usual backlog of open cases.
  const start = new Date(Date.parse(from) - 24 * 3_600_000);
  const clock = new DemoClock({ start, held: true });
  const desk = await startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), deadlines: false, clock: () => clock.now() });
  try {
    const t0 = performance.now();
    const sim = new Simulator(desk.parts.service, await loadDistrict(), { seed: 4, profile: 'mature', ratePerDay: RATE, clock });
    await sim.backfill(start, new Date(to));
    await sim.stop();
    clock.hold(new Date(Date.parse(to) + 3_600_000));
    line('simulated 48 h in', `${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const get = async (path: string) => {
      const t = performance.now();
      const response = await fetch(`${desk.origin}${path}`, { headers: { 'x-demo-user': 'leader-1' } });
      const text = await response.text();
      const fetched = performance.now() - t;
      const p = performance.now();
      const body = JSON.parse(text) as unknown;
      return { body, bytes: Buffer.byteLength(text), ms: fetched, parseMs: performance.now() - p };
    };
    const first = await get(`/api/replay/${DAY}`);
    const day = first.body as ReplayDay;
    line('events of the day', day.totalEvents.toLocaleString('en'));
    line('cases at the day start (open, touched, due)', day.cases.length.toLocaleString('en'));
    line('first answer (states + first page)', `${(first.bytes / 1e6).toFixed(2)} MB`, `${ms(first.ms)} to answer, ${ms(first.parseMs)} JSON.parse`);
    let bytes = first.bytes;
    let events = day.events.length;
    let pages = 1;
    let pageMs = 0;
    let next = day.next;
    while (next !== null) {
      const page = await get(`/api/replay/${DAY}/events?after=${next}`);
      const body = page.body as ReplayPage;
      bytes += page.bytes;
      events += body.events.length;
      pages += 1;
      pageMs = Math.max(pageMs, page.ms);
      next = body.next;
    }
    line('the whole day', `${(bytes / 1e6).toFixed(1)} MB`, `${pages} requests, slowest page ${ms(pageMs)}`);
    const stateBytes = Buffer.byteLength(JSON.stringify(day.cases));
    line('of which the day-start states', `${(stateBytes / 1e6).toFixed(2)} MB`, `${Math.round(stateBytes / Math.max(1, day.cases.length))} B a case`);
    line('events received', events.toLocaleString('en'), `${Math.round((bytes - stateBytes) / Math.max(1, events))} B an event`);
  } finally {
    await desk.close();
  }
}
