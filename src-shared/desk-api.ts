import type { DeskView } from './views';

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
  /** The desk's sign-in token (one per desk, held by the main process), or null when signed out. */
  signInToken(): Promise<string | null>;
  /** Signs the whole desk in: every window gets `onSignInChanged` and reads the token. */
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  /** Shows a view in its own window (focuses it when it is already open). */
  openView(view: DeskView): Promise<void>;
  /** Called when another window signed the desk in or out; returns the unsubscribe function. */
  onSignInChanged(listener: () => void): () => void;
}
