import { benchCaseService } from './case-service.bench';
import { benchCityMap } from './city-map.bench';
import { benchLoadIsolation } from './load-isolation.bench';
import { benchFuzz } from './fuzz.bench';
import { benchMapSoak } from './map-soak.bench';
import { benchKpiPostgres } from './kpi-postgres.bench';
import { benchQueueRender } from './queue-render.bench';
import { benchVideoSoak } from './video-soak.bench';
import { benchVideoWall } from './video-wall.bench';
import { benchReplayDay } from './replay-day.bench';
import { benchWallSoak } from './wall-soak.bench';

/**
 * `npm run bench`: runs every benchmark in turn and prints its figures (ratios and
 * percentiles). Benchmarks are measurements, not tests: they never fail on a number.
 * Pick some with `npm run bench -- case-service`.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  'case-service': benchCaseService,
  'kpi-postgres': benchKpiPostgres,
  'queue-render': benchQueueRender,
  'video-wall': benchVideoWall,
  'city-map': benchCityMap,
  'map-soak': benchMapSoak,
  'replay-day': benchReplayDay,
  'wall-soak': benchWallSoak,
  'video-soak': benchVideoSoak,
  fuzz: benchFuzz,
  'load-isolation': benchLoadIsolation,
};

/** Soaks (30–60 min) and the 1.7 M-case PostgreSQL load run only when named (`npm run bench -- wall-soak`), never in a plain `npm run bench`. */
const ON_REQUEST = new Set(['wall-soak', 'map-soak', 'video-soak', 'kpi-postgres']);

// Ctrl-C or a kill: exit through process.exit, so the benches' 'exit' hooks stop their Chromium and ffmpeg.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHES).filter((name) => !ON_REQUEST.has(name));
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`No benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(2);
  }
  await bench();
}
process.stdout.write('\n');
process.exit(0);
