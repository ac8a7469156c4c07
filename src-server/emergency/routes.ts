import type { IncomingMessage } from 'node:http';
import type { CaseState } from '../../src-shared/domain/case';
import { EMERGENCY_ROUTES, type EmergencyPlanPreviewAnswer, type EmergencyPlansAnswer } from '../../src-shared/emergency/http-contract';
import { previewPlan } from '../../src-shared/emergency/plan-preview';
import { EMERGENCY_PLANS } from '../../src-shared/emergency/plans';
import { refusal } from '../../src-shared/errors';
import type { BilingualText } from '../../src-shared/i18n-text';
import { HttpAnswer, type ApiRoute } from '../http/server';
import { authenticatePerson, headerValue } from '../intake/callers';
import { refusalAnswer } from '../intake/http-status';
import type { CaseService } from '../service/case-service';
import { scopeOf, type People } from '../service/people';
import { inScope } from '../store/case-store';
import { renderReport } from './report-html';
import { buildReport, type ReportNames } from './report-model';

/** The report is a document, not an app: nothing runs in it, and it loads only our own photos. */
const REPORT_HEADERS = {
  'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

const PLAN_CODE = /^EP-[A-Z0-9-]{2,30}$/;

/**
 * The duty screen's HTTP routes (src-shared/emergency/http-contract.ts): the plans, what a plan
 * would do on a case, and the after-action report. Callers are identified and scoped like the
 * snapshot and intake routes: a case outside the caller's scope is "not found".
 */
export function emergencyRoutes(service: CaseService, people: People): ApiRoute[] {
  const departmentNames = new Map<string, BilingualText>(service.district.district.departments.map((d) => [d.id, d.name]));
  const { streets, communities } = service.district.district;
  const areaNames = new Map<string, string>([...streets, ...communities].map((a) => [a.code, a.name]));
  const names: ReportNames = { department: (id) => departmentNames.get(id), person: (id) => people.user(id)?.name, area: (code) => areaNames.get(code) };

  async function visibleCase(request: IncomingMessage, caseId: string, query: URLSearchParams): Promise<{ state: CaseState } | HttpAnswer> {
    const who = await authenticatePerson(request, query, people);
    if (!who.ok) return refusalAnswer(who);
    const state = await service.store.loadCase(caseId);
    if (!state || !inScope(state, scopeOf(who.user))) return refusalAnswer(refusal('CASE_NOT_FOUND', { caseId }));
    return { state };
  }

  /** An <img> cannot send headers: a demo caller's identity rides along as ?as=, as the desk does; a bearer token never goes into a URL. */
  function photoUrl(request: IncomingMessage, query: URLSearchParams): (photoId: string) => string {
    const bearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
    const as = bearer ? undefined : (headerValue(request, 'x-demo-user') ?? query.get('as') ?? undefined);
    const suffix = as ? `?as=${encodeURIComponent(as)}` : '';
    return (photoId) => `/api/photos/${encodeURIComponent(photoId)}${suffix}`;
  }

  return [
    {
      method: 'GET',
      path: EMERGENCY_ROUTES.plans,
      async answer(request, { query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const answer: EmergencyPlansAnswer = { ok: true, plans: [...EMERGENCY_PLANS] };
        return answer;
      },
    },
    {
      method: 'GET',
      path: EMERGENCY_ROUTES.planPreview,
      async answer(request, { params, query }) {
        const found = await visibleCase(request, params['id'] as string, query);
        if (found instanceof HttpAnswer) return found;
        const planCode = query.get('planCode') ?? undefined;
        if (planCode !== undefined && !PLAN_CODE.test(planCode)) return refusalAnswer(refusal('VALIDATION_FAILED', { detail: 'planCode' }));
        const preview = previewPlan(found.state, service.now(), planCode);
        if (!preview) return refusalAnswer(refusal('UNKNOWN_PLAN', { planCode: planCode ?? found.state.categoryCode }));
        const ids = [preview.leadDepartmentId, ...preview.linkedDepartmentIds];
        const answer: EmergencyPlanPreviewAnswer = {
          ok: true,
          caseId: found.state.id,
          preview,
          departmentNames: Object.fromEntries(ids.map((id) => [id, departmentNames.get(id) ?? { zh: id, en: id }])),
        };
        return answer;
      },
    },
    {
      method: 'GET',
      path: EMERGENCY_ROUTES.report,
      async answer(request, { params, query }) {
        const found = await visibleCase(request, params['id'] as string, query);
        if (found instanceof HttpAnswer) return found;
        const { state } = found;
        if (state.emergencyResponse?.startedAt === undefined) return refusalAnswer(refusal('NO_EMERGENCY_RESPONSE'));
        const trail = await service.store.caseTrail(state.id);
        const model = buildReport({ state, trail, names, now: service.now(), locale: query.get('lang') === 'en' ? 'en' : 'zh-CN' });
        const html = renderReport(model, photoUrl(request, query));
        return HttpAnswer.bytes(200, Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', REPORT_HEADERS);
      },
    },
  ];
}
