import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * Whether this window is live. `live`: connected and in sync; `resyncing`: connected, catching
 * up on what it missed; `reconnecting`: the link dropped and socket.io is retrying;
 * `connecting`: the first contact; `signedOut`: the service answered, and waits for a sign-in.
 * Screens say which, so nobody mistakes stale data for live (or a sign-in page for an outage).
 */
export type ConnectionState = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'offline' | 'signedOut';

export const useConnection = defineStore('connection', () => {
  const state = ref<ConnectionState>('connecting');
  const lastError = ref<string | null>(null);

  function set(next: ConnectionState, error: string | null = null): void {
    state.value = next;
    lastError.value = error;
  }

  return { state, lastError, set };
});
