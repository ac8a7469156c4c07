import type { CaseState } from './case';
import type { CaseEvent } from './events';
import { evolveEmergency, isEmergencyEvent } from './emergency-evolve';

/** The case as its first event creates it. */
function created(event: Extract<CaseEvent, { type: 'reported' }>): CaseState {
  const p = event.payload;
  return {
    id: event.caseId,
    number: p.number,
    version: event.version,
    stage: 'reported',
    kind: p.kind,
    categoryCode: p.categoryCode,
    urgency: p.urgency,
    level: p.level,
    channel: p.channel,
    description: p.description,
    place: p.place,
    ...(p.componentCode ? { componentCode: p.componentCode } : {}),
    hasReporterContact: p.hasReporterContact,
    photos: p.photos,
    reportedAt: event.at,
    linkStartedAt: { register: event.at },
    deadlines: { register: p.registerDeadline },
    late: {},
    reminded: {},
    overdueAlerted: {},
    assistingDepartmentIds: [],
    emergency: p.urgency === 'urgent',
    duplicates: [],
    returnCount: 0,
    reworkCount: 0,
    extensionCount: 0,
    suspensionCount: 0,
    supervised: false,
  };
}

/** The link's clock starts a new round at `at` (a fresh deadline from the full limit). */
function started(state: CaseState, link: keyof CaseState['deadlines'], at: string): CaseState['linkStartedAt'] {
  return { ...state.linkStartedAt, [link]: at };
}

/** Marks a link late when the action that ends it comes after its deadline. `late` is sticky: it is the case's record for evaluation. */
function lateIf(state: CaseState, link: keyof CaseState['deadlines'], at: string): CaseState['late'] {
  const due = state.deadlines[link];
  return due !== undefined && Date.parse(at) > Date.parse(due) ? { ...state.late, [link]: true } : state.late;
}

/**
 * Applies one event to the case. Pure and total: the service's projection, the screens'
 * local copies and the tests all fold the same events with this function.
 */
