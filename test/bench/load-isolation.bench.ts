import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDistrict } from '../../src-server/district/load';
import { startServiceProcess } from '../support/service-process';
import { benchClient } from './bench-client';
import { heading, line, ms, percentile } from './stats';

/**
 * Load isolation on the embedded default (SQLite, its own process, the simulator's day of
 * history): a desk's report ack latency alone, then while three windows flood the service with
 * the heaviest reads there are (a full resync from event 0, a year of KPIs by grid, 500-row
 * queue pages), as fast as they are answered. The bar: p99 under the flood ≤ 2× idle.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const RATE = 20;
const FLOODERS = 3;
const IN_FLIGHT = 48; // per flooding window, more than its share of 32

const FLOOD = process.env['BENCH_FLOOD'] ?? 'sync,kpi,page';

export async function benchLoadIsolation(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-bench-'));
  const service = await startServiceProcess(['--data', dir]);
  const district = await loadDistrict();
  let n = 0;
  const desk = await benchClient(service.url, 'intake-1');
  /** Reports at RATE a second for SECONDS; their ack latencies. */
  const reportsFor = async (): Promise<number[]> => {
    const acks: number[] = [];
    const pending: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < SECONDS * RATE; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const grid = district.grids[(n * 37) % district.grids.length]!;
      const sent = performance.now();
      pending.push(
        new Promise<void>((resolve) =>
          desk.emit('case:report', { commandId: `iso-${process.pid}-${++n}`, payload: { categoryCode: 'E0101', channel: 'hotline', description: `隔离基准 ${n}`, lon: grid.centroid[0], lat: grid.centroid[1] } }, () => {
            acks.push(performance.now() - sent);
            resolve();
          }),
        ),
      );
    }
    await Promise.all(pending);
    return acks;
  };
  try {
    heading(`Load isolation: a desk's reports at ${RATE}/s for ${SECONDS} s, alone and beside ${FLOODERS} windows flooding ${process.env['BENCH_FLOOD'] ?? 'sync,kpi,page'} (from a process of their own)`);
    await reportsFor(); // warm-up
    const idle = await reportsFor();
    const flooder = spawn(process.execPath, ['--import', 'tsx', 'test/bench/read-flood.ts', service.url, FLOOD, String(FLOODERS), String(IN_FLIGHT)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    flooder.stdout.on('data', (c: Buffer) => (said += c.toString()));
    await new Promise<void>((resolve) => {
      const look = () => (said.includes('flooding') ? resolve() : setTimeout(look, 50));
      look();
    });
    await new Promise((r) => setTimeout(r, 1_000)); // the flood at full strength
    const pings: number[] = [];
    const pinging = setInterval(() => {
      const sent = performance.now();
      desk.emit('people:directory', {}, () => pings.push(performance.now() - sent));
    }, 100);
    const flooded = await reportsFor();
    clearInterval(pinging);
    const exited = new Promise((r) => flooder.once('exit', r));
    flooder.kill('SIGTERM');
    await exited;
    const answered = JSON.parse(said.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    const p99Idle = percentile(idle, 99);
    const p99Flood = percentile(flooded, 99);
    line('ack p50 alone', ms(percentile(idle, 50)));
    line('ack p99 alone', ms(p99Idle));
    line('ack p50 beside the flood', ms(percentile(flooded, 50)));
    line('ack p99 beside the flood', ms(p99Flood), `${(p99Flood / p99Idle).toFixed(2)}× alone (bar: ≤ 2×)`);
    line('a read of no work (people:directory) beside the flood, p50 / p99', `${ms(percentile(pings, 50))} / ${ms(percentile(pings, 99))}`);
    line('flood reads', Object.entries(answered).map(([k, v]) => `${k} ${v}`).join(', '));
  } finally {
    desk.disconnect();
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
