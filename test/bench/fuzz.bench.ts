import { freshStorage } from '../integration/support/case-service';
import { startFuzzDesk } from '../support/fuzz-desk';
import { fuzzHttp, fuzzRawFrames, fuzzSockets, storedState, type FuzzFigures } from '../support/fuzz';
import { heading, line } from './stats';

/**
 * The long form of the boundary fuzz (test/integration/fuzz is the short one): ≥ 100,000
 * malformed payloads at every socket event and HTTP route, on PostgreSQL (the stricter store).
 * Prints what was sent and what went wrong; every "wrong" figure should read 0.
 */
const TOTAL = Number(process.env['BENCH_FUZZ_PAYLOADS'] ?? 100_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 1);

export async function benchFuzz(): Promise<void> {
  heading(`Boundary fuzz (PostgreSQL, ${TOTAL.toLocaleString('en')} payloads, seed ${SEED})`);
  const storage = await freshStorage('postgres');
  const { desk, supervisorId } = await startFuzzDesk(storage.storage);
  try {
    const before = await storedState(desk);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const share = Math.floor(TOTAL / 5);
    const figures: FuzzFigures = await fuzzSockets(desk, { seed: SEED, payloads: share, as: 'dispatcher-1' });
    await fuzzSockets(desk, { seed: SEED + 1, payloads: share, as: supervisorId }, figures);
    await fuzzSockets(desk, { seed: SEED + 2, payloads: share / 2, as: 'handler-sanitation' }, figures);
    await fuzzRawFrames(desk, { seed: SEED, frames: share / 2, as: 'dispatcher-1' }, figures);
    await fuzzHttp(desk, { seed: SEED, requests: TOTAL - figures.socketPayloads }, figures);
    const seconds = (performance.now() - started) / 1000;
    const after = await storedState(desk);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    line('socket payloads (events and raw frames)', figures.socketPayloads.toLocaleString('en'));
    line('HTTP requests', figures.httpRequests.toLocaleString('en'));
    line('payloads per second', ((figures.socketPayloads + figures.httpRequests) / seconds).toFixed(0));
    line('crashes (service stopped answering)', String((await fetch(`${desk.origin}/api/district/summary`).then((r) => r.status, () => 0)) === 200 ? 0 : 1));
    line('state changes (event head, rows)', String(changed.length), changed.join(', '));
    line('malformed writes accepted', String(figures.accepted.length));
    line('answers without a code and a message', String(figures.unclear.length));
    line('requests left unanswered', String(figures.unanswered.length));
    line('HTTP 5xx', String(figures.serverErrors.length));
    line('socket disconnects by the server (over-size packets)', String(figures.disconnects));
    line('heap growth over the run', `${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB`);
    const top = [...figures.refusals].sort((a, b) => b[1] - a[1]).slice(0, 8);
    line('refusals by code', top.map(([code, n]) => `${code} ${n}`).join(', '));
    for (const sample of [...figures.accepted, ...figures.unclear, ...figures.unanswered, ...figures.serverErrors].slice(0, 10)) line('  e.g.', sample.slice(0, 200));
  } finally {
    await desk.close();
    await storage.drop();
  }
}
