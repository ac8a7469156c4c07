import type { Logger } from 'pino';
import { loadDistrict } from './district/load';
import { summarizeDistrict } from './district/summary';
import { startHttpServer, type ApiRoute, type RunningHttpServer } from './http/server';

export interface WebDeskOptions {
  host: string;
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The district files; loadDistrict's default (resources/district) when omitted. */
  districtDir?: string;
  logger: Logger;
}

export interface RunningWebDesk extends RunningHttpServer {
  /** The URL a person opens: the queue view. */
  deskUrl: string;
}

/**
 * The web desk: the built renderer and the service's JSON API on one origin, so a plain browser
 * (or a big-screen PC without the desk installed) needs nothing but a URL.
 */
export async function startWebDesk(options: WebDeskOptions): Promise<RunningWebDesk> {
  const { logger } = options;
  const loadStarted = performance.now();
  const district = await loadDistrict(options.districtDir);
  // The district does not change while the service runs, so the summary is computed once.
  const summary = summarizeDistrict(district);
  logger.info(
    { district: summary.name, streets: summary.streets, communities: summary.communities, grids: summary.grids, ms: Math.round(performance.now() - loadStarted) },
    'district loaded',
  );

  const routes: ApiRoute[] = [{ method: 'GET', path: '/api/district/summary', answer: () => summary }];
  const http = await startHttpServer({
    host: options.host,
    port: options.port,
    staticRoot: options.rendererDir,
    routes,
    logger: logger.child({ part: 'http' }),
  });
  return { ...http, deskUrl: `${http.origin}/#/queue` };
}
