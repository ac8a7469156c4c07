import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionUser } from '../../src-shared/contract/socket';
import { DEMO_USER_BY_VIEW, isDeskView } from '../../src-shared/views';

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

/**
 * Who this window speaks for. In the demo a route opens signed in as that view's demo user
 * (`?as=` picks another); a service outside demo mode asks for a token (the sign-in page),
 * kept for this browser session only.
 */
export const useSession = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const token = ref<string | null>(storedToken());
  const needsSignIn = ref(false);

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

  async function signIn(newToken: string): Promise<void> {
    token.value = newToken.trim();
    needsSignIn.value = false;
    if (window.deskApi) return window.deskApi.signIn(token.value);
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token.value);
    } catch {
      // Storage disabled: the token lasts as long as this window.
    }
  }

  async function signOut(): Promise<void> {
    token.value = null;
    user.value = null;
    if (window.deskApi) return window.deskApi.signOut();
    try {
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing stored
    }
  }

  return { user, token, needsSignIn, credentials, load, signIn, signOut };
});
