import { z } from 'zod';
import { EMERGENCY_ROUTES, type EmergencyPlanPreviewAnswer } from '../../../src-shared/emergency/http-contract';
import { emergencyPlanSchema, STEP_PERFORMERS } from '../../../src-shared/emergency/plan-schema';

/**
 * What starting a plan would do (GET /api/cases/:id/emergency-plan), checked on arrival like
 * every payload that crosses into the window: the officer confirms a dispatch to several
 * departments on the strength of it.
 */
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const planPreviewAnswerSchema = z.object({
  ok: z.literal(true),
  caseId: z.string().min(1),
  preview: z.object({
    plan: emergencyPlanSchema,
    leadDepartmentId: z.string().min(1),
    linkedDepartmentIds: z.array(z.string().min(1)),
    steps: z.array(z.object({ id: z.string(), title: bilingual, by: z.enum(STEP_PERFORMERS), minutes: z.number(), dueAt: z.iso.datetime() })),
  }),
  departmentNames: z.record(z.string(), bilingual),
}) satisfies z.ZodType<EmergencyPlanPreviewAnswer>;

export type PlanPreviewAnswer = z.infer<typeof planPreviewAnswerSchema>;

export function planPreviewPath(caseId: string, planCode?: string): string {
  const path = EMERGENCY_ROUTES.planPreview.replace(':id', encodeURIComponent(caseId));
  return planCode ? `${path}?planCode=${encodeURIComponent(planCode)}` : path;
}
