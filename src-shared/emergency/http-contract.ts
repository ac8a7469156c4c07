import type { BilingualText } from '../i18n-text';
import type { EmergencyPlan } from './plan-schema';
import type { PlanPreview } from './plan-preview';

/**
 * The emergency-linkage routes the duty screen (#/duty) uses beyond its case replica. Every
 * route identifies the caller like the other routes (`Authorization: Bearer <token>`, or in the
 * demo `x-demo-user` / `?as=`), answers `{ ok: false, code, message: { zh, en } }` when refused,
 * and shows a case only to those whose scope holds it (a department: its own and linked cases).
 *
 * Everything else the screen needs travels with the case over the socket (`case:events`):
 *   - the alarm: `alarmPending(state)` (src-shared/domain/emergency-response.ts) — an open
 *     urgent case nobody has acknowledged; derived, so every duty window agrees and a
 *     reconnecting one still rings;
 *   - the response: `state.emergencyResponse` — plan, departments with acknowledgement and
 *     arrival, steps with deadlines, done and overdue marks, escalations, summary;
 *   - the commands: `case:command` with acknowledgeAlarm, startEmergencyPlan, completeStep,
 *     addLinkedDepartment, escalateEmergency, closeEmergency (duty officer) and
 *     acknowledgeLinkage, reportArrival (lead and linked departments); `allowedCommands` says
 *     which one a person may issue now.
 *   - the scene radius: `plan.sceneRadiusMetres` (cameras, components, open cases within it).
 */
export const EMERGENCY_ROUTES = {
  /** GET: every plan, as data (`street` = the case's street office; `category` = the category's lead). */
  plans: '/api/emergency/plans',
  /** GET `?planCode=` (default: the case's own plan): what starting it now would dispatch, with step deadlines. */
  planPreview: '/api/cases/:id/emergency-plan',
  /** GET `?lang=en` (default zh): the after-action report, a printable HTML page. */
  report: '/api/cases/:id/emergency-report',
} as const;

export interface EmergencyPlansAnswer {
  ok: true;
  plans: EmergencyPlan[];
}

export interface EmergencyPlanPreviewAnswer {
  ok: true;
  caseId: string;
  preview: PlanPreview;
  /** Names of the departments the preview lists, from the district. */
  departmentNames: Record<string, BilingualText>;
}

/** The report's path for a case (relative to the service's origin). */
export function emergencyReportPath(caseId: string, lang: 'zh' | 'en' = 'zh'): string {
  const path = EMERGENCY_ROUTES.report.replace(':id', encodeURIComponent(caseId));
  return lang === 'en' ? `${path}?lang=en` : path;
}
