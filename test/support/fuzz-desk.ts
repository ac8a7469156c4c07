import { pino } from 'pino';
import type { StorageConfig } from '../../src-server/service/bootstrap';
import { startWebDesk, type RunningWebDesk } from '../../src-server/web-desk';

/**
 * The service as the fuzzer meets it (the integration test and the bench alike): every intake
 * gateway open with a known key, so their routes are reached, and one real case, so reads have
 * something to leak and writes something to corrupt.
 */
export async function startFuzzDesk(storage: StorageConfig): Promise<{ desk: RunningWebDesk; supervisorId: string }> {
  const desk = await startWebDesk({
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    storage,
    deadlines: false,
    video: { demoStreams: false },
    intake: { open311ApiKeys: ['demo-intake-key'], hotlineApiKeys: ['fuzz-hotline-key'], cameraApiKeys: ['fuzz-camera-key'] },
  });
  const grid = desk.parts.district.district.grids[0]!;
  const reported = await desk.parts.service.report(
    { categoryCode: 'C0101', channel: 'patrol', description: '井盖缺失', lon: grid.centroid[0], lat: grid.centroid[1] },
    { userId: grid.supervisorId, role: 'supervisor' },
  );
  if (!reported.ok) {
    await desk.close();
    throw new Error(`the fuzz desk's first case was refused: ${reported.code}`);
  }
  return { desk, supervisorId: grid.supervisorId };
}
