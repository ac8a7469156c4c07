import { pino } from 'pino';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { freshStorage, type Client } from '../support/case-service';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * A shared deployment: the administrator disables an account through node A while the person's
 * window is on node B. The drop travels through the Redis adapter (the database poll is set too
 * slow to be the one that does it).
 */
describe('two service nodes: disabling an account closes its window on the other node', () => {
  const nodes: RunningWebDesk[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshStorage('postgres');
    drop = fresh.drop;
    const logger = pino({ level: 'silent' });
    for (let i = 0; i < 2; i++) {
      nodes.push(await startWebDesk({ host: '127.0.0.1', port: 0, logger, storage: fresh.storage, redisUrl: REDIS_URL, demo: false, deadlines: false, signOffPollMs: 60_000 }));
    }
  });
  afterAll(async () => {
    for (const n of nodes) await n.close();
    await drop();
  });

  it('drops the window on node B within a second of the change on node A', async () => {
    const [a, b] = nodes as [RunningWebDesk, RunningWebDesk];
    const by = { actorId: 'admin', origin: 'test' };
    expect((await a.parts.accounts.createAccount({ username: 'feng.leader', name: '冯领导', role: 'leader' }, 'a long enough password', by)).ok).toBe(true);
    const signIn = await fetch(`${a.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'feng.leader', password: 'a long enough password' }) });
    const { token } = (await signIn.json()) as { token: string };
    const window: Client = connect(b.origin, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      window.once('connect', () => resolve());
      window.once('connect_error', reject);
    });
    const t0 = Date.now();
    const dropped = new Promise<number>((resolve) => window.once('disconnect', () => resolve(Date.now() - t0)));
    expect((await a.parts.accounts.setEnabled('feng.leader', false, by)).ok).toBe(true);
    expect(await dropped).toBeLessThan(1_000);
  });
});
