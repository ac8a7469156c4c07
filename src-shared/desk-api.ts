/**
 * The one API the Electron preload hands to a page (`window.deskApi`). Everything a page may ask
 * of the desk goes through here, so this type is the whole surface a compromised page could reach.
 * In a plain browser (web desk) `window.deskApi` is absent: pages must work without it.
 */
export interface DeskApi {
  /** The desk application's version, e.g. "0.1.0". */
  version(): Promise<string>;
  /** Where the case service answers (the embedded one on loopback, e.g. http://127.0.0.1:41234), once it is ready. */
  serviceOrigin(): Promise<string>;
}
