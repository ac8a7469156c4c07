import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBatch } from '../../src-shared/contract/socket';
import type { CaseEvent, CaseState } from '../../src-shared/domain';
import { CaseReplica } from '../../src-shared/sync/case-replica';
import { loadDistrict } from '../../src-server/district/load';
import { startServiceProcess } from '../support/service-process';
import { benchClient, type BenchClient } from './bench-client';
import { heading, line, ms, percentile } from './stats';

/**
 * The case service on its embedded default (SQLite, separate process, loopback socket.io):
 * sustained command rate with ack latency, fan-out latency to 50 windows, and the time for a
 * window to catch up on 10,000 missed events. Figures, not pass/fail.
 */
type Client = BenchClient;
type Answer = { ok: true; events: CaseEvent[]; state: CaseState } | { ok: false; code: string };

const OFFERED_PER_SECOND = Number(process.env['BENCH_RATE'] ?? 1_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const FANOUT_CLIENTS = 50;
/** A busy district peaks far below the stress rate (Chaoyang: ≈ 4,700 cases ≈ 38,000 commands a day). */
const FANOUT_RATE = Number(process.env['BENCH_FANOUT_RATE'] ?? 200);

let ids = 0;
const commandId = () => `bench-${process.pid}-${++ids}`;

export async function benchCaseService(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-bench-'));
  const service = await startServiceProcess(['--data', dir, '--no-simulator']);
  const district = await loadDistrict();
  try {
    const intake = await benchClient(service.url, 'intake-1');
    const dispatcher = await benchClient(service.url, 'dispatcher-1');
    const handler = await benchClient(service.url, 'handler-sanitation');
    // Every grid supervisor's window is open before the clock starts (they verify on site).
    const supervisors = new Map<string, Client>();
    for (const id of new Set(district.grids.map((g) => g.supervisorId))) supervisors.set(id, await benchClient(service.url, id));
    const sentAt = new Map<string, number>();
    const fanout: number[] = [];
    const watchers: Client[] = [];
    /** Windows watching the district (a leader's scope: every event). */
    const connectWatchers = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const w = await benchClient(service.url, 'leader-1');
        watchers.push(w);
        w.on('case:events', (batch: EventBatch) => {
          const now = performance.now();
          for (const e of batch.events) {
            const t = sentAt.get(e.commandId);
            if (t !== undefined) fanout.push(now - t);
          }
        });
      }
    };
    const ack: number[] = [];
    let refused = 0;
    const send = (socket: Client, event: 'case:report' | 'case:command', body: Record<string, unknown>): Promise<Answer> => {
      const id = commandId();
      const started = performance.now();
      sentAt.set(id, started);
      return new Promise((resolve) =>
        socket.emit(event, { commandId: id, ...body } as never, ((answer: Answer) => {
          ack.push(performance.now() - started);
          if (!answer.ok) refused += 1;
          resolve(answer);
        }) as never),
      );
    };
    const supervisorFor = (userId: string) => supervisors.get(userId) as Client;
    // One case through the whole loop: eight commands by five people.
    let n = 0;
    const oneCase = async () => {
      const grid = district.grids[n++ % district.grids.length];
      if (!grid) return;
      const r = await send(intake, 'case:report', { payload: { categoryCode: ['E0101', 'E0108', 'E0109', 'E0106'][n % 4], channel: 'hotline', description: `基准测试 ${n}`, lon: grid.centroid[0], lat: grid.centroid[1] } });
      if (!r.ok || r.state.stage !== 'reported') return;
      const caseId = r.state.id;
      const cmd = (socket: Client, type: string, payload: Record<string, unknown> = {}) => send(socket, 'case:command', { caseId, type, payload });
      await cmd(intake, 'register');
      const d = await cmd(dispatcher, 'dispatch', { leadDepartmentId: 'sanitation' });
      if (!d.ok) return;
      await cmd(handler, 'accept');
      await cmd(handler, 'feedback', { result: '已处置', photoIds: [] });
      await cmd(intake, 'sendToVerify');
      await cmd(supervisorFor(grid.supervisorId), 'verify', { passed: true });
      await cmd(intake, 'close');
    };

    /** Offers `rate` commands/s (whole cases of eight commands) for `seconds`, and measures. */
    const load = async (title: string, rate: number, seconds: number, watching: number) => {
      heading(title);
      ack.length = 0;
      fanout.length = 0;
      refused = 0;
      const casesPerSecond = rate / 8;
      const started = performance.now();
      const running: Promise<void>[] = [];
      await new Promise<void>((done) => {
        let launched = 0;
        const timer = setInterval(() => {
          const due = Math.floor(((performance.now() - started) / 1000) * casesPerSecond);
          while (launched < due) {
            launched += 1;
            running.push(oneCase());
          }
          if (performance.now() - started >= seconds * 1000) {
            clearInterval(timer);
            done();
          }
        }, 5);
      });
      await Promise.all(running);
      const elapsed = (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 500));
      line('commands acknowledged', `${ack.length}`, `(${refused} refused)`);
      line('sustained rate', `${(ack.length / elapsed).toFixed(0)} /s`, `offered ${rate}/s`);
      line('ack latency p50', ms(percentile(ack, 50)));
      line('ack latency p99', ms(percentile(ack, 99)));
      if (watching > 0) {
        line('fan-out deliveries measured', `${fanout.length}`, `(${watching} windows)`);
        line('command → window latency p50', ms(percentile(fanout, 50)));
        line('command → window latency p99', ms(percentile(fanout, 99)));
      }
    };

    await load(`Sustained commands, embedded default (SQLite): ${OFFERED_PER_SECOND}/s offered for ${SECONDS} s (target ≥ 1,000/s, ack p99 < 50 ms)`, OFFERED_PER_SECOND, SECONDS, 0);
    await load(`Headroom: ${OFFERED_PER_SECOND * 2}/s offered for ${SECONDS} s (where the one service process saturates)`, OFFERED_PER_SECOND * 2, SECONDS, 0);
    await connectWatchers(FANOUT_CLIENTS);
    await load(`Fan-out to ${FANOUT_CLIENTS} windows: ${FANOUT_RATE}/s offered for ${SECONDS} s (target command → window p99 < 100 ms)`, FANOUT_RATE, SECONDS, FANOUT_CLIENTS);

    // A window that was away while 10,000 events happened catches up from its sequence number.
    heading('Resync after 10,000 missed events');
    const away = new CaseReplica();
    const snapshot = await new Promise<{ ok: true; kind: 'snapshot'; cases: CaseState[]; seq: number }>((r) => watchers[0]?.emit('case:sync', {}, r as never));
    away.loadSnapshot(snapshot.cases, snapshot.seq);
    for (const w of watchers) w.disconnect();
    const before = snapshot.seq;
    while (true) {
      const head = await new Promise<{ ok: true; kind: string; headSeq: number; seq: number }>((r) => intake.emit('case:sync', { sinceSeq: 1e12 }, r as never));
      if ((head.seq ?? head.headSeq) - before >= 10_000) break;
      await Promise.all(Array.from({ length: 50 }, () => oneCase()));
    }
    const back = await benchClient(service.url, 'leader-1');
    const t0 = performance.now();
    const answer = await new Promise<{ ok: true; kind: 'events'; events: CaseEvent[]; headSeq: number }>((r) => back.emit('case:sync', { sinceSeq: away.seq }, r as never));
    const received = performance.now();
    const outcome = away.applySync(answer);
    const t1 = performance.now();
    line('missed events', `${answer.events.length}`, `(answer kind: ${answer.kind}, gap: ${outcome.gap})`);
    line('resync: request → events received', ms(received - t0));
    line('resync: applied to the window copy', ms(t1 - received));
    line('resync total', ms(t1 - t0), 'target < 1 s');
    back.disconnect();
    for (const s of [intake, dispatcher, handler, ...supervisors.values()]) s.disconnect();
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
