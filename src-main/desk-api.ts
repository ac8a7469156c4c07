import type { DeskApi } from '../src-shared/desk-api';

/** The whole `window.deskApi` surface the preload exposes (declared in src-shared for the renderer). */
export type DeskBridgeApi = DeskApi;

/** The method names, in one list: the security test checks the preload exposes exactly these. */
export const DESK_API_METHODS = ['version', 'serviceOrigin', 'signInToken', 'signIn', 'signOut', 'openView', 'onSignInChanged'] as const satisfies readonly (keyof DeskBridgeApi)[];
