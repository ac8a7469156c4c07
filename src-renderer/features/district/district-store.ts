import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DistrictSummary } from '../../../src-shared/district-summary';
import { requestDistrictSummary } from './summary-request';

/** The loaded district's summary, shared by every view of this window. */
export const useDistrict = defineStore('district', () => {
  const summary = ref<DistrictSummary | null>(null);
  const loading = ref(false);
  const failure = ref<string | null>(null);

  async function load(): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    failure.value = null;
    try {
      summary.value = await requestDistrictSummary();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failure.value = reason;
    } finally {
      loading.value = false;
    }
  }

  return { summary, loading, failure, load };
});
