import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where resources/district lives. This module runs from src-server/district under tsx/vitest,
 * from a bundle under out/ after electron-vite, and from app resources in a packaged Electron
 * app, so we walk up from this file until a folder holds resources/district/district.json
 * (and try Electron's resourcesPath), instead of trusting one fixed relative path.
 */
export function defaultDistrictDir(): string {
  const found = candidates().find((dir) => existsSync(join(dir, 'district.json')));
  if (found) return found;
  // Not generated yet (first run of `npm run district`): the repo's folder is still the answer.
  return repoDistrictDir();
}

/** The repo's resources/district, found from this file (the generator writes here). */
export function repoDistrictDir(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start, i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) {
      return join(dir, 'resources', 'district');
    }
  }
  return resolve(start, '..', '..', 'resources', 'district');
}

function candidates(): string[] {
  const dirs: string[] = [];
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start, i = 0; i < 6; i++, dir = dirname(dir)) dirs.push(join(dir, 'resources', 'district'));
  // Electron sets process.resourcesPath in a packaged app; Node's types do not know it.
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) dirs.push(join(resourcesPath, 'district'), join(resourcesPath, 'resources', 'district'));
  return dirs;
}
