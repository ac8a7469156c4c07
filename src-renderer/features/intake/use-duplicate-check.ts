import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { CasePlace, CaseState } from '../../../src-shared/domain/case';
import type { Refusal } from '../../../src-shared/errors';
import type { Answer, DuplicateQuery, DuplicateSuggestions } from '../../../src-shared/contract/socket';
import { duplicateProbe, type IntakeValues } from './intake-form';

/**
 * The service's duplicate rule, asked while the intake form changes (250 ms after the last
 * keystroke; a late answer to an older question is dropped): the open cases this report may
 * repeat, and the place it would get — for a point picked on the map, its grid, which is then
 * shown in the grid field.
 */
export function useDuplicateCheck(values: IntakeValues, countyCode: Ref<string | undefined>, live: { duplicates(query: DuplicateQuery): Promise<Answer<DuplicateSuggestions>> }) {
  const placeFound = ref<CasePlace | null>(null);
  const suggestions = ref<CaseState[]>([]);
  const checking = ref(false);
  const placeRefusal = ref<Refusal | null>(null);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function ask(probe: NonNullable<ReturnType<typeof duplicateProbe>>): Promise<void> {
    const mine = ++asked;
    checking.value = true;
    const answer = await live.duplicates(probe);
    if (mine !== asked) return;
    checking.value = false;
    if (!answer.ok) {
      suggestions.value = [];
      placeRefusal.value = answer;
      return;
    }
    placeRefusal.value = null;
    placeFound.value = answer.place;
    suggestions.value = answer.cases;
    if (values.point) values.gridCode = answer.place.gridCode;
  }

  watch(
    () => duplicateProbe(values, countyCode.value),
    (probe) => {
      if (timer) clearTimeout(timer);
      if (!probe) {
        suggestions.value = [];
        placeRefusal.value = null;
        if (!values.point) placeFound.value = null;
        return;
      }
      timer = setTimeout(() => void ask(probe), 250);
    },
    { deep: true },
  );
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
  });

  return { placeFound, suggestions, checking, placeRefusal };
}

/** Metres from the place found to a suggested case (flat-earth: fine over the 50 m the rule spans). */
export function metresBetween(from: Pick<CasePlace, 'lon' | 'lat'>, to: Pick<CasePlace, 'lon' | 'lat'>): number {
  const dLat = (to.lat - from.lat) * 111_320;
  const dLon = (to.lon - from.lon) * 111_320 * Math.cos((from.lat * Math.PI) / 180);
  return Math.round(Math.hypot(dLat, dLon));
}
