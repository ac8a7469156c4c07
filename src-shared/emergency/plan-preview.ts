import { categoryByCode } from '../catalog/categories';
import type { BilingualText } from '../i18n-text';
import { planDepartments } from './plan-departments';
import type { EmergencyPlan, StepPerformer } from './plan-schema';
import { planByCode, planForCategory } from './plans';

/**
 * What starting a plan on a case would do, for the duty screen to show before the officer
 * confirms: the plan, the departments it dispatches to, and every step's deadline if started at
 * `at`. The same resolution `decide` applies (plan-departments.ts), so the preview is the plan.
 */
export interface PlanPreview {
  plan: EmergencyPlan;
  leadDepartmentId: string;
  linkedDepartmentIds: string[];
  steps: { id: string; title: BilingualText; by: StepPerformer; minutes: number; dueAt: string }[];
}

export interface PreviewCase {
  categoryCode: string;
  place: { streetCode: string };
}

/** Undefined for an unknown plan code or category. */
export function previewPlan(kase: PreviewCase, at: Date, planCode?: string): PlanPreview | undefined {
  const category = categoryByCode(kase.categoryCode);
  const plan = planCode === undefined ? planForCategory(kase.categoryCode) : planByCode(planCode);
  if (!category || !plan) return undefined;
  const departments = planDepartments(plan, category, kase.place.streetCode);
  // Plan steps run on the natural clock: a minute is a minute, day or night.
  const steps = plan.steps.map((s) => ({ ...s, dueAt: new Date(at.getTime() + s.minutes * 60_000).toISOString() }));
  return { plan, ...departments, steps };
}
