import { isRefusal, refusal, type Refusal } from '../../src-shared/errors';
import { serviceOrigin } from './service-origin';
import { useSession } from './session';
import { useDeskRoute } from './desk-route';

/**
 * HTTP calls to the case service (photos, the reporter's contact, …) as the window's user:
 * a bearer token when signed in, the demo user otherwise. Answers are values: a refusal from
 * the service comes back as it is, a network failure as an INTERNAL refusal.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T | Refusal> {
  const session = useSession();
  const route = useDeskRoute();
  const credentials = session.credentials(route.view);
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (credentials.token) headers.set('authorization', `Bearer ${credentials.token}`);
  else if (credentials.as) headers.set('x-demo-user', credentials.as);
  try {
    const response = await fetch(`${await serviceOrigin()}${path}`, { ...init, headers });
    const body: unknown = await response.json();
    if (isRefusal(body)) return body;
    if (!response.ok) return refusal('INTERNAL', { detail: `HTTP ${response.status}` });
    return body as T;
  } catch (error) {
    return refusal('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** A URL for an <img> of a stored photo (the demo user rides along as ?as=, an <img> cannot send headers). */
export async function photoUrl(photoId: string): Promise<string> {
  const session = useSession();
  const route = useDeskRoute();
  const c = session.credentials(route.view);
  const who = c.as ? `?as=${encodeURIComponent(c.as)}` : '';
  return `${await serviceOrigin()}/api/photos/${encodeURIComponent(photoId)}${who}`;
}
