import { isDeskPage } from './window-options';

/**
 * Which browser permissions a page gets: none, except full screen for our own pages (the wall and
 * video tiles go full screen). Camera, microphone, geolocation, notifications, clipboard reads,
 * MIDI, USB, screen capture … are all denied: the desk never needs them, a compromised page must
 * not get them.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['fullscreen'];

export function decidePermission(permission: string, requestingUrl: string | undefined, rendererEntry: string): boolean {
  if (!ALLOWED_PERMISSIONS.includes(permission)) return false;
  return requestingUrl !== undefined && isDeskPage(requestingUrl, rendererEntry);
}
