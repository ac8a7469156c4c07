import { isRefusal, refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import type { CaseCommand } from './commands';
import type { DecideContext } from './context';
import { effectiveLimit } from './context';
import { categoryOf, deadline, draft, isLate, photos, type Draft } from './decide-helpers';
import { extendedHandleDeadline } from './extension';
import { currentLink } from './rules';
import { decideEmergency, isEmergencyCommand } from './emergency-decide';

/**
 * What happens to an existing case for each command, once the role, stage, department and
 * version checks have passed. Returns the events, or a refusal about the payload.
 */
export function decideOnCase(state: CaseState, command: CaseCommand, ctx: DecideContext): Draft[] | Refusal {
  const now = ctx.now;
  const category = categoryOf(state.categoryCode, ctx);
  if (isRefusal(category)) return category;
  // A case on the emergency route runs on the 24/7 clock at every link, whatever its category.
  const pace = state.emergency ? 'urgent' : state.urgency;
  if (isEmergencyCommand(command)) return decideEmergency(state, command, ctx, category);
  switch (command.type) {
    case 'register': {
      const p = command.payload;
      const recategorised = p.categoryCode === undefined ? category : categoryOf(p.categoryCode, ctx);
      if (isRefusal(recategorised)) return recategorised;
      // Flagged urgent at intake (urgent while its category is not) stays urgent unless the
      // operator registers it with urgent: false.
      const flaggedAtIntake = state.urgency === 'urgent' && category.urgency !== 'urgent';
      const urgency = p.urgent === true || (p.urgent === undefined && flaggedAtIntake) ? 'urgent' : recategorised.urgency;
      return [
        draft(
          'registered',
          {
            categoryCode: recategorised.code,
            kind: recategorised.kind,
            urgency,
            level: recategorised.level,
            ...(p.note ? { note: p.note } : {}),
            dispatchDeadline: deadline(ctx, recategorised, 'dispatch', urgency),
          },
          'registered',
        ),
      ];
    }
    case 'reject':
      return [draft('rejected', { reason: command.payload.reason }, 'rejected')];
    case 'linkDuplicate':
      if (command.payload.primaryCaseId === state.id) return refusal('DUPLICATE_OF_SELF');
      return [draft('linkedAsDuplicate', { primaryCaseId: command.payload.primaryCaseId }, 'duplicate')];
    case 'unlinkDuplicate':
      return [draft('unlinkedDuplicate', { primaryCaseId: state.duplicateOf ?? '' }, 'reported')];
    case 'dispatch': {
      const p = command.payload;
      for (const id of [p.leadDepartmentId, ...p.assistingDepartmentIds]) {
        if (!ctx.district.departmentExists(id)) return refusal('UNKNOWN_DEPARTMENT', { departmentId: id });
      }
      if (p.assistingDepartmentIds.includes(p.leadDepartmentId)) return refusal('LEAD_ALSO_ASSISTING');
      return [
        draft(
          'dispatched',
          {
            leadDepartmentId: p.leadDepartmentId,
            assistingDepartmentIds: [...new Set(p.assistingDepartmentIds)],
            ...(p.instructions ? { instructions: p.instructions } : {}),
            emergency: state.emergency || state.urgency === 'urgent',
            handleDeadline: deadline(ctx, category, 'handle', pace),
          },
          'dispatched',
        ),
      ];
    }
    case 'routeToEmergency':
      return [
        draft(
          'routedToEmergency',
          { reason: command.payload.reason, dispatchDeadline: deadline(ctx, category, 'dispatch', 'urgent') },
          state.stage,
        ),
      ];
    case 'accept':
      return [draft('accepted', {}, 'accepted')];
    case 'return':
      return [
        draft(
          'returned',
          {
            reason: command.payload.reason,
            departmentId: state.leadDepartmentId ?? '',
            dispatchDeadline: deadline(ctx, category, 'dispatch', pace),
          },
          'returned',
        ),
      ];
    case 'requestExtension':
      return [draft('extensionRequested', { minutes: command.payload.minutes, reason: command.payload.reason }, state.stage)];
    case 'decideExtension': {
      const p = command.payload;
      if (!p.granted) return [draft('extensionRefused', p.reason ? { reason: p.reason } : {}, state.stage)];
      const minutes = state.pendingRequest?.minutes ?? 0;
      const handleDeadline = extendedHandleDeadline(state, minutes, category, ctx.calendar, now).toISOString();
      return [draft('extensionGranted', { minutes, handleDeadline }, state.stage)];
    }
    case 'requestSuspension':
      return [draft('suspensionRequested', { reason: command.payload.reason }, state.stage)];
    case 'decideSuspension': {
      const p = command.payload;
      if (!p.granted) return [draft('suspensionRefused', p.reason ? { reason: p.reason } : {}, state.stage)];
      const clock = effectiveLimit(category.limits.handle, pace).clock;
      const due = state.deadlines.handle ? new Date(state.deadlines.handle) : now;
      const remainingMinutes = Math.max(0, ctx.calendar.minutesBetween(now, due, clock));
      return [draft('suspensionGranted', { remainingMinutes }, 'suspended')];
    }
    case 'resume': {
      const left = state.suspendedFrom ?? { stage: 'accepted' as const, remainingMinutes: 0 };
      const clock = effectiveLimit(category.limits.handle, pace).clock;
      const handleDeadline = ctx.calendar.addLimit(now, { minutes: left.remainingMinutes, clock }).toISOString();
      return [draft('resumed', { handleDeadline, ...(command.payload.note ? { note: command.payload.note } : {}) }, left.stage)];
    }
    case 'feedback':
      return [
        draft(
          'handled',
          { result: command.payload.result, photos: photos(command.payload.photoIds, 'after'), late: isLate(state, 'handle', now) },
          'handled',
        ),
      ];
    case 'sendToVerify':
      return [
        draft(
          'sentToVerify',
          {
            ...(command.payload.supervisorId ? { supervisorId: command.payload.supervisorId } : {}),
            verifyDeadline: deadline(ctx, category, 'verify', pace),
          },
          'verifying',
        ),
      ];
    case 'verify': {
      const p = command.payload;
      const common = { ...(p.note ? { note: p.note } : {}), photos: photos(p.photoIds, 'check'), late: isLate(state, 'verify', now) };
      if (p.passed) return [draft('verificationPassed', common, 'verified')];
      return [draft('verificationFailed', { ...common, handleDeadline: deadline(ctx, category, 'handle', pace) }, 'rework')];
    }
    case 'orderRework':
      return [
        draft('reworkOrdered', { reason: command.payload.reason, handleDeadline: deadline(ctx, category, 'handle', pace) }, 'rework'),
      ];
    case 'close':
      return [draft('closed', command.payload.note ? { note: command.payload.note } : {}, 'closed')];
    case 'flagSupervision':
      return [draft('supervisionFlagged', { reason: command.payload.reason }, state.stage)];
    case 'raiseReminder':
    case 'markOverdue': {
      const link = command.payload.link;
      const due = state.deadlines[link];
      if (due === undefined || currentLink(state.stage) !== link) return refusal('NO_DEADLINE');
      if (state.overdueAlerted[link]) return refusal('ALREADY_OVERDUE');
      if (command.type === 'raiseReminder') {
        if (state.reminded[link]) return refusal('ALREADY_REMINDED');
        return [draft('reminderRaised', { link, deadline: due }, state.stage)];
      }
      if (now.getTime() < Date.parse(due)) return refusal('NOT_YET_DUE');
      return [draft('deadlineMissed', { link, deadline: due }, state.stage)];
    }
    case 'evaluate':
      return [
        draft('evaluated', { satisfaction: command.payload.satisfaction, ...(command.payload.note ? { note: command.payload.note } : {}) }, 'closed'),
      ];
    case 'recordDuplicate':
      return [draft('duplicateRecorded', { duplicateCaseId: command.payload.duplicateCaseId, linked: command.payload.linked }, state.stage)];
    case 'attachEvidence':
      return [
        draft(
          'evidenceAttached',
          { photos: photos(command.payload.photoIds, 'evidence'), ...(command.payload.note ? { note: command.payload.note } : {}) },
          state.stage,
        ),
      ];
    case 'report':
      // Unreachable: `decide` answers CASE_EXISTS first. Kept so the switch is exhaustive.
      return refusal('CASE_EXISTS', { caseId: state.id });
  }
}

