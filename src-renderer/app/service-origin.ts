/**
 * Where the case service answers. The web desk is served by the service itself (same origin);
 * the Electron desk loads its pages from disk and asks the main process, which started the
 * embedded service on loopback (or knows the configured shared one).
 */
export async function serviceOrigin(): Promise<string> {
  if (window.deskApi) return window.deskApi.serviceOrigin();
  return window.location.origin;
}
