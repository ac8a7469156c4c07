import { categoryByCode } from '../../src-shared/catalog/categories';
import type { RoutingSuggestionView } from '../../src-shared/contract/socket';
import { suggestRouting } from '../../src-shared/domain/routing';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { CaseService } from './case-service';

export type RoutingAnswer = { ok: true; suggestion: RoutingSuggestionView } | Refusal;

/**
 * The routing suggestion for a stored case, with the district's data the pure rule lacks: the
 * lead department's name, and whether it exists in this district (a dispatch to an unknown one
 * would be refused). `categoryCode` asks "what if it were re-categorised to this?".
 */
export async function suggestRoutingFor(service: CaseService, caseId: string, categoryCode?: string): Promise<RoutingAnswer> {
  const kase = await service.store.loadCase(caseId);
  if (!kase) return refusal('CASE_NOT_FOUND', { caseId });
  const code = categoryCode ?? kase.categoryCode;
  const category = categoryByCode(code);
  if (!category) return refusal('UNKNOWN_CATEGORY', { categoryCode: code });
  const suggestion = suggestRouting(kase, category, service.calendar, service.now());
  const department = service.district.district.departments.find((d) => d.id === suggestion.leadDepartmentId);
  return {
    ok: true,
    suggestion: {
      ...suggestion,
      leadDepartmentKnown: service.district.departmentExists(suggestion.leadDepartmentId),
      ...(department ? { leadDepartmentName: department.name } : {}),
    },
  };
}
