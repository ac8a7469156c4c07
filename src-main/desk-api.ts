import type { DeskApi } from '../src-shared/desk-api';
import type { DeskView } from './desk-views';

/**
 * The whole `window.deskApi` surface the preload exposes. It extends src-shared's `DeskApi` (what
 * the renderer types today) with the desk sign-in and linked-window calls; move these members
 * into src-shared/desk-api.ts so the renderer sees them (this module may not be imported there).
 */
export interface DeskBridgeApi extends DeskApi {
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

/** The method names, in one list: the security test checks the preload exposes exactly these. */
export const DESK_API_METHODS = ['version', 'serviceOrigin', 'signInToken', 'signIn', 'signOut', 'openView', 'onSignInChanged'] as const satisfies readonly (keyof DeskBridgeApi)[];
