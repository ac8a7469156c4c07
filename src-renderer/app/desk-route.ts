import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_VIEW, isDeskView, type DeskView } from './views';

/**
 * Which view this window shows, read from the hash (`#/map`).
 *
 * Why not vue-router: a desk window shows exactly one view chosen by the main process (one window
 * per display and role), with no nested routes, guards or lazy pages yet, and vue-router is not a
 * dependency. A hash store of a few lines is all that takes. Revisit when the sign-in page and
 * `?as=<user>` arrive, if routes grow params or guards.
 */
export function viewFromHash(hash: string): DeskView | null {
  // "#/queue?as=dispatcher-1" → "queue"
  const path = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  return isDeskView(path) ? path : null;
}

export const useDeskRoute = defineStore('desk-route', () => {
  const view = ref<DeskView>(viewFromHash(window.location.hash) ?? DEFAULT_VIEW);

  function syncFromHash(): void {
    const next = viewFromHash(window.location.hash);
    if (next) view.value = next;
    // An unknown hash falls back to the queue, visibly, instead of a blank window.
    else window.location.replace(`#/${DEFAULT_VIEW}`);
  }

  function show(next: DeskView): void {
    window.location.hash = `#/${next}`;
  }

  // The store lives as long as the window, so the listener is never removed.
  window.addEventListener('hashchange', syncFromHash);
  if (!viewFromHash(window.location.hash)) syncFromHash();

  return { view, show };
});
