import { pino } from 'pino';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { testRenderer } from './test-renderer';

/**
 * The web desk as a person runs it, on an ephemeral port. Reuses out/renderer when it is newer
 * than every renderer source, otherwise builds it first (so a test never runs yesterday's page).
 */
export async function startBuiltWebDesk(options: { probes?: boolean } = {}): Promise<{ desk: RunningWebDesk; buildMs: number | null }> {
  const { rendererDir, buildMs } = await testRenderer(options);
  const desk = await startWebDesk({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    // Another generated district can be tried with DISTRICT_DIR; default resources/district.
    districtDir: process.env['DISTRICT_DIR'],
    logger: pino({ level: 'silent' }),
  });
  return { desk, buildMs };
}
