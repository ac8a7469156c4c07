import type { Category } from '../../../src-shared/catalog/category-types';
import {
  decide,
  evolve,
  type Actor,
  type CaseState,
  type CommandType,
  type DecideContext,
  type GridPlace,
  type Role,
  type Stage,
} from '../../../src-shared/domain';

/** Two categories are enough for the loop: a normal one on working time, an urgent one 24/7. */
export const GARBAGE: Category = {
  code: 'E0101',
  kind: 'event',
  classCode: '01',
  className: { zh: '市容环境', en: 'City appearance' },
  name: { zh: '暴露垃圾', en: 'Exposed garbage' },
  leadDepartment: 'sanitation',
  urgency: 'normal',
  level: 'street',
  limits: {
    register: { minutes: 30, clock: 'natural' },
    dispatch: { minutes: 30, clock: 'natural' },
    handle: { minutes: 240, clock: 'working' },
    verify: { minutes: 60, clock: 'natural' },
  },
  limitSource: 'published',
};

export const GAS_LEAK: Category = {
  ...GARBAGE,
  code: 'E0401',
  classCode: '04',
  name: { zh: '燃气泄漏', en: 'Gas leak' },
  leadDepartment: 'gas',
  urgency: 'urgent',
  level: 'district',
  limits: {
    register: { minutes: 10, clock: 'natural' },
    dispatch: { minutes: 10, clock: 'natural' },
    handle: { minutes: 120, clock: 'natural' },
    verify: { minutes: 60, clock: 'natural' },
  },
};

export const GRID_A: GridPlace = {
  gridCode: '11010100100101',
  communityCode: '110101001001',
  streetCode: '110101001',
  centroid: { lon: 116.4, lat: 39.92 },
};
export const GRID_B: GridPlace = { ...GRID_A, gridCode: '11010100100102', centroid: { lon: 116.41, lat: 39.93 } };

export const T0 = new Date('2026-11-23T02:00:00.000Z'); // Monday 10:00 in Beijing

export const ACTORS: Record<Role, Actor> = {
  supervisor: { userId: 'supervisor-110101001001', role: 'supervisor' },
  intake: { userId: 'intake-1', role: 'intake' },
  dispatcher: { userId: 'dispatcher-1', role: 'dispatcher' },
  department: { userId: 'handler-sanitation', role: 'department', departmentId: 'sanitation' },
  duty: { userId: 'duty-1', role: 'duty' },
  leader: { userId: 'leader-1', role: 'leader' },
  admin: { userId: 'admin-1', role: 'admin' },
  system: { userId: 'system', role: 'system' },
};

/**
 * A calendar that counts every minute (working or natural) the same: the loop's tests are
 * about who may do what when; the working-hours arithmetic has its own tests.
 */
export function context(actor: Actor, now: Date = T0): DecideContext {
  return {
    now,
    actor,
    categories: { byCode: (code) => [GARBAGE, GAS_LEAK].find((c) => c.code === code) },
    calendar: {
      addLimit: (from, limit) => new Date(from.getTime() + limit.minutes * 60_000 * (limit.clock === 'working' ? 2 : 1)),
      minutesBetween: (from, to, clock) => (to.getTime() - from.getTime()) / 60_000 / (clock === 'working' ? 2 : 1),
    },
    district: {
      gridByCode: (code) => [GRID_A, GRID_B].find((g) => g.gridCode === code),
      locate: (lon, lat) => (Math.abs(lon - 116.4) < 0.005 && Math.abs(lat - 39.92) < 0.005 ? GRID_A : undefined),
      departmentExists: (id) => ['sanitation', 'roads', 'gas', 'fire', 'police', 'street:110101001'].includes(id),
    },
  };
}

let counter = 0;
export function commandId(): string {
  counter += 1;
  return `cmd-${String(counter).padStart(6, '0')}`;
}

export const VALID_PAYLOADS: Record<CommandType, Record<string, unknown>> = {
  report: { number: 'DC20261123-00001', categoryCode: 'E0101', channel: 'patrol', description: '王府井大街路边暴露垃圾', gridCode: GRID_A.gridCode },
  register: {},
  reject: { reason: '不属于城市管理范围' },
  linkDuplicate: { primaryCaseId: 'case-0' },
  unlinkDuplicate: {},
  dispatch: { leadDepartmentId: 'sanitation' },
  routeToEmergency: { reason: '现场有燃气味' },
  accept: {},
  return: { reason: '不属于本部门职责' },
  requestExtension: { minutes: 240, reason: '需要调配车辆' },
  decideExtension: { granted: true },
  requestSuspension: { reason: '涉及产权纠纷' },
  decideSuspension: { granted: true },
  resume: {},
  feedback: { result: '已清运', photoIds: ['photo-after-1'] },
  sendToVerify: {},
  verify: { passed: true },
  orderRework: { reason: '现场仍有残留' },
  close: {},
  flagSupervision: { reason: '超期未处置' },
  raiseReminder: { link: 'handle' },
  markOverdue: { link: 'handle' },
  evaluate: { satisfaction: 'satisfied' },
  attachEvidence: { photoIds: ['frame-1'] },
  recordDuplicate: { duplicateCaseId: 'case-9', linked: true },
  acknowledgeAlarm: {},
  startEmergencyPlan: {},
  acknowledgeLinkage: {},
  reportArrival: {},
  completeStep: { stepId: 'confirm' },
  addLinkedDepartment: { departmentId: 'roads' },
  escalateEmergency: { reason: '燃气公司超时未到场' },
  closeEmergency: { summary: '气源已切断，险情排除' },
  markStepOverdue: { stepId: 'confirm' },
};

/** Runs a command and returns the new state, failing loudly if it is refused. */
export function apply(state: CaseState | null, type: CommandType, actor: Actor, payload: Record<string, unknown> = VALID_PAYLOADS[type], now: Date = T0, caseId = 'case-1'): CaseState {
  const decision = decide(state, { commandId: commandId(), caseId, type, payload }, context(actor, now));
  if (!decision.ok) throw new Error(`${type} by ${actor.role} refused: ${decision.code} ${decision.message.en}`);
  return decision.events.reduce<CaseState | null>(evolve, state) as CaseState;
}

/** The case driven through the loop, by the right people, to the given stage. */
export function caseAt(stage: Stage, category: Category = GARBAGE): CaseState {
  const A = ACTORS;
  let s = apply(null, 'report', A.supervisor, { ...VALID_PAYLOADS.report, categoryCode: category.code });
  if (stage === 'reported') return s;
  if (stage === 'rejected') return apply(s, 'reject', A.intake);
  if (stage === 'duplicate') return apply(s, 'linkDuplicate', A.intake);
  s = apply(s, 'register', A.intake);
  if (stage === 'registered') return s;
  const desk = s.urgency === 'urgent' ? A.duty : A.dispatcher;
  s = apply(s, 'dispatch', desk);
  if (stage === 'dispatched') return s;
  if (stage === 'returned') return apply(s, 'return', A.department);
  s = apply(s, 'accept', A.department);
  if (stage === 'accepted') return s;
  if (stage === 'suspended') {
    s = apply(s, 'requestSuspension', A.department);
    return apply(s, 'decideSuspension', desk);
  }
  s = apply(s, 'feedback', A.department);
  if (stage === 'handled') return s;
  s = apply(s, 'sendToVerify', A.intake);
  if (stage === 'verifying') return s;
  if (stage === 'rework') return apply(s, 'verify', A.supervisor, { passed: false, note: '仍有垃圾' });
  s = apply(s, 'verify', A.supervisor);
  if (stage === 'verified') return s;
  return apply(s, 'close', A.intake);
}
