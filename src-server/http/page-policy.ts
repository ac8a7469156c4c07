import type { MapSettings } from '../../src-shared/contract/map';
import { buildCsp } from '../../src-shared/csp';

/**
 * The web desk's Content-Security-Policy, sent with the renderer's HTML pages: the same builder
 * as the Electron desk (src-shared/csp.ts), fed from the service's own configuration. The page
 * comes from the service, so the service is 'self'; the remote hosts a page may reach are the
 * configured camera gateways (config `cameras`) and the map's imagery and 3D Tiles servers
 * (config `map`). Nothing needs listing twice: changing the config changes the policy.
 */
export interface WebDeskPolicySources {
  /** Camera id → HLS URL on its gateway (WebDeskOptions.video.cameraUrls). */
  cameraUrls?: Readonly<Record<string, string>>;
  map?: MapSettings;
}

export function webDeskCsp(sources: WebDeskPolicySources): string {
  return buildCsp({
    service: { kind: 'same-origin' },
    cameraOrigins: originsOf(Object.values(sources.cameraUrls ?? {})),
    imageryOrigins: sources.map ? imageryOriginsOf(sources.map) : [],
  });
}

/** Where the city view fetches tiles from: the XYZ / WMTS server and the buildings' tileset. */
export function imageryOriginsOf(map: MapSettings): string[] {
  const urls = [map.imagery.kind === 'bundled' ? undefined : map.imagery.url, map.buildingsUrl];
  return originsOf(urls.filter((url): url is string => url !== undefined));
}

/**
 * The origins a source list needs for these URLs (`https://tiles.example.gov.cn` of
 * `https://tiles.example.gov.cn/{z}/{x}/{y}.png`), once each. Non-http(s) URLs are left out: an
 * rtsp:// camera is never fetched by a page, and a source like `rtsp:` would only widen the policy.
 */
export function originsOf(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    const origin = httpOriginOf(url);
    if (origin) origins.add(origin);
  }
  return [...origins];
}

/**
 * A host-source CSP can carry as it is. The URL parser lets ";" and "," through in a host name
 * ("http://a;b.example"), which would end the directive early: such a URL names no real gateway,
 * so it is left out rather than quoted.
 */
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d+)?$/;

function httpOriginOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return PLAIN_ORIGIN.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}
