import { z } from 'zod';
import { DISTRICT_DEPARTMENT_IDS } from '../catalog/departments';

/**
 * The shape of an emergency plan (应急预案) as data, checked at run time: plans are edited by
 * people (the duty office revises them after every drill), so a typo must fail loudly, not
 * dispatch to a department that does not exist.
 */

const bilingual = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) });

/**
 * A department as a plan names it: a district department by id, or `street` = the street
 * office (街道办事处) of the street the case is in, which a district-wide plan cannot name.
 */
export const planDepartmentSchema = z.union([z.enum(DISTRICT_DEPARTMENT_IDS), z.literal('street')]);
export type PlanDepartment = z.infer<typeof planDepartmentSchema>;

/** Who carries out a checklist step: the duty officer, the lead department, or the linked ones. */
export const STEP_PERFORMERS = ['duty', 'lead', 'linked'] as const;
export type StepPerformer = (typeof STEP_PERFORMERS)[number];

export const planStepSchema = z.object({
  /** Stable within the plan: commands and events name a step by it. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  title: bilingual,
  by: z.enum(STEP_PERFORMERS),
  /** Minutes from the plan's start, on the natural (24/7) clock: emergencies keep no office hours. */
  minutes: z.number().int().positive().max(24 * 60),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const emergencyPlanSchema = z
  .object({
    /** e.g. EP-GAS; EP-GENERIC is the fallback for an urgent case no plan names. */
    code: z.string().regex(/^EP-[A-Z0-9-]{2,30}$/),
    name: bilingual,
    /** The urgent categories this plan is for (none for the generic plan). */
    categoryCodes: z.array(z.string().regex(/^[CE]\d{4}$/)),
    /** `category` = the category's own lead department (the generic plan). */
    lead: z.union([planDepartmentSchema, z.literal('category')]),
    linked: z.array(planDepartmentSchema).min(1).max(8),
    steps: z.array(planStepSchema).min(1).max(20),
    /** Who the duty officer informs (by phone or the duty system), as the plan's text says it. */
    notify: z.array(bilingual).max(10),
    /** The scene: cameras, components and open cases within this distance of the case are the duty screen's. */
    sceneRadiusMetres: z.number().int().min(100).max(2000),
  })
  .refine((p) => new Set(p.steps.map((s) => s.id)).size === p.steps.length, { message: 'step ids must be unique', path: ['steps'] })
  .refine((p) => !p.linked.includes(p.lead as PlanDepartment) && new Set(p.linked).size === p.linked.length, {
    message: 'linked departments must be distinct and exclude the lead',
    path: ['linked'],
  });
export type EmergencyPlan = z.infer<typeof emergencyPlanSchema>;