export function evolve(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'reported') return created(event);
  if (state === null) throw new Error(`event ${event.type} for case ${event.caseId} before it was reported`);
  const s: CaseState = { ...state, version: event.version, stage: event.toStage };
  const at = event.at;
  if (isEmergencyEvent(event)) return evolveEmergency(s, event);
  switch (event.type) {
    case 'registered': {
      const p = event.payload;
      return {
        ...s,
        categoryCode: p.categoryCode,
        kind: p.kind,
        urgency: p.urgency,
        level: p.level,
        emergency: s.emergency || p.urgency === 'urgent',
        registeredAt: at,
        linkStartedAt: started(s, 'dispatch', at),
        reminded: { ...s.reminded, dispatch: false },
        overdueAlerted: { ...s.overdueAlerted, dispatch: false },
        late: lateIf(state, 'register', at),
        deadlines: { ...s.deadlines, dispatch: p.dispatchDeadline },
      };
    }
    case 'rejected':
      return { ...s, rejection: { reason: event.payload.reason, by: event.actor.userId, at }, late: lateIf(state, 'register', at) };
    case 'linkedAsDuplicate':
      return { ...s, duplicateOf: event.payload.primaryCaseId };
    case 'unlinkedDuplicate': {
      const { duplicateOf: _dropped, ...rest } = s;
      return rest;
    }
    case 'routedToEmergency':
      return {
        ...s,
        emergency: true,
        linkStartedAt: started(s, 'dispatch', at),
        deadlines: { ...s.deadlines, dispatch: event.payload.dispatchDeadline },
        reminded: { ...s.reminded, dispatch: false },
        overdueAlerted: { ...s.overdueAlerted, dispatch: false },
      };
    case 'dispatched': {
      const p = event.payload;
      return {
        ...s,
        leadDepartmentId: p.leadDepartmentId,
        assistingDepartmentIds: p.assistingDepartmentIds,
        ...(p.instructions ? { instructions: p.instructions } : {}),
        emergency: p.emergency,
        dispatchedAt: at,
        handleStartedAt: at,
        linkStartedAt: started(s, 'handle', at),
        handlePauses: [],
        late: lateIf(state, 'dispatch', at),
        deadlines: { ...s.deadlines, handle: p.handleDeadline },
        reminded: { ...s.reminded, handle: false },
        overdueAlerted: { ...s.overdueAlerted, handle: false },
      };
    }
    case 'accepted':
      return { ...s, acceptedAt: at };
    case 'returned': {
      const { leadDepartmentId: _previous, pendingRequest: _request, ...rest } = s;
      return {
        ...rest,
        assistingDepartmentIds: [],
        returnCount: s.returnCount + 1,
        linkStartedAt: started(s, 'dispatch', at),
        deadlines: { ...s.deadlines, dispatch: event.payload.dispatchDeadline },
        overdueAlerted: { ...s.overdueAlerted, dispatch: false },
        reminded: { ...s.reminded, dispatch: false },
      };
    }
    case 'extensionRequested':
    case 'suspensionRequested':
      return {
        ...s,
        pendingRequest: {
          type: event.type === 'extensionRequested' ? 'extension' : 'suspension',
          reason: event.payload.reason,
          ...(event.type === 'extensionRequested' ? { minutes: event.payload.minutes } : {}),
          requestedBy: event.actor.userId,
          at,
        },
      };
    case 'extensionGranted': {
      const { pendingRequest: _done, ...rest } = s;
      return {
        ...rest,
        extensionCount: s.extensionCount + 1,
        deadlines: { ...s.deadlines, handle: event.payload.handleDeadline },
        overdueAlerted: { ...s.overdueAlerted, handle: false },
        reminded: { ...s.reminded, handle: false },
      };
    }
    case 'extensionRefused':
    case 'suspensionRefused': {
      const { pendingRequest: _done, ...rest } = s;
      return rest;
    }
    case 'suspensionGranted': {
      const { pendingRequest: _done, ...rest } = s;
      return {
        ...rest,
        suspensionCount: s.suspensionCount + 1,
        suspendedFrom: { stage: state.stage, remainingMinutes: event.payload.remainingMinutes },
        handlePauses: [...(s.handlePauses ?? []), { from: at }],
      };
    }
    case 'resumed': {
      const { suspendedFrom: _back, ...rest } = s;
      return {
        ...rest,
        handleStartedAt: at,
        // The same handling round goes on: the pause ends, the round's start stays.
        handlePauses: (s.handlePauses ?? []).map((p) => (p.to === undefined ? { from: p.from, to: at } : p)),
        deadlines: { ...s.deadlines, handle: event.payload.handleDeadline },
        overdueAlerted: { ...s.overdueAlerted, handle: false },
        reminded: { ...s.reminded, handle: false },
      };
    }
    case 'handled': {
      const { pendingRequest: _superseded, ...rest } = s;
      return {
        ...rest,
        result: event.payload.result,
        photos: [...s.photos, ...event.payload.photos],
        handledAt: at,
        late: event.payload.late ? { ...s.late, handle: true } : s.late,
      };
    }
    case 'sentToVerify':
      return {
        ...s,
        sentToVerifyAt: at,
        linkStartedAt: started(s, 'verify', at),
        deadlines: { ...s.deadlines, verify: event.payload.verifyDeadline },
        overdueAlerted: { ...s.overdueAlerted, verify: false },
        reminded: { ...s.reminded, verify: false },
      };
    case 'verificationPassed':
      return {
        ...s,
        verifiedAt: at,
        photos: [...s.photos, ...event.payload.photos],
        late: event.payload.late ? { ...s.late, verify: true } : s.late,
      };
    case 'verificationFailed':
    case 'reworkOrdered':
      return {
        ...s,
        reworkCount: s.reworkCount + 1,
        handleStartedAt: at,
        linkStartedAt: started(s, 'handle', at),
        handlePauses: [],
        ...(event.type === 'verificationFailed'
          ? { photos: [...s.photos, ...event.payload.photos], late: event.payload.late ? { ...s.late, verify: true } : s.late }
          : {}),
        deadlines: { ...s.deadlines, handle: event.payload.handleDeadline },
        reminded: { ...s.reminded, handle: false },
        overdueAlerted: { ...s.overdueAlerted, handle: false },
      };
    case 'closed':
      return { ...s, closedAt: at };
    case 'supervisionFlagged':
      return { ...s, supervised: true };
    case 'reminderRaised':
      return { ...s, reminded: { ...s.reminded, [event.payload.link]: true } };
    case 'deadlineMissed':
      return {
        ...s,
        late: { ...s.late, [event.payload.link]: true },
        overdueAlerted: { ...s.overdueAlerted, [event.payload.link]: true },
      };
    case 'evaluated':
      return { ...s, evaluation: { satisfaction: event.payload.satisfaction, ...(event.payload.note ? { note: event.payload.note } : {}), at, by: event.actor.userId } };
    case 'duplicateRecorded': {
      const others = s.duplicates.filter((id) => id !== event.payload.duplicateCaseId);
      return { ...s, duplicates: event.payload.linked ? [...others, event.payload.duplicateCaseId] : others };
    }
    case 'evidenceAttached':
      return { ...s, photos: [...s.photos, ...event.payload.photos] };
  }
}

/** Folds a case's events, oldest first, into its state. */
export function replay(events: readonly CaseEvent[]): CaseState | null {
  return events.reduce<CaseState | null>((state, event) => evolve(state, event), null);
}
