import { pino } from 'pino';
import { startHttpServer, type RunningHttpServer } from '../../../src-server/http/server';
import { createCaseService, type CaseServiceParts } from '../../../src-server/service/bootstrap';
import { intakeRoutes, type IntakeOptions } from '../../../src-server/intake/routes';
import { demoDistrict, freshStorage, type Dialect } from './case-service';

export const KEYS = { open311: 'open311-test-key', hotline: 'hotline-test-key', camera: 'camera-test-key' };

export interface IntakeServer {
  url: string;
  parts: CaseServiceParts;
  http: RunningHttpServer;
  /** Row count of a table, for "nothing was stored" checks. */
  count(table: 'cases' | 'photos' | 'reporter_contacts' | 'access_log' | 'case_events'): Promise<number>;
  close(): Promise<void>;
}

/** The case service with the intake routes on the product's own HTTP server, on an ephemeral port. */
export async function startIntakeServer(dialect: Dialect, options: Partial<IntakeOptions> = {}): Promise<IntakeServer> {
  const fresh = await freshStorage(dialect);
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'silent' });
  const parts = await createCaseService(
    { storage: fresh.storage, district: await demoDistrict(), demo: true, tokens: { 'token-supervisor': 'supervisor-110101001001' } },
    logger,
  );
  const routes = intakeRoutes({
    service: parts.service,
    people: parts.people,
    logger,
    options: { open311ApiKeys: [KEYS.open311], hotlineApiKeys: [KEYS.hotline], cameraApiKeys: [KEYS.camera], ...options },
  });
  // The static root is never reached by these tests; any folder will do.
  const http = await startHttpServer({ host: '127.0.0.1', port: 0, staticRoot: '/nonexistent', routes, logger });
  return {
    url: http.origin,
    parts,
    http,
    count: async (table) => Number((await parts.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0),
    close: async () => {
      await http.close();
      await parts.db.close();
      await fresh.drop();
    },
  };
}

/** A point inside a grid of the demo district (its centroid), for reports that must land. */
export async function gridPoint(index = 0): Promise<{ gridCode: string; lon: number; lat: number }> {
  const grid = (await demoDistrict()).grids[index];
  if (!grid) throw new Error(`no grid ${index}`);
  return { gridCode: grid.code, lon: grid.centroid[0], lat: grid.centroid[1] };
}
