/**
 * `npm run district` — regenerates the demo district.
 *
 *   npm run district                          resources/district, seed 2004, 20,000 components
 *   npm run district -- --seed 7 --out /tmp/d
 *   npm run district -- --full                168,339 components (Dongcheng's real count) into
 *                                             out/district-full, never into the committed files
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_COMPONENT_COUNT, FULL_COMPONENT_COUNT } from './components';
import { DISTRICT_FILES, serialiseDistrict } from './files';
import { DEFAULT_SEED, generateDistrict } from './generate';
import { repoDistrictDir } from './paths';
import { readSource } from './source';

const HELP = `Usage: npm run district -- [options]

Generates the demo district (Dongcheng, 110101): streets, communities, unit grids, components,
cameras, departments and users, deterministically from a seed.

  --seed N         seed (default ${DEFAULT_SEED}); the same seed gives byte-identical files
  --out DIR        output folder (default resources/district)
  --components N   number of components (default ${DEFAULT_COMPONENT_COUNT})
  --full           ${FULL_COMPONENT_COUNT} components, for benchmarks; written to out/district-full
                   unless --out is given, and never to resources/district
  --help           this text
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      components: { type: 'string' },
      full: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const seed = integer(values.seed, DEFAULT_SEED, '--seed');
  const committed = repoDistrictDir();
  const repoRoot = resolve(committed, '..', '..');
  if (values.full && values.components !== undefined) throw new Error('--full and --components exclude each other');
  const components = values.full
    ? FULL_COMPONENT_COUNT
    : integer(values.components, DEFAULT_COMPONENT_COUNT, '--components');
  const out = resolve(values.out ?? (values.full ? join(repoRoot, 'out', 'district-full') : committed));
  if (values.full && out === resolve(committed)) {
    throw new Error('--full must not overwrite the committed resources/district; pass another --out');
  }

  const started = performance.now();
  const district = generateDistrict(await readSource(join(committed, 'source')), { seed, components });
  const files = serialiseDistrict(district);
  const generatedMs = performance.now() - started;
  await mkdir(out, { recursive: true });
  for (const name of DISTRICT_FILES) await writeFile(join(out, name), files[name]);

  const c = district.meta.counts;
  const roles = new Map<string, number>();
  for (const u of district.users) roles.set(u.role, (roles.get(u.role) ?? 0) + 1);
  const lines = [
    `district ${district.meta.name} (${district.meta.code}), seed ${seed} → ${relative(process.cwd(), out) || '.'}`,
    `  streets ${c.streets}, communities ${c.communities}`,
    `  grids ${c.grids} (A ${c.gridsByType.A}, B ${c.gridsByType.B}, C ${c.gridsByType.C})`,
    `  components ${c.components} in ${c.componentKinds} kinds`,
    `  cameras ${c.cameras}, departments ${c.departments}`,
    `  users ${c.users}: ${[...roles].map(([r, n]) => `${r} ${n}`).join(', ')}`,
    `  files ${DISTRICT_FILES.map((f) => `${f} ${(Buffer.byteLength(files[f]) / 1024).toFixed(0)} KiB`).join(', ')}`,
    `  generated in ${(generatedMs / 1000).toFixed(2)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function integer(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a non-negative integer, got ${text}`);
  return n;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`district: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
