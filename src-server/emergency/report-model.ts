import { categoryByCode } from '../../src-shared/catalog/categories';
import type { CaseState, PhotoRef } from '../../src-shared/domain/case';
import type { EmergencyStep } from '../../src-shared/domain/emergency-response';
import type { CaseEvent } from '../../src-shared/domain/events';
import { STAGE_NAMES } from '../../src-shared/domain/stages';
import { planByCode } from '../../src-shared/emergency/plans';
import { textIn, type BilingualText, type Locale } from '../../src-shared/i18n-text';
import { EVENT_NAMES } from './event-names';
import { REPORT_WORDS, type ReportWords } from './report-words';

/**
 * The after-action report of an emergency as plain data in one language: what happened when,
 * who was linked and how fast each acknowledged and arrived, which checklist steps were done on
 * time, the escalations and the summary. Pure (names and the clock come in), so the figures are
 * tested apart from the page that shows them.
 */

export interface ReportNames {
  department(id: string): BilingualText | undefined;
  person(userId: string): string | undefined;
  /** A street's or community's name by its code. */
  area?(code: string): string | undefined;
}

/** open = not due yet while the response runs; notDone = left undone when the response closed before its deadline. */
export type StepStatus = 'onTime' | 'late' | 'overdue' | 'open' | 'notDone';

export interface ReportModel {
  words: ReportWords;
  title: string;
  caseNumber: string;
  category: string;
  place: string;
  description: string;
  plan: string;
  /** Facts of the response as label → value, in reading order. */
  facts: { label: string; value: string }[];
  departments: { name: string; role: string; linkedAt: string; acknowledged: string; toAcknowledge: string; arrived: string; toArrive: string }[];
  steps: { title: string; by: string; dueAt: string; doneAt: string; status: StepStatus; statusText: string; note: string }[];
  escalations: { at: string; by: string; reason: string; department: string }[];
  timeline: { at: string; what: string; who: string; detail: string }[];
  photos: { id: string; phase: string }[];
  summary: string;
  closed: boolean;
  generatedAt: string;
}

