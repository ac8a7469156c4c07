import { categoryByCode } from '../../src-shared/catalog/categories';
import type { DuplicateQuery, DuplicateSuggestions } from '../../src-shared/contract/socket';
import { checkPermission, resolvePlace } from '../../src-shared/domain/decide';
import type { Actor } from '../../src-shared/domain/roles';
import { isRefusal, refusal, type Refusal } from '../../src-shared/errors';
import { inScope, type Scope } from '../store/case-store';
import type { CaseService } from './case-service';
import { findDuplicates } from './duplicates';

/**
 * What a desk shows before it saves a report: the place the report would get (the grid found
 * from the point, exactly as `decide` finds it) and the open cases the service's duplicate rule
 * would link it to — the same rule, so what the operator is shown is what intake would do.
 * Only people who may report ask, and they see only the cases of their own scope.
 */
export async function suggestDuplicates(service: CaseService, query: DuplicateQuery, actor: Actor, scope: Scope): Promise<({ ok: true } & DuplicateSuggestions) | Refusal> {
  const denied = checkPermission(null, 'report', actor);
  if (denied) return denied;
  if (!categoryByCode(query.categoryCode)) return refusal('UNKNOWN_CATEGORY', { categoryCode: query.categoryCode });
  const place = resolvePlace(query, { district: service.district });
  if (isRefusal(place)) return place;
  const cases = await findDuplicates(
    service.store.db,
    { categoryCode: query.categoryCode, lon: place.lon, lat: place.lat, componentCode: query.componentCode },
    service.now(),
    service.duplicateRules,
  );
  return { ok: true, place, cases: cases.filter((c) => inScope(c, scope)) };
}
