import { DISTRICT_DEPARTMENT_IDS } from '../../../src-shared/catalog/departments';
import type { CaseState } from '../../../src-shared/domain/case';
import { EMERGENCY_PLANS } from '../../../src-shared/emergency/plans';
import { textIn, type Locale } from '../../../src-shared/i18n-text';
import type { FieldSpec } from './action-forms';
import { beijingTime, departmentName, fill, texts, type StreetNames } from './case-format';

/** One option of a field picked from a list. */
export interface FieldChoice {
  value: string;
  label: string;
}

/**
 * The options of the emergency forms' list fields: the plans, the running plan's open steps,
 * the departments not yet linked (to add one), the linked ones (to urge one, or none).
 * Undefined for a field typed in freely.
 */
export function fieldChoices(field: FieldSpec, state: CaseState, locale: Locale, streets: StreetNames): FieldChoice[] | undefined {
  const response = state.emergencyResponse;
  const department = (id: string) => ({ value: id, label: departmentName(id, locale, streets) });
  switch (field.kind) {
    case 'plan':
      return EMERGENCY_PLANS.map((p) => ({ value: p.code, label: textIn(p.name, locale) }));
    case 'step':
      return (response?.steps ?? [])
        .filter((s) => s.doneAt === undefined)
        .map((s) => ({ value: s.id, label: fill(texts(locale).field.stepChoice, { title: textIn(s.title, locale), at: beijingTime(s.dueAt) }) }));
    case 'linkedDepartment':
      return [{ value: '', label: texts(locale).field.noDepartment }, ...(response?.departments ?? []).map((d) => department(d.departmentId))];
    case 'department': {
      const linked = new Set((response?.departments ?? []).map((d) => d.departmentId));
      const all: string[] = [...DISTRICT_DEPARTMENT_IDS, ...[...streets.keys()].map((code) => `street:${code}`)];
      return [{ value: '', label: '' }, ...all.filter((id) => !linked.has(id)).map(department)];
    }
    default:
      return undefined;
  }
}
