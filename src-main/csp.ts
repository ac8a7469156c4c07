import type { DeskSettings } from './settings';

/**
 * The Content-Security-Policy of desk pages, from the settings: our own code only (no remote
 * script, no eval), and network access only to the case service and the configured camera and
 * imagery origins. The same string goes into the response header (session.webRequest) in addition
 * to the page's own <meta>; a page must pass both.
 */
export interface CspSources {
  /** The case service: the shared one's origin, the embedded one's loopback origin once known. */
  serviceOrigin?: string;
  cameraOrigins?: readonly string[];
  imageryOrigins?: readonly string[];
  /** `npm run dev`: the vite dev server, whose HMR socket needs connect-src. */
  devServerOrigin?: string;
}

/** Before the embedded service reports its port, loopback on any port (as the page's <meta>). */
const LOOPBACK_ANY_PORT = ['http://127.0.0.1:*', 'ws://127.0.0.1:*'];

function withSocket(origin: string): string[] {
  // socket.io upgrades to a WebSocket on the same host: ws: for http:, wss: for https:.
  return [origin, origin.replace(/^http/, 'ws')];
}

export function buildCsp(sources: CspSources): string {
  const service = sources.serviceOrigin ? withSocket(sources.serviceOrigin) : LOOPBACK_ANY_PORT;
  const cameras = sources.cameraOrigins ?? [];
  const imagery = sources.imageryOrigins ?? [];
  const dev = sources.devServerOrigin ? withSocket(sources.devServerOrigin) : [];
  const unique = (...lists: (readonly string[])[]): string => [...new Set(lists.flat())].join(' ');
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    // Vue binds :style (bar widths, positions): inline style attributes, never inline script.
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', unique(["'self'", 'data:', 'blob:'], [service[0] as string], cameras, imagery)],
    ['font-src', "'self' data:"],
    // hls.js feeds video through MediaSource (blob:); camera gateways serve the segments.
    ['media-src', unique(["'self'", 'blob:'], cameras)],
    ['connect-src', unique(["'self'"], service, cameras, imagery, dev)],
    ['worker-src', "'self' blob:"],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

export function cspSourcesFrom(settings: DeskSettings, runningServiceOrigin: string | undefined, devServerOrigin?: string): CspSources {
  const serviceOrigin = settings.service.kind === 'shared' ? settings.service.url : runningServiceOrigin;
  return {
    ...(serviceOrigin ? { serviceOrigin } : {}),
    cameraOrigins: settings.cameraOrigins,
    imageryOrigins: settings.imageryOrigins,
    ...(devServerOrigin ? { devServerOrigin } : {}),
  };
}

/**
 * The response headers with our policy: any Content-Security-Policy the response carried
 * (whatever its case) is replaced, the rest kept.
 */
export function withCspHeader(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Only documents get the policy: the service's JSON, video segments and tiles need none. */
export function isDocumentResponse(resourceType: string): boolean {
  return resourceType === 'mainFrame' || resourceType === 'subFrame';
}
