import { WebSocket } from 'ws';

/**
 * The flooding windows of the load-isolation bench, in a process of their own and on raw
 * Engine.IO frames: each answer is counted from its first bytes, never parsed, so the flood
 * costs this process almost nothing and the two cores go to the service (a socket.io client
 * parsing 500-row pages at this rate took a core itself and made every request look slow).
 * argv: url, kinds (sync,kpi,page), windows, reads in flight per window. Prints its tally as
 * one JSON line on SIGTERM.
 */
const [url, kinds = 'sync,kpi,page', windows = '3', inFlight = '48'] = process.argv.slice(2);
const REQUESTS: Record<string, () => string> = {
  sync: () => JSON.stringify(['case:sync', { sinceSeq: 0 }]),
  kpi: () => JSON.stringify(['kpi:query', { from: new Date(Date.now() - 365 * 86_400_000).toISOString(), to: new Date().toISOString(), groupBy: 'grid' }]),
  page: () => JSON.stringify(['case:query', { limit: 500 }]),
};
const requests = kinds.split(',').map((k) => {
  const r = REQUESTS[k.trim()];
  if (!r) throw new Error(`no read "${k}" (sync, kpi, page)`);
  return r;
});
const tally: Record<string, number> = {};
let flooding = true;
process.on('SIGTERM', () => {
  flooding = false;
  process.stdout.write(`${JSON.stringify(tally)}\n`, () => process.exit(0));
});

function window(w: number): Promise<void> {
  return new Promise((ready, fail) => {
    const ws = new WebSocket(`${url!.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    let id = 0;
    let turn = w;
    const ask = () => {
      if (!flooding) return;
      ws.send(`42${id++}${requests[turn++ % requests.length]!()}`);
    };
    ws.on('message', (data: Buffer) => {
      const head = data.subarray(0, 160).toString('latin1');
      if (head === '2') return ws.send('3'); // Engine.IO ping
      if (head.startsWith('0')) return ws.send(`40${JSON.stringify({ as: 'leader-1' })}`);
      if (head.startsWith('40')) {
        for (let k = 0; k < Number(inFlight); k++) ask();
        return ready();
      }
      if (!head.startsWith('43')) return; // live events
      const code = /"ok":false,"code":"([A-Z_]+)"/.exec(head)?.[1];
      tally[code ?? 'answered'] = (tally[code ?? 'answered'] ?? 0) + 1;
      if (code) setTimeout(ask, 50); // a refused window backs off a little
      else ask();
    });
    ws.once('error', fail);
  });
}

void Promise.all(Array.from({ length: Number(windows) }, (_, w) => window(w))).then(() => process.stdout.write('flooding\n'));
