/**
 * The Content-Security-Policy of desk pages, one builder for both ways a page is served: the
 * Electron desk (app://desk, header set by the main process from its settings) and the web desk
 * (the case service's HTTP server, header built from the service's configuration). Our own code
 * only (no remote script, no eval), and network access only to the case service and the
 * configured camera and imagery origins.
 */

/** Where the page finds the case service. */
export type CspService =
  /** The web desk: the service serves the page itself. 'self' covers its socket too (see below). */
  | { kind: 'same-origin' }
  /** A shared service, or the embedded one once it has reported its loopback port. */
  | { kind: 'origin'; origin: string }
  /** The embedded service before it reports its port: loopback on any port. */
  | { kind: 'loopback' };

export interface CspSources {
  service: CspService;
  /** HLS gateways of the cameras (playlists and segments over XHR, then MediaSource). */
  cameraOrigins?: readonly string[];
  /** WMTS / XYZ imagery and 3D Tiles servers. */
  imageryOrigins?: readonly string[];
  /** `npm run dev`: the vite dev server, whose HMR socket needs connect-src. */
  devServerOrigin?: string;
}

const LOOPBACK_ANY_PORT = ['http://127.0.0.1:*', 'ws://127.0.0.1:*'];

function withSocket(origin: string): string[] {
  // socket.io upgrades to a WebSocket on the same host: ws: for http:, wss: for https:. For
  // another origin than the page's own, 'self' does not cover it, so it is listed.
  return [origin, origin.replace(/^http/, 'ws')];
}

function serviceSources(service: CspService): string[] {
  switch (service.kind) {
    // CSP Level 3: 'self' also matches ws:/wss: on the page's own host and port (checked in
    // Chromium 156: a same-origin WebSocket connects under `connect-src 'self'`, another port is
    // blocked). Nothing to add, and no Host header needs to be trusted to spell the origin.
    case 'same-origin':
      return [];
    case 'origin':
      return withSocket(service.origin);
    case 'loopback':
      return LOOPBACK_ANY_PORT;
  }
}

export function buildCsp(sources: CspSources): string {
  const service = serviceSources(sources.service);
  const cameras = sources.cameraOrigins ?? [];
  const imagery = sources.imageryOrigins ?? [];
  const dev = sources.devServerOrigin ? withSocket(sources.devServerOrigin) : [];
  const unique = (...lists: (readonly string[])[]): string => [...new Set(lists.flat())].join(' ');
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    // 'wasm-unsafe-eval' lets Cesium compile its WebAssembly decoders; JavaScript eval stays forbidden.
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    // Vue binds :style (bar widths, positions): inline style attributes, never inline script.
    ['style-src', "'self' 'unsafe-inline'"],
    // Photos come from the service (its http origin only: an <img> never opens a socket).
    ['img-src', unique(["'self'", 'data:', 'blob:'], service.slice(0, 1), cameras, imagery)],
    ['font-src', "'self' data:"],
    // hls.js feeds video through MediaSource (blob:); camera gateways serve the segments.
    ['media-src', unique(["'self'", 'blob:'], cameras)],
    ['connect-src', unique(["'self'"], service, cameras, imagery, dev)],
    // Cesium's workers are module workers of our own origin; blob: for the ones it builds itself.
    ['worker-src', "'self' blob:"],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

