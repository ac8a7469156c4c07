import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root: the nearest folder above this file with package.json and src-renderer/. */
export function projectRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src-renderer'))) return dir;
  }
  throw new Error(`No project root (package.json + src-renderer/) above ${start}`);
}

export function defaultRendererDir(root: string = projectRoot()): string {
  return join(root, 'out', 'renderer');
}

/** The test build: the same renderer with the window hooks e2e tests and benches read (GRID_PROBES=1). */
export function probedRendererDir(root: string = projectRoot()): string {
  return join(root, 'out', 'renderer-probed');
}

export function isRendererBuilt(rendererDir: string): boolean {
  return existsSync(join(rendererDir, 'index.html'));
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when a source the renderer is built from changed after the last build. */
export function isRendererStale(rendererDir: string, root: string = projectRoot()): boolean {
  if (!isRendererBuilt(rendererDir)) return true;
  const builtAt = statSync(join(rendererDir, 'index.html')).mtimeMs;
  const sources = ['src-renderer', 'src-shared'].map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
  const configs = ['electron.vite.config.ts', 'package.json'].map((file) => join(root, file)).filter((file) => existsSync(file));
  const newestSource = Math.max(...sources.map(newestChange), ...configs.map((file) => statSync(file).mtimeMs));
  return newestSource > builtAt;
}

/**
 * Runs `electron-vite build` (all three outputs; the renderer is most of the time). Runs the CLI
 * with this Node rather than through npx, so it works offline and with no PATH set up.
 */
export async function buildRenderer(root: string = projectRoot(), output: 'inherit' | 'ignore' = 'inherit', options: { probes?: boolean } = {}): Promise<void> {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(cli)) throw new Error(`electron-vite is not installed (${cli}); run npm ci first.`);
  await new Promise<void>((done, fail) => {
    const env = { ...process.env, GRID_PROBES: options.probes ? '1' : '0' };
    const child = spawn(process.execPath, [cli, 'build'], { cwd: root, env, stdio: ['ignore', output, 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (code === 0) done();
      else fail(new Error(`electron-vite build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
