import type { CaseEvent } from '../../../src-shared/domain/events';
import { planByCode } from '../../../src-shared/emergency/plans';
import { textIn } from '../../../src-shared/i18n-text';
import { beijingTime, departmentName, fill, texts } from './case-format';
import type { TrailContext } from './trail-context';

/** The details of an emergency-linkage event on the case trail, in the window's language. */
export function emergencyDetails(event: CaseEvent, ctx: TrailContext): string[] {
  const { locale } = ctx;
  const tr = texts(locale).trail;
  const dept = (id: string) => departmentName(id, locale, ctx.streets);
  const step = (id: string) => {
    const title = ctx.stepTitle?.(event.caseId, id);
    return fill(tr.step, { title: title ? textIn(title, locale) : id });
  };
  const note = (text: string | undefined) => (text ? [fill(tr.note, { text })] : []);
  switch (event.type) {
    case 'alarmAcknowledged':
      return note(event.payload.note);
    case 'emergencyPlanStarted': {
      const p = event.payload;
      const plan = planByCode(p.planCode);
      const lead = p.departments.find((d) => d.role === 'lead');
      const linked = p.departments.filter((d) => d.role === 'linked').map((d) => dept(d.departmentId));
      const last = p.steps.reduce((max, s) => (s.dueAt > max ? s.dueAt : max), '');
      return [
        fill(tr.plan, { name: plan ? textIn(plan.name, locale) : p.planCode }),
        ...(lead ? [fill(tr.lead, { name: dept(lead.departmentId) })] : []),
        ...(linked.length ? [fill(tr.linked, { names: linked.join('、') })] : []),
        fill(tr.steps, { count: p.steps.length, at: beijingTime(last) }),
        ...(p.instructions ? [fill(tr.instructions, { text: p.instructions })] : []),
      ];
    }
    case 'linkageAcknowledged':
      return [fill(tr.department, { name: dept(event.payload.departmentId) }), ...note(event.payload.note)];
    case 'arrivalReported': {
      const p = event.payload;
      return [fill(tr.department, { name: dept(p.departmentId) }), ...note(p.note), ...(p.photos.length ? [fill(tr.photos, { count: p.photos.length })] : [])];
    }
    case 'stepCompleted':
      return [step(event.payload.stepId), ...note(event.payload.note), ...(event.payload.late ? [tr.late] : [])];
    case 'stepOverdue':
      return [step(event.payload.stepId), fill(tr.stepDue, { at: beijingTime(event.payload.dueAt) })];
    case 'linkedDepartmentAdded': {
      const p = event.payload;
      return [fill(tr.department, { name: dept(p.departmentId) }), ...(p.reason ? [fill(tr.reason, { text: p.reason })] : [])];
    }
    case 'emergencyEscalated': {
      const p = event.payload;
      return [fill(tr.reason, { text: p.reason }), ...(p.departmentId ? [fill(tr.department, { name: dept(p.departmentId) })] : [])];
    }
    case 'emergencyClosed': {
      const open = event.payload.openStepIds.length;
      return [fill(tr.summary, { text: event.payload.summary }), ...(open ? [fill(tr.openSteps, { count: open })] : [])];
    }
    default:
      return [];
  }
}
