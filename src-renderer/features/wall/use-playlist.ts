import { computed, onBeforeUnmount, ref, shallowRef, type ComputedRef } from 'vue';
import { pin, showItem, staggered, turnAt, unpin, type PlaylistTurn } from './rotation';

/** How often the turn is looked at: the progress line moves 4 times a second. */
const LOOK_MS = 250;

export interface PanelPlaylist {
  turn: ComputedRef<PlaylistTurn>;
  pinned: ComputedRef<boolean>;
  togglePin(): void;
  show(index: number): void;
}

/**
 * A panel's playlist for the component's life (rotation.ts with a clock): panel `panel` of
 * `panels` turning every `periodMs`, staggered so the wall's panels do not all change at once.
 */
export function usePlaylist(items: readonly string[], periodMs: number, panel = 0, panels = 1): PanelPlaylist {
  const now = ref(Date.now());
  const list = shallowRef(staggered(items, periodMs, now.value, panel, panels));
  const timer = setInterval(() => (now.value = Date.now()), LOOK_MS);
  onBeforeUnmount(() => clearInterval(timer));
  return {
    turn: computed(() => turnAt(list.value, now.value)),
    pinned: computed(() => list.value.pinned),
    togglePin() {
      now.value = Date.now();
      list.value = list.value.pinned ? unpin(list.value, now.value) : pin(list.value, now.value);
    },
    show(index: number) {
      now.value = Date.now();
      list.value = showItem(list.value, index, now.value);
    },
  };
}
