import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionUser } from '../../src-shared/contract/socket';
import { signInAnswerSchema } from '../../src-shared/contract/accounts';
import { isRefusal, refusal, type ErrorCode, type Refusal } from '../../src-shared/errors';
import { DEMO_USER_BY_VIEW, isDeskView } from '../../src-shared/views';
import { serviceOrigin } from './service-origin';

const TOKEN_KEY = 'desk.token';

/** `?as=<demo user>` from the hash (`#/queue?as=intake-1`) or the page's query. */
export function demoUserFromLocation(location: Pick<Location, 'hash' | 'search'>): string | undefined {
  const hashQuery = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
  return new URLSearchParams(hashQuery).get('as') ?? new URLSearchParams(location.search).get('as') ?? undefined;
}


function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Refusals of a connection that mean "show the sign-in page", not "the service is down". */
export const SIGN_IN_CODES: readonly string[] = ['NOT_AUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED', 'DEMO_SIGN_IN_OFF'] satisfies readonly ErrorCode[];
/** Of those, the ones worth telling the person about (their session ended; the rest is just "sign in"). */
const ENDED_CODES: readonly string[] = ['SESSION_EXPIRED', 'ACCOUNT_DISABLED'] satisfies readonly ErrorCode[];

/**
 * Who this window speaks for. In the demo a route opens signed in as that view's demo user
 * (`?as=` picks another); a service outside demo mode asks for a username and password (the
 * sign-in page) and keeps the session token for this browser tab only.
 */
export const useSession = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const token = ref<string | null>(storedToken());
  const needsSignIn = ref(false);
  /** Why the sign-in page is shown, when it is not the first sign-in (the session ended). */
  const notice = ref<ErrorCode | null>(null);

  function credentials(view: string): { as?: string; token?: string } {
    if (token.value) return { token: token.value };
    return { as: demoUserFromLocation(window.location) ?? (isDeskView(view) ? DEMO_USER_BY_VIEW[view] : 'dispatcher-1') };
  }

  /**
   * On the Electron desk one sign-in serves every window: the main process holds the token and
   * tells the other windows when it changes. In a browser the token stays in this tab.
   */
  async function load(onChange: () => void): Promise<void> {
    if (!window.deskApi) return;
    token.value = await window.deskApi.signInToken();
    window.deskApi.onSignInChanged(() => {
      void window.deskApi?.signInToken().then((next) => {
        token.value = next;
        onChange();
      });
    });
  }

  async function keep(newToken: string): Promise<void> {
    token.value = newToken;
    needsSignIn.value = false;
    notice.value = null;
    if (window.deskApi) return window.deskApi.signIn(newToken);
    try {
      window.sessionStorage.setItem(TOKEN_KEY, newToken);
    } catch {
      // Storage disabled: the token lasts as long as this window.
    }
  }

  async function forget(): Promise<void> {
    token.value = null;
    user.value = null;
    if (window.deskApi) return window.deskApi.signOut();
    try {
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing stored
    }
  }

  /** Username and password → a session token from the service; a refusal says why not. */
  async function signIn(username: string, password: string): Promise<{ ok: true } | Refusal> {
    let body: unknown;
    try {
      const response = await fetch(`${await serviceOrigin()}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      body = await response.json();
    } catch (error) {
      return refusal('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
    }
    if (isRefusal(body)) return body;
    const answer = signInAnswerSchema.safeParse(body);
    if (!answer.success) return refusal('INTERNAL', { detail: 'unexpected sign-in answer' });
    await keep(answer.data.token);
    user.value = answer.data.user;
    return { ok: true };
  }

  /** Ends the session at the service too, so the token is worth nothing if it was copied. */
  async function signOut(): Promise<void> {
    const ending = token.value;
    if (ending) {
      try {
        await fetch(`${await serviceOrigin()}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${ending}` } });
      } catch {
        // Offline: the session still expires on its own; the window forgets it now.
      }
    }
    await forget();
    needsSignIn.value = true;
  }

  /** The service refused this window's credentials: ask for a sign-in, saying why when a session ended. */
  function refused(code: string): void {
    // A refused token is worth nothing: forget it, so the next window does not try it again.
    if (token.value) {
      if (ENDED_CODES.includes(code)) notice.value = code as ErrorCode;
      void forget();
    } else if (code === 'DEMO_SIGN_IN_OFF' && demoUserFromLocation(window.location) !== undefined) {
      // Someone followed a demo link (`?as=`) to a real centre: say why it opens no queue.
      notice.value = 'DEMO_SIGN_IN_OFF';
    }
    needsSignIn.value = true;
  }

  return { user, token, needsSignIn, notice, credentials, load, signIn, signOut, refused };
});
