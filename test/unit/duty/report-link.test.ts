import { describe, expect, it } from 'vitest';
import { reportHref } from '../../../src-renderer/features/duty/report-link';
import { planPreviewAnswerSchema, planPreviewPath } from '../../../src-renderer/features/duty/plan-preview';
import { previewPlan } from '../../../src-shared/emergency/plan-preview';

describe('links the duty screen opens', () => {
  it('opens the report in the window’s language as the demo caller, never with a token in the URL', () => {
    expect(reportHref('http://127.0.0.1:5000', 'case 1', 'zh-CN', { as: 'duty-1' })).toBe('http://127.0.0.1:5000/api/cases/case%201/emergency-report?as=duty-1');
    expect(reportHref('http://127.0.0.1:5000', 'c1', 'en', { as: 'duty-1' })).toBe('http://127.0.0.1:5000/api/cases/c1/emergency-report?lang=en&as=duty-1');
    expect(reportHref('http://127.0.0.1:5000', 'c1', 'en', {})).toBe('http://127.0.0.1:5000/api/cases/c1/emergency-report?lang=en');
    expect(reportHref('http://127.0.0.1:5000', 'c1', 'zh-CN', { token: 'secret' })).toBeUndefined();
  });

  it('asks for the preview of the case’s own plan, or of the one chosen', () => {
    expect(planPreviewPath('c1')).toBe('/api/cases/c1/emergency-plan');
    expect(planPreviewPath('c1', 'EP-GENERIC')).toBe('/api/cases/c1/emergency-plan?planCode=EP-GENERIC');
  });
});

describe('the plan preview the screen accepts', () => {
  it('takes the service’s preview as it is, and refuses a payload whose steps name nobody known', () => {
    const preview = previewPlan({ categoryCode: 'E0401', place: { streetCode: '110101001' } }, new Date('2026-11-23T02:00:00Z'));
    const answer = { ok: true, caseId: 'c1', preview, departmentNames: { gas: { zh: '燃气集团', en: 'Gas Group' } } };
    const parsed = planPreviewAnswerSchema.safeParse(answer);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.preview.linkedDepartmentIds).toEqual(['fire', 'police', 'street:110101001']);
    expect(parsed.data?.preview.steps[0]?.dueAt).toBe('2026-11-23T02:05:00.000Z');
    const broken = { ...answer, preview: { ...preview, steps: [{ ...preview?.steps[0], by: 'mayor' }] } };
    expect(planPreviewAnswerSchema.safeParse(broken).success).toBe(false);
  });
});
