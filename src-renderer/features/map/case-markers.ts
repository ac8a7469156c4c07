import type { CaseState } from '../../../src-shared/domain/case';
import { TERMINAL_STAGES } from '../../../src-shared/domain/stages';
import type { DatumConverter } from '../../../src-shared/geo/datum';
import type { CaseLayer } from './layers/case-layer';
import { caseMarkerStyle } from './map-styles';

/**
 * Keeps the case layer equal to the window's open cases: called with the ids an event batch
 * touched (or every id on a snapshot). A case that closed, was rejected or left the window
 * loses its marker; the others are put (added or restyled in place).
 */
export function syncCaseMarkers(
  layer: CaseLayer,
  ids: Iterable<string>,
  get: (id: string) => CaseState | undefined,
  isOverdue: (state: CaseState) => boolean,
  toDisplay: DatumConverter,
): void {
  for (const id of ids) {
    const state = get(id);
    if (!state || TERMINAL_STAGES.includes(state.stage)) {
      layer.remove(id);
      continue;
    }
    const [lon, lat] = toDisplay(state.place.lon, state.place.lat);
    layer.put({ id, lon, lat, style: caseMarkerStyle(state, isOverdue(state)) });
  }
}
