import { benchCaseService } from './case-service.bench';
import { benchQueueRender } from './queue-render.bench';
import { benchVideoWall } from './video-wall.bench';

/**
 * `npm run bench`: runs every benchmark in turn and prints its figures (ratios and
 * percentiles). Benchmarks are measurements, not tests: they never fail on a number.
 * Pick some with `npm run bench -- case-service`.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  'case-service': benchCaseService,
  'queue-render': benchQueueRender,
  'video-wall': benchVideoWall,
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHES);
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
