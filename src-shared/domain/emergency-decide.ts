import type { Category } from '../catalog/category-types';
import { planDepartments } from '../emergency/plan-departments';
import { planByCode, planForCategory } from '../emergency/plans';
import { refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import type { CaseCommand, CommandOf } from './commands';
import type { DecideContext } from './context';
import { deadline, draft, photos, type Draft } from './decide-helpers';
import { EMERGENCY_COMMAND_TYPES, type EmergencyCommandType } from './emergency-guards';
import { responseDepartment, type EmergencyStep } from './emergency-response';
import type { Stage } from './stages';

/**
 * The plan engine of emergency linkage (应急联动), as decisions on the case's own stream.
 * Role, stage and state were checked by `checkPermission` (rules table + emergency-guards.ts);
 * what is left here depends on the payload.
 *
 * How the emergency relates to the loop: closing the emergency ends the *response* (the scene
 * is safe, the linked departments stand down, the officer writes the summary); it does not
 * close the case. The lead department still feeds back its result and photos, the supervision
 * centre verifies on site and closes (管办分离: the command centre does not grade its own work),
 * and the repair that follows an emergency (a water main, a road) often outlasts it by days.
 * Until the response is closed the case cannot be closed, and the lead cannot return it.
 */

export type EmergencyCommand = Extract<CaseCommand, { type: EmergencyCommandType }>;

export function isEmergencyCommand(command: CaseCommand): command is EmergencyCommand {
  return (EMERGENCY_COMMAND_TYPES as readonly string[]).includes(command.type);
}

function stepOf(state: CaseState, stepId: string): EmergencyStep | Refusal {
  return state.emergencyResponse?.steps.find((s) => s.id === stepId) ?? refusal('UNKNOWN_STEP', { stepId });
}

const stepParams = (s: EmergencyStep) => ({ step: s.title.zh, stepEn: s.title.en });

/**
 * One decision, one coordinated timeline: the alarm is acknowledged (if it was not), the case
 * registered (if it was not), the plan started with every step's deadline counted from now,
 * and the case dispatched at once to the lead and all linked departments.
 */
function startPlan(state: CaseState, command: CommandOf<'startEmergencyPlan'>, ctx: DecideContext, category: Category): Draft[] | Refusal {
  const p = command.payload;
  const plan = p.planCode === undefined ? planForCategory(state.categoryCode) : planByCode(p.planCode);
  if (!plan) return refusal('UNKNOWN_PLAN', { planCode: p.planCode ?? '' });
  const { leadDepartmentId, linkedDepartmentIds } = planDepartments(plan, category, state.place.streetCode);
  for (const id of [leadDepartmentId, ...linkedDepartmentIds]) {
    if (!ctx.district.departmentExists(id)) return refusal('UNKNOWN_DEPARTMENT', { departmentId: id });
  }
  const drafts: Draft[] = [];
  if (!state.emergencyResponse?.alarmAcknowledgedAt) drafts.push(draft('alarmAcknowledged', {}, state.stage));
  let stage: Stage = state.stage;
  if (stage === 'reported') {
    stage = 'registered';
    const registered = { categoryCode: category.code, kind: category.kind, urgency: state.urgency, level: category.level };
    drafts.push(draft('registered', { ...registered, dispatchDeadline: deadline(ctx, category, 'dispatch', 'urgent') }, stage));
  }
  const steps = plan.steps.map((s) => ({ ...s, dueAt: ctx.calendar.addLimit(ctx.now, { minutes: s.minutes, clock: 'natural' }).toISOString() }));
  const departments = [
    { departmentId: leadDepartmentId, role: 'lead' as const },
    ...linkedDepartmentIds.map((departmentId) => ({ departmentId, role: 'linked' as const })),
  ];
  const instructions = p.instructions ? { instructions: p.instructions } : {};
  drafts.push(draft('emergencyPlanStarted', { planCode: plan.code, departments, steps, ...instructions }, stage));
  drafts.push(
    draft(
      'dispatched',
      { leadDepartmentId, assistingDepartmentIds: linkedDepartmentIds, ...instructions, emergency: true, handleDeadline: deadline(ctx, category, 'handle', 'urgent') },
      'dispatched',
    ),
  );
  return drafts;
}

export function decideEmergency(state: CaseState, command: EmergencyCommand, ctx: DecideContext, category: Category): Draft[] | Refusal {
  const now = ctx.now;
  const stage = state.stage;
  const note = (text: string | undefined) => (text ? { note: text } : {});
  switch (command.type) {
    case 'acknowledgeAlarm':
      return [draft('alarmAcknowledged', note(command.payload.note), stage)];
    case 'startEmergencyPlan':
      return startPlan(state, command, ctx, category);
    case 'acknowledgeLinkage':
      return [draft('linkageAcknowledged', { departmentId: ctx.actor.departmentId ?? '', ...note(command.payload.note) }, stage)];
    case 'reportArrival': {
      const departmentId = ctx.actor.departmentId ?? '';
      // Being on the scene says the task was received: an arrival without an acknowledgement records both.
      const acknowledged = responseDepartment(state, departmentId)?.acknowledgedAt !== undefined;
      return [
        ...(acknowledged ? [] : [draft('linkageAcknowledged', { departmentId }, stage)]),
        draft('arrivalReported', { departmentId, ...note(command.payload.note), photos: photos(command.payload.photoIds, 'evidence') }, stage),
      ];
    }
    case 'completeStep': {
      const step = stepOf(state, command.payload.stepId);
      if ('ok' in step) return step;
      if (step.doneAt) return refusal('STEP_ALREADY_DONE', { ...stepParams(step), at: step.doneAt });
      const late = now.getTime() > Date.parse(step.dueAt);
      return [draft('stepCompleted', { stepId: step.id, ...note(command.payload.note), late }, stage)];
    }
    case 'addLinkedDepartment': {
      const { departmentId, reason } = command.payload;
      if (!ctx.district.departmentExists(departmentId)) return refusal('UNKNOWN_DEPARTMENT', { departmentId });
      if (responseDepartment(state, departmentId)) return refusal('ALREADY_LINKED', { departmentId });
      return [draft('linkedDepartmentAdded', { departmentId, ...(reason ? { reason } : {}) }, stage)];
    }
    case 'escalateEmergency': {
      const { reason, departmentId } = command.payload;
      if (departmentId !== undefined && !responseDepartment(state, departmentId)) return refusal('NOT_LINKED_DEPARTMENT', { departmentId });
      return [draft('emergencyEscalated', { reason, ...(departmentId ? { departmentId } : {}) }, stage)];
    }
    case 'closeEmergency': {
      const openStepIds = (state.emergencyResponse?.steps ?? []).filter((s) => !s.doneAt).map((s) => s.id);
      return [draft('emergencyClosed', { summary: command.payload.summary, openStepIds }, stage)];
    }
    case 'markStepOverdue': {
      const step = stepOf(state, command.payload.stepId);
      if ('ok' in step) return step;
      if (step.doneAt) return refusal('STEP_ALREADY_DONE', { ...stepParams(step), at: step.doneAt });
      if (step.overdue) return refusal('STEP_ALREADY_OVERDUE', stepParams(step));
      if (now.getTime() < Date.parse(step.dueAt)) return refusal('STEP_NOT_YET_DUE', { ...stepParams(step), at: step.dueAt });
      return [draft('stepOverdue', { stepId: step.id, dueAt: step.dueAt }, stage)];
    }
  }
}
