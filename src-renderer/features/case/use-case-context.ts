import { computed, onBeforeUnmount, ref, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../../src-shared/i18n-text';
import { useDistrict } from '../district/district-store';
import { useLiveCases } from '../cases/live-cases';
import { useSession } from '../../app/session';
import type { StreetNames } from './case-format';

/** The window's language as the shared tables name it. */
export function useLocale(): ComputedRef<Locale> {
  const { locale } = useI18n();
  return computed(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
}

/** Street code → name, from the district summary (street offices are named after their street). */
export function useStreetNames(): ComputedRef<StreetNames> {
  const district = useDistrict();
  return computed(() => new Map((district.summary?.byStreet ?? []).map((s) => [s.code, s.name])));
}

/** Community names by 12-digit code, from the district summary. */
export function useCommunityNames(): ComputedRef<ReadonlyMap<string, string>> {
  const district = useDistrict();
  return computed(() => new Map((district.summary?.communityNames ?? []).map((c) => [c.code, c.name])));
}

/** Staff names by user id (the district's directory, asked for once per window). */
export function useKnownPeople(): ComputedRef<ReadonlyMap<string, string>> {
  const session = useSession();
  const live = useLiveCases();
  live.loadPeople();
  return computed(() => {
    const names = new Map([...live.people].map(([id, p]) => [id, p.name]));
    if (session.user) names.set(session.user.id, session.user.name);
    return names;
  });
}

/** The service's now, ticking every 15 s: countdowns move without a case event. */
export function useServiceNow(): Ref<Date> {
  const live = useLiveCases();
  const now = ref(live.serviceNow());
  const timer = window.setInterval(() => (now.value = live.serviceNow()), 15_000);
  onBeforeUnmount(() => window.clearInterval(timer));
  return now;
}
