import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src-shared/contract/socket';
import type { CaseEvent } from '../../../src-shared/domain';
import { startServiceProcess, type ServiceProcess } from '../../support/service-process';
import { demoDistrict } from '../support/case-service';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok: true; events: CaseEvent[] } | { ok: false; code: string };

const TOTAL = 10_000;
const IN_FLIGHT = 64;
const KILL_AFTER_ACKS = 4_000;

async function connectTo(url: string): Promise<Client> {
  const socket: Client = connect(url, { auth: { as: 'intake-1' }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('a crash in the middle of a burst loses no acknowledged command and doubles none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grid-crash-'));
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`SIGKILL while a client sends ${TOTAL.toLocaleString('en')} commands`, async () => {
    const district = await demoDistrict();
    const categories = ['E0101', 'E0106', 'E0107', 'E0108', 'E0109', 'E0201', 'E0301', 'E0501', 'E0502', 'C0112'];
    const commands = Array.from({ length: TOTAL }, (_, i) => {
      const grid = district.grids[i % district.grids.length];
      if (!grid) throw new Error('no grid');
      return {
        commandId: `crash-${i.toString().padStart(6, '0')}-${process.pid}`,
        payload: { categoryCode: categories[Math.floor(i / district.grids.length) % categories.length] as string, channel: 'hotline' as const, description: `崩溃测试来电 ${i}`, lon: grid.centroid[0], lat: grid.centroid[1] },
      };
    });
    const acked = new Map<string, CaseEvent[]>();
    const args = ['--data', dir, '--no-simulator'];

    service = await startServiceProcess(args);
    let client = await connectTo(service.url);
    let next = 0;
    let killed = false;
    // Keep IN_FLIGHT commands outstanding; kill the service once enough were acknowledged.
    await new Promise<void>((done) => {
      const pump = () => {
        while (!killed && next < TOTAL && next - acked.size < IN_FLIGHT) {
          const command = commands[next++] as (typeof commands)[number];
          client.emit('case:report', command, (answer: Answer) => {
            if (killed) return;
            if (answer.ok) acked.set(command.commandId, answer.events);
            if (acked.size >= KILL_AFTER_ACKS && !killed) {
              killed = true;
              service?.child.kill('SIGKILL');
              done();
            } else pump();
          });
        }
      };
      pump();
    });
    await service.stop('SIGKILL');
    client.disconnect();
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // Restart on the same data; the client resends everything it has no answer for (same ids),
    // then the rest of the burst.
    service = await startServiceProcess(args);
    client = await connectTo(service.url);
    const resend = commands.filter((c) => !acked.has(c.commandId));
    for (let i = 0; i < resend.length; i += IN_FLIGHT) {
      const chunk = resend.slice(i, i + IN_FLIGHT);
      const answers = await Promise.all(chunk.map((c) => new Promise<Answer>((r) => client.emit('case:report', c, r))));
      answers.forEach((a, j) => {
        if (a.ok) acked.set((chunk[j] as (typeof chunk)[number]).commandId, a.events);
      });
    }
    client.disconnect();
    await service.stop();
    service = undefined;

    const db = new BetterSqlite3(join(dir, 'cases.db'), { readonly: true });
    const perCommand = new Map<string, number>();
    for (const row of db.prepare('SELECT command_id, COUNT(*) AS n FROM case_events GROUP BY command_id').all() as { command_id: string; n: number }[]) {
      perCommand.set(row.command_id, row.n);
    }
    const seqs = db.prepare('SELECT seq FROM case_events ORDER BY seq').all() as { seq: number }[];
    const numbers = (db.prepare('SELECT number FROM cases ORDER BY number').all() as { number: string }[]).map((r) => r.number);
    db.close();
    expect(acked.size).toBe(TOTAL);
    // Every acknowledged command is there, with exactly the events it was acknowledged with.
    const wrong = [...acked].filter(([id, events]) => perCommand.get(id) !== events.length).slice(0, 5);
    expect(wrong).toEqual([]);
    expect([...perCommand.keys()].filter((id) => !acked.has(id))).toEqual([]);
    // The log has no holes and no repeats.
    expect(seqs.every((s, i) => s.seq === i + 1)).toBe(true);
    // Nor the case numbers: each day's numbering runs 1, 2, 3 … whatever was refused or killed.
    const byDay = new Map<string, number[]>();
    for (const n of numbers) byDay.set(n.slice(0, 10), [...(byDay.get(n.slice(0, 10)) ?? []), Number(n.slice(11))]);
    for (const list of byDay.values()) expect(list).toEqual(list.map((_, i) => i + 1));
  }, 300_000);
});
