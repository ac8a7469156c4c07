import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * Whether this window reaches the case service. Today the only contact is the district summary
 * request; the socket store of the case-service issue will own this state (one socket per window).
 */
export const useConnection = defineStore('connection', () => {
  const state = ref<ConnectionState>('connecting');
  const lastError = ref<string | null>(null);

  function reached(): void {
    state.value = 'online';
    lastError.value = null;
  }

  function lost(reason: string): void {
    state.value = 'offline';
    lastError.value = reason;
  }

  function retrying(): void {
    state.value = 'connecting';
  }

  return { state, lastError, reached, lost, retrying };
});