const BEIJING = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Beijing wall time, "2026-11-23 10:05": the centre works on Beijing time whatever the server's zone. */
export function beijing(iso: string | undefined): string {
  if (!iso) return '';
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** Whole minutes from `from` to `to`, as words; '' when either is missing. */
function span(from: string | undefined, to: string | undefined, w: ReportWords): string {
  if (!from || !to) return '';
  const minutes = Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
  return w.minutes.replace('{n}', String(minutes));
}

function stepStatus(step: EmergencyStep, asOf: string, closed: boolean): StepStatus {
  if (step.doneAt) return step.late ? 'late' : 'onTime';
  if (step.overdue || asOf > step.dueAt) return 'overdue';
  return closed ? 'notDone' : 'open';
}

export interface ReportInput {
  state: CaseState;
  trail: readonly CaseEvent[];
  names: ReportNames;
  now: Date;
  locale: Locale;
}

export function buildReport({ state, trail, names, now, locale }: ReportInput): ReportModel {
  const w = REPORT_WORDS[locale === 'en' ? 'en' : 'zh'];
  const t = (text: BilingualText) => textIn(text, locale);
  const dept = (id: string) => {
    const name = names.department(id);
    return name ? t(name) : id;
  };
  const who = (userId: string) => names.person(userId) ?? userId;
  const r = state.emergencyResponse ?? { departments: [], steps: [], escalations: [] };
  const plan = r.planCode ? planByCode(r.planCode) : undefined;
  const category = categoryByCode(state.categoryCode);
  const asOf = r.closedAt ?? now.toISOString();
  const stepTitle = (id: string) => {
    const step = r.steps.find((s) => s.id === id);
    return step ? t(step.title) : id;
  };
  const planName = (code: string) => {
    const named = planByCode(code);
    return named ? t(named.name) : code;
  };
  const done = r.steps.filter((s) => s.doneAt);
  const facts = [
    { label: w.reportedAt, value: beijing(state.reportedAt) },
    { label: w.alarmAcknowledged, value: r.alarmAcknowledgedAt ? `${beijing(r.alarmAcknowledgedAt)} · ${who(r.alarmAcknowledgedBy ?? '')} · ${w.afterReport.replace('{time}', span(state.reportedAt, r.alarmAcknowledgedAt, w))}` : '—' },
    { label: w.started, value: r.startedAt ? `${beijing(r.startedAt)} · ${who(r.startedBy ?? '')} · ${w.afterReport.replace('{time}', span(state.reportedAt, r.startedAt, w))}` : '—' },
    { label: w.closedAt, value: r.closedAt ? `${beijing(r.closedAt)} · ${who(r.closedBy ?? '')} · ${w.lasted.replace('{time}', span(r.startedAt, r.closedAt, w))}` : w.stillRunning },
    { label: w.stepsOnTime, value: `${r.steps.filter((s) => s.doneAt && !s.late).length} / ${r.steps.length} (${w.doneCount.replace('{n}', String(done.length))})` },
    { label: w.arrivedCount, value: `${r.departments.filter((d) => d.arrivedAt).length} / ${r.departments.length}` },
    { label: w.caseStage, value: t(STAGE_NAMES[state.stage]) },
  ];
  return {
    words: w,
    title: `${w.title} · ${state.number}`,
    caseNumber: state.number,
    category: category ? `${t(category.name)} (${category.code})` : state.categoryCode,
    place: [state.place.address, names.area?.(state.place.streetCode), names.area?.(state.place.communityCode), `${w.grid} ${state.place.gridCode}`].filter(Boolean).join(' · '),
    description: state.description,
    plan: plan ? `${planName(plan.code)} (${plan.code})` : (r.planCode ?? '—'),
    facts,
    departments: r.departments.map((d) => ({
      name: dept(d.departmentId),
      role: d.role === 'lead' ? w.lead : w.linked,
      linkedAt: beijing(d.linkedAt),
      acknowledged: d.acknowledgedAt ? `${beijing(d.acknowledgedAt)} · ${who(d.acknowledgedBy ?? '')}` : w.notYet,
      toAcknowledge: span(d.linkedAt, d.acknowledgedAt, w),
      arrived: d.arrivedAt ? `${beijing(d.arrivedAt)} · ${who(d.arrivedBy ?? '')}` : w.notYet,
      toArrive: span(d.linkedAt, d.arrivedAt, w),
    })),
    steps: r.steps.map((s) => {
      const status = stepStatus(s, asOf, r.closedAt !== undefined);
      return { title: t(s.title), by: w.performer[s.by], dueAt: beijing(s.dueAt), doneAt: s.doneAt ? `${beijing(s.doneAt)} · ${who(s.doneBy ?? '')}` : '', status, statusText: w.status[status], note: s.note ?? '' };
    }),
    escalations: r.escalations.map((e) => ({ at: beijing(e.at), by: who(e.by), reason: e.reason, department: e.departmentId ? dept(e.departmentId) : '' })),
    timeline: trail.map((e) => ({ at: beijing(e.at), what: t(EVENT_NAMES[e.type]), who: who(e.actor.userId), detail: detailOf(e, { dept, stepTitle, plan: planName }, w) })),
    photos: state.photos.map((p: PhotoRef) => ({ id: p.id, phase: w.phase[p.phase] })),
    summary: r.summary ?? '',
    closed: r.closedAt !== undefined,
    generatedAt: beijing(now.toISOString()),
  };
}

/** The one line a timeline entry needs beyond its name. */
function detailOf(e: CaseEvent, name: { dept: (id: string) => string; stepTitle: (id: string) => string; plan: (code: string) => string }, w: ReportWords): string {
  switch (e.type) {
    case 'reported':
      return e.payload.description;
    case 'emergencyPlanStarted':
      return name.plan(e.payload.planCode);
    case 'dispatched':
      return [name.dept(e.payload.leadDepartmentId), ...e.payload.assistingDepartmentIds.map(name.dept)].join('、');
    case 'linkageAcknowledged':
    case 'arrivalReported':
      return [name.dept(e.payload.departmentId), e.payload.note].filter(Boolean).join(' · ');
    case 'linkedDepartmentAdded':
      return [name.dept(e.payload.departmentId), e.payload.reason].filter(Boolean).join(' · ');
    case 'stepCompleted':
      return [name.stepTitle(e.payload.stepId), e.payload.note, e.payload.late ? w.status.late : ''].filter(Boolean).join(' · ');
    case 'stepOverdue':
      return name.stepTitle(e.payload.stepId);
    case 'emergencyEscalated':
      return [e.payload.reason, e.payload.departmentId ? name.dept(e.payload.departmentId) : ''].filter(Boolean).join(' · ');
    case 'emergencyClosed':
      return e.payload.summary;
    case 'handled':
      return e.payload.result;
    default: {
      const p = e.payload as { reason?: unknown; note?: unknown };
      return typeof p.reason === 'string' ? p.reason : typeof p.note === 'string' ? p.note : '';
    }
  }
}
