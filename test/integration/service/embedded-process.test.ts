import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isReadyMessage } from '../../../src-main/service-supervisor';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('the embedded case service process (what the Electron desk forks)', () => {
  it('starts on loopback with its data in the given folder and tells its parent where it listens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grid-embedded-'));
    const child = fork(join(ROOT, 'src-server/embedded.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: ROOT,
      env: { ...process.env, GRID_DATA_DIR: dataDir, GRID_SIMULATOR: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const message = await new Promise<unknown>((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`embedded service exited with ${code}`)));
      });
      expect(isReadyMessage(message)).toBe(true);
      const origin = (message as { origin: string }).origin;
      const summary = (await (await fetch(`${origin}/api/district/summary`)).json()) as { grids: number };
      expect(summary.grids).toBe(1652);
      // Headless: no renderer is served by the embedded process (the desk loads its own copy).
      expect((await fetch(`${origin}/index.html`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
