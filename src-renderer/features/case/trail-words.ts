import { CHANNEL_NAMES } from '../../../src-shared/domain/case';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { LINK_NAMES, STAGE_NAMES } from '../../../src-shared/domain/stages';
import { textIn } from '../../../src-shared/i18n-text';
import type { TrailContext } from './trail-context';
import { emergencyDetails } from './trail-emergency';
import { beijingTime, categoryName, departmentName, duration, fill, personName, roleName, texts } from './case-format';

/**
 * One trail entry in words: who (name if known, else user id), role, when (Beijing time),
 * what, the stage move, and the payload as sentences (reasons, results, departments,
 * deadlines). Pure, so the wording is unit-tested without a page.
 */
export interface TrailWords {
  title: string;
  who: string;
  when: string;
  /** "待派遣 → 待签收", or '' when the stage did not move. */
  move: string;
  details: string[];
}


/** The hotline system hands tickets over as a system actor: say which one. */
const SYSTEM_ACTORS: Record<string, { zh: string; en: string }> = {
  'hotline-12345': CHANNEL_NAMES.hotline,
};

export function trailWords(event: CaseEvent, ctx: TrailContext): TrailWords {
  const { locale } = ctx;
  const t = texts(locale);
  const tr = t.trail;
  const at = (iso: string) => beijingTime(iso);
  const dept = (id: string) => departmentName(id, locale, ctx.streets);
  const num = (id: string) => ctx.caseNumber?.(id) ?? id;
  const details: string[] = [];
  const add = (template: string, params: Record<string, string | number>) => details.push(fill(template, params));
  const opt = (template: string, value: string | undefined) => {
    if (value) add(template, { text: value });
  };

  switch (event.type) {
    case 'reported': {
      const p = event.payload;
      add(tr.channel, { value: textIn(CHANNEL_NAMES[p.channel], locale) });
      add(tr.category, { name: `${categoryName(p.categoryCode, locale)} (${p.categoryCode})` });
      add(tr.urgency, { value: t.urgency[p.urgency] });
      add(tr.description, { text: p.description });
      if (p.place.address) add(tr.place, { text: p.place.address });
      if (p.photos.length) add(tr.photos, { count: p.photos.length });
      add(tr.registerDeadline, { at: at(p.registerDeadline) });
      break;
    }
    case 'registered': {
      const p = event.payload;
      add(tr.category, { name: `${categoryName(p.categoryCode, locale)} (${p.categoryCode})` });
      add(tr.urgency, { value: t.urgency[p.urgency] });
      opt(tr.note, p.note);
      add(tr.dispatchDeadline, { at: at(p.dispatchDeadline) });
      break;
    }
    case 'rejected':
    case 'supervisionFlagged':
    case 'suspensionRequested':
    case 'reworkOrdered':
      add(tr.reason, { text: event.payload.reason });
      if (event.type === 'reworkOrdered') add(tr.handleDeadline, { at: at(event.payload.handleDeadline) });
      break;
    case 'routedToEmergency':
      add(tr.reason, { text: event.payload.reason });
      add(tr.dispatchDeadline, { at: at(event.payload.dispatchDeadline) });
      break;
    case 'linkedAsDuplicate':
      add(tr.duplicateOf, { number: num(event.payload.primaryCaseId) });
      break;
    case 'unlinkedDuplicate':
      add(tr.unlinkedFrom, { number: num(event.payload.primaryCaseId) });
      break;
    case 'dispatched': {
      const p = event.payload;
      add(tr.lead, { name: dept(p.leadDepartmentId) });
      if (p.assistingDepartmentIds.length) add(tr.assisting, { names: p.assistingDepartmentIds.map(dept).join('、') });
      opt(tr.instructions, p.instructions);
      add(tr.handleDeadline, { at: at(p.handleDeadline) });
      break;
    }
    case 'returned':
      add(tr.returnedBy, { name: dept(event.payload.departmentId) });
      add(tr.reason, { text: event.payload.reason });
      add(tr.dispatchDeadline, { at: at(event.payload.dispatchDeadline) });
      break;
    case 'extensionRequested':
      add(tr.minutes, { time: duration(event.payload.minutes, locale) });
      add(tr.reason, { text: event.payload.reason });
      break;
    case 'extensionGranted':
      add(tr.granted, { time: duration(event.payload.minutes, locale), at: at(event.payload.handleDeadline) });
      break;
    case 'extensionRefused':
    case 'suspensionRefused':
      opt(tr.reason, event.payload.reason);
      break;
    case 'suspensionGranted':
      add(tr.remaining, { time: duration(event.payload.remainingMinutes, locale) });
      break;
    case 'resumed':
      opt(tr.note, event.payload.note);
      add(tr.handleDeadline, { at: at(event.payload.handleDeadline) });
      break;
    case 'handled':
      add(tr.result, { text: event.payload.result });
      if (event.payload.photos.length) add(tr.photos, { count: event.payload.photos.length });
      if (event.payload.late) details.push(tr.late);
      break;
    case 'sentToVerify':
      if (event.payload.supervisorId) add(tr.supervisor, { who: personName(event.payload.supervisorId, ctx.people ?? new Map()) });
      add(tr.verifyDeadline, { at: at(event.payload.verifyDeadline) });
      break;
    case 'verificationPassed':
    case 'verificationFailed':
      opt(tr.note, event.payload.note);
      if (event.payload.photos.length) add(tr.photos, { count: event.payload.photos.length });
      if (event.payload.late) details.push(tr.late);
      if (event.type === 'verificationFailed') add(tr.handleDeadline, { at: at(event.payload.handleDeadline) });
      break;
    case 'closed':
      opt(tr.note, event.payload.note);
      break;
    case 'reminderRaised':
    case 'deadlineMissed':
      add(tr.link, { link: textIn(LINK_NAMES[event.payload.link], locale), at: at(event.payload.deadline) });
      break;
    case 'evaluated':
      add(tr.satisfaction, { value: t.satisfaction[event.payload.satisfaction] });
      opt(tr.note, event.payload.note);
      break;
    case 'evidenceAttached':
      add(tr.photos, { count: event.payload.photos.length });
      opt(tr.note, event.payload.note);
      break;
    case 'duplicateRecorded':
      add(event.payload.linked ? tr.duplicateLinked : tr.duplicateUnlinked, { number: num(event.payload.duplicateCaseId) });
      break;
    case 'accepted':
      break;
    case 'alarmAcknowledged':
    case 'linkageAcknowledged':
    case 'arrivalReported':
    case 'stepCompleted':
    case 'linkedDepartmentAdded':
    case 'emergencyEscalated':
    case 'stepOverdue':
    case 'emergencyClosed':
    case 'emergencyPlanStarted':
      details.push(...emergencyDetails(event, ctx));
      break;
  }

  const system = SYSTEM_ACTORS[event.actor.userId];
  const name = system ? textIn(system, locale) : personName(event.actor.userId, ctx.people ?? new Map());
  const stageName = (s: keyof typeof STAGE_NAMES) => textIn(STAGE_NAMES[s], locale);
  return {
    title: t.event[event.type],
    who: fill(tr.by, { who: name, role: roleName(event.actor.role, locale) }),
    when: beijingTime(event.at),
    move: event.fromStage === event.toStage ? '' : fill(tr.stageMove, { from: event.fromStage ? stageName(event.fromStage) : '—', to: stageName(event.toStage) }),
    details,
  };
}
