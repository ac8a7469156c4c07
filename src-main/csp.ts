import { buildCsp, type CspSources } from '../src-shared/csp';
import type { DeskSettings } from './settings';

/**
 * The Electron desk's Content-Security-Policy: the shared builder (src-shared/csp.ts) fed from
 * the desk's settings. The app:// handler puts it on the renderer's pages (app-scheme.ts) and
 * session.webRequest on the dev server's (`npm run dev`); a page gets no other policy.
 */
export { buildCsp, type CspSources };

export function cspSourcesFrom(settings: DeskSettings, runningServiceOrigin: string | undefined, devServerOrigin?: string): CspSources {
  const origin = settings.service.kind === 'shared' ? settings.service.url : runningServiceOrigin;
  return {
    service: origin ? { kind: 'origin', origin } : { kind: 'loopback' },
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
