import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeViolations, findImportCircles, findViolations, importsOf, ROOMS, type SourceFile } from './import-rules';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function sourcesOf(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|vue)$/.test(entry.name)) {
        files.push({ path: relative(repoRoot, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(join(repoRoot, dir));
  return files;
}

describe('import direction of the four rooms', () => {
  it('holds for every .ts and .vue file in the repo', () => {
    const files = ROOMS.flatMap(sourcesOf);
    expect(files.length).toBeGreaterThan(10);
    const violations = findViolations(files);
    expect(violations, `Imports against ARCHITECTURE.md:\n${describeViolations(violations)}`).toEqual([]);
  });
});

describe('no import circles', () => {
  it('holds for the modules of every room, type imports included', () => {
    const circles = findImportCircles(ROOMS.flatMap(sourcesOf));
    expect(circles.map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('finds a circle of three, and one made of a type import, and leaves a chain alone', () => {
    const files: SourceFile[] = [
      { path: 'src-shared/a.ts', text: "import { b } from './b';" },
      { path: 'src-shared/b.ts', text: "import { c } from './c';" },
      { path: 'src-shared/c.ts', text: "import { a } from './a';" },
      { path: 'src-renderer/x/words.ts', text: "import { details } from './details';" },
      { path: 'src-renderer/x/details.ts', text: "import type { Context } from './words';" },
      { path: 'src-server/y/top.ts', text: "import { low } from './low';\nimport { a } from '../../src-shared/a';" },
      { path: 'src-server/y/low.ts', text: 'export const low = 1;' },
    ];
    const circles = findImportCircles(files);
    expect(circles).toHaveLength(2);
    expect(circles).toContainEqual(['src-shared/a.ts', 'src-shared/b.ts', 'src-shared/c.ts']);
    expect(circles).toContainEqual(['src-renderer/x/details.ts', 'src-renderer/x/words.ts']);
  });
});

describe('the import rule itself (it must be able to fail)', () => {
  const offenders: SourceFile[] = [
    { path: 'src-shared/domain/case.ts', text: "import { readFile } from 'node:fs/promises';\nexport const x = 1;" },
    { path: 'src-shared/kpi/score.ts', text: "import { join } from 'path';\nimport { ref } from 'vue';" },
    { path: 'src-shared/codes/grid.ts', text: "import { startWebDesk } from '../../src-server/web-desk';" },
    { path: 'src-shared/calendar/now.ts', text: 'export const wide = () => window.innerWidth + document.title.length;' },
    { path: 'src-shared/calendar/env.ts', text: "export const tz = process.env['TZ'];" },
    { path: 'src-renderer/features/map/Map.vue', text: "<script setup lang=\"ts\">\nimport { ipcRenderer } from 'electron';\n</script>" },
    { path: 'src-renderer/app/files.ts', text: "const fs = await import('node:fs');" },
    { path: 'src-renderer/app/x.ts', text: "export { startWebDesk } from '../../src-server/web-desk';" },
    { path: 'src-renderer/app/y.ts', text: "import type { DeskWindowOptions } from '../../src-main/window-options';" },
    { path: 'src-server/http/z.ts', text: "import { app } from 'electron';" },
    { path: 'src-server/http/w.ts', text: "import App from '../../src-renderer/app/App.vue';" },
    { path: 'src-main/index.ts', text: "import '../src-renderer/main';" },
    { path: 'src-main/window-options.ts', text: "import { BrowserWindow } from 'electron';" },
  ];

  it('reports each offending import with its file', () => {
    const found = findViolations(offenders).map((v) => `${v.file} ${v.specifier}`);
    expect(found).toEqual([
      'src-shared/domain/case.ts node:fs/promises',
      'src-shared/kpi/score.ts path',
      'src-shared/kpi/score.ts vue',
      'src-shared/codes/grid.ts ../../src-server/web-desk',
      'src-shared/calendar/now.ts window.',
      'src-shared/calendar/now.ts document.',
      'src-shared/calendar/env.ts process.',
      'src-renderer/features/map/Map.vue electron',
      'src-renderer/app/files.ts node:fs',
      'src-renderer/app/x.ts ../../src-server/web-desk',
      'src-renderer/app/y.ts ../../src-main/window-options',
      'src-server/http/z.ts electron',
      'src-server/http/w.ts ../../src-renderer/app/App.vue',
      'src-main/index.ts ../src-renderer/main',
      'src-main/window-options.ts electron',
    ]);
    expect(describeViolations(findViolations(offenders.slice(0, 1)))).toContain('src-shared/domain/case.ts: "node:fs/promises"');
  });

  it('lets the allowed directions through', () => {
    const allowed: SourceFile[] = [
      { path: 'src-shared/domain/case.ts', text: "import { z } from 'zod';\nimport { tz } from '@date-fns/tz';\nimport type { Role } from './roles';" },
      { path: 'src-shared/calendar/days.ts', text: "import { addDays } from 'date-fns/addDays';\n// window.open is fine in a comment\nconst o = { window: 1 }; export const w = o.window;" },
      { path: 'src-renderer/app/a.ts', text: "import { createApp } from 'vue';\nimport type { DeskApi } from '../../src-shared/desk-api';" },
      { path: 'src-server/http/b.ts', text: "import { createServer } from 'node:http';\nimport { pino } from 'pino';\nimport type { District } from '../../src-shared/district/types';" },
      { path: 'src-main/index.ts', text: "import { app } from 'electron';\nimport { startWebDesk } from '../src-server/web-desk';" },
      { path: 'src-main/preload.ts', text: "import { contextBridge } from 'electron';" },
      { path: 'test/unit/anything.ts', text: "import { app } from 'electron';" },
    ];
    expect(findViolations(allowed)).toEqual([]);
  });

  it('finds every import form', () => {
    const text = [
      "import a from 'one';",
      "import { b,\n  c } from 'two';",
      "import type { D } from 'three';",
      "import 'four';",
      "export * from 'five';",
      "const six = await import('six');",
      "const seven = require('seven');",
      "// import x from 'commented-out';",
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['five', 'four', 'one', 'seven', 'six', 'three', 'two']);
  });
});
