import type { CaseState } from '../../../src-shared/domain/case';
import type { Role } from '../../../src-shared/domain/roles';
import { linkageTask } from '../../../src-shared/domain/emergency-response';
import { isOpenStage, type Stage } from '../../../src-shared/domain/stages';
import { toneAt, type CaseTiming } from './deadline';

/**
 * The work queues of each role, as pure predicates over a case (node-tested with real states).
 * A queue answers one person's question ("what must I register now?"), so each role sees only
 * its own. Actions happen in the case detail; these only decide where a case is listed.
 */
export const QUEUE_IDS = [
  // intake operator (受理员)
  'new',
  'fedBack',
  'verified',
  'duplicates',
  'callBacks',
  // dispatcher (派遣员)
  'toDispatch',
  'returned',
  'requests',
  'overdue',
  'supervised',
  // department handler
  'toSign',
  'linkage',
  'inHand',
  'dueSoon',
  // grid supervisor
  'toVerify',
  // duty officer
  'urgentToDispatch',
  'urgentInHand',
  // leader
  'open',
  // everyone
  'watch',
] as const;
export type QueueId = (typeof QUEUE_IDS)[number];

export interface QueueUser {
  id: string;
  role: Role;
  departmentId?: string | undefined;
}

/** What a predicate may look at besides the case: who asks, when, the case's deadline, the stars. */
export interface QueueContext {
  user: QueueUser;
  nowMs: number;
  timing: (c: CaseState) => CaseTiming | undefined;
  watched: ReadonlySet<string>;
}

export type QueuePredicate = (c: CaseState, ctx: QueueContext) => boolean;

const AWAITING_DISPATCH: readonly Stage[] = ['registered', 'returned'];
const HELD_BY_DEPARTMENT: readonly Stage[] = ['dispatched', 'accepted', 'rework'];
const IN_HAND: readonly Stage[] = ['accepted', 'rework'];

function isOverdue(c: CaseState, ctx: QueueContext): boolean {
  return toneAt(ctx.timing(c), ctx.nowMs) === 'overdue';
}

function mine(c: CaseState, ctx: QueueContext): boolean {
  return ctx.user.departmentId !== undefined && c.leadDepartmentId === ctx.user.departmentId;
}

export const PREDICATES: Record<QueueId, QueuePredicate> = {
  new: (c) => c.stage === 'reported',
  fedBack: (c) => c.stage === 'handled',
  verified: (c) => c.stage === 'verified',
  duplicates: (c) => c.stage === 'duplicate',
  // Closed but the citizen has not been called back yet (满意度回访).
  callBacks: (c) => c.stage === 'closed' && c.evaluation === undefined,
  // Urgent cases go the emergency-linkage route: the duty officer's, not the dispatcher's.
  toDispatch: (c) => AWAITING_DISPATCH.includes(c.stage) && !c.emergency,
  returned: (c) => c.stage === 'returned',
  requests: (c) => c.pendingRequest !== undefined && isOpenStage(c.stage),
  overdue: (c, ctx) => isOpenStage(c.stage) && isOverdue(c, ctx),
  supervised: (c) => c.supervised && isOpenStage(c.stage),
  // Emergency linkage (应急联动): lead or linked, this department still has to acknowledge or
  // report arrival. A linked (assisting) department has no other queue that lists the case.
  linkage: (c, ctx) => linkageTask(c, ctx.user.departmentId) !== undefined,
  toSign: (c, ctx) => c.stage === 'dispatched' && mine(c, ctx),
  inHand: (c, ctx) => IN_HAND.includes(c.stage) && mine(c, ctx),
  // < 20 % of the handling time left, overdue included: the work to do first.
  dueSoon: (c, ctx) => {
    if (!HELD_BY_DEPARTMENT.includes(c.stage) || !mine(c, ctx)) return false;
    const tone = toneAt(ctx.timing(c), ctx.nowMs);
    return tone === 'red' || tone === 'overdue';
  },
  toVerify: (c) => c.stage === 'verifying',
  urgentToDispatch: (c) => AWAITING_DISPATCH.includes(c.stage) && c.emergency,
  urgentInHand: (c) => HELD_BY_DEPARTMENT.includes(c.stage) && (c.emergency || c.urgency === 'urgent'),
  open: (c) => isOpenStage(c.stage),
  watch: (c, ctx) => ctx.watched.has(c.id),
};

/** The queues of each role, in tab order (keys 1–9 follow it). Every role ends with its watch list. */
export const QUEUES_BY_ROLE: Record<Role, readonly QueueId[]> = {
  intake: ['new', 'fedBack', 'verified', 'duplicates', 'callBacks', 'watch'],
  dispatcher: ['toDispatch', 'returned', 'requests', 'overdue', 'supervised', 'watch'],
  // Signing stays the department's first (default) tab: linkage tasks are rare and get their own
  // tab right beside it, counted, so an emergency is one glance away without an empty default.
  department: ['toSign', 'linkage', 'inHand', 'dueSoon', 'watch'],
  supervisor: ['toVerify', 'watch'],
  duty: ['urgentToDispatch', 'urgentInHand', 'overdue', 'watch'],
  leader: ['open', 'overdue', 'supervised', 'watch'],
  admin: ['open', 'overdue', 'supervised', 'watch'],
  system: ['open', 'watch'],
};

export function queuesOf(role: Role): readonly QueueId[] {
  return QUEUES_BY_ROLE[role];
}

/**
 * One pass over the window's cases: the members of the active queue and the count of every
 * queue of the role. Counts ignore the filter bar (they say how much work there is).
 */
export function partition(
  cases: Iterable<CaseState>,
  queues: readonly QueueId[],
  active: QueueId,
  ctx: QueueContext,
): { members: CaseState[]; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const q of queues) counts[q] = 0;
  const members: CaseState[] = [];
  const tests = queues.map((q) => [q, PREDICATES[q]] as const);
  for (const c of cases) {
    for (const [q, test] of tests) {
      if (!test(c, ctx)) continue;
      counts[q] = (counts[q] ?? 0) + 1;
      if (q === active) members.push(c);
    }
  }
  return { members, counts };
}
