import { isStreetCode } from '../codes/admin-codes';
import type { BilingualText } from '../i18n-text';
import type { CaseKind, Category } from './category-types';
import { streetOfficeId, type DepartmentId } from './departments';
import { COMPONENT_CATEGORIES } from './component-kinds';
import { EVENT_CATEGORIES } from './event-kinds';

/**
 * The category catalog: the national classification (CJ/T 214) of components (部件) and
 * events (事件), with lead departments and time limits. Data lives in component-kinds.ts and
 * event-kinds.ts; limits and the clock rules in category-limits.ts.
 */

export { WORKING_DAY_MINUTES, WORKING_HOUR_MINUTES } from '../calendar/working-hours';
export { INTAKE_LIMITS, VERIFY_LIMITS } from './category-limits';

export const CATEGORIES: readonly Category[] = [...COMPONENT_CATEGORIES, ...EVENT_CATEGORIES];

const BY_CODE: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.code, c]));

export function categoryByCode(code: string): Category | undefined {
  return BY_CODE.get(code);
}

/** Major classes of one kind, in code order, with their names: for pickers and board groupings. */
export function categoryClasses(kind: CaseKind): { classCode: string; name: BilingualText }[] {
  const classes = new Map<string, BilingualText>();
  for (const c of CATEGORIES) if (c.kind === kind) classes.set(c.classCode, c.className);
  return [...classes].map(([classCode, name]) => ({ classCode, name }));
}

/**
 * The department that leads a case of this category in this street: the street office
 * (`street:<code>`) for street-led kinds, else the district department.
 * Throws a RangeError for an invalid 9-digit street code when the street office leads.
 */
export function resolveLeadDepartment(category: Category, streetCode: string): DepartmentId {
  if (category.leadDepartment !== 'street') return category.leadDepartment;
  if (!isStreetCode(streetCode)) throw new RangeError(`Not a 9-digit street code: '${streetCode}'`);
  return streetOfficeId(streetCode);
}
