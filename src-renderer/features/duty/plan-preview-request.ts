import { isRefusal, refusal, type Refusal } from '../../../src-shared/errors';
import { apiFetch } from '../../app/api';
import { planPreviewAnswerSchema, planPreviewPath, type PlanPreviewAnswer } from './plan-preview';

/** Asks the service what starting a plan would do now; a refusal or a malformed answer comes back as a refusal. */
export async function fetchPlanPreview(caseId: string, planCode?: string): Promise<PlanPreviewAnswer | Refusal> {
  const answer = await apiFetch<unknown>(planPreviewPath(caseId, planCode));
  if (isRefusal(answer)) return answer;
  const parsed = planPreviewAnswerSchema.safeParse(answer);
  return parsed.success ? parsed.data : refusal('INTERNAL', { detail: 'unexpected emergency plan preview payload' });
}
