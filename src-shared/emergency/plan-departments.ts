import { resolveLeadDepartment } from '../catalog/categories';
import type { Category } from '../catalog/category-types';
import { streetOfficeId } from '../catalog/departments';
import type { EmergencyPlan, PlanDepartment } from './plan-schema';

/** The departments a plan links for one case: its `street` and `category` placeholders made real. */
export interface PlanDepartments {
  leadDepartmentId: string;
  /** Distinct, without the lead, in the plan's order. */
  linkedDepartmentIds: string[];
}

function real(ref: PlanDepartment, streetCode: string): string {
  return ref === 'street' ? streetOfficeId(streetCode) : ref;
}

/**
 * Who the plan dispatches to for a case of `category` in `streetCode`. The generic plan's lead
 * is the category's own lead; should that also be one of the plan's linked departments (a
 * street-led urgent case: the street office), it is named once, as the lead.
 * Throws a RangeError for an invalid street code where a street office is needed.
 */
export function planDepartments(plan: EmergencyPlan, category: Category, streetCode: string): PlanDepartments {
  const leadDepartmentId = plan.lead === 'category' ? resolveLeadDepartment(category, streetCode) : real(plan.lead, streetCode);
  const linked = plan.linked.map((ref) => real(ref, streetCode)).filter((id) => id !== leadDepartmentId);
  return { leadDepartmentId, linkedDepartmentIds: [...new Set(linked)] };
}
