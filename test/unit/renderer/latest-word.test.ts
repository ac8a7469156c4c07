import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseEventType, EventPayloads } from '../../../src-shared/domain/events';
import type { Role } from '../../../src-shared/domain/roles';
import { latestWords } from '../../../src-renderer/features/case/latest-word';

let minute = 0;
/** An event one minute after the previous one, by the given person. */
function ev<T extends CaseEventType>(type: T, payload: EventPayloads[T], by: { userId: string; role: Role; departmentId?: string }): CaseEvent {
  minute += 1;
  return {
    seq: minute,
    caseId: 'c1',
    version: minute,
    type,
    at: new Date(Date.UTC(2026, 10, 23, 2, minute)).toISOString(),
    actor: by,
    fromStage: 'accepted',
    toStage: 'accepted',
    commandId: `cmd-${minute}`,
    payload,
  } as CaseEvent;
}

const roads = { userId: 'handler-roads', role: 'department' as const, departmentId: 'roads' };
const sanitation = { userId: 'handler-sanitation', role: 'department' as const, departmentId: 'sanitation' };
const dispatcher = { userId: 'dispatcher-1', role: 'dispatcher' as const };
const supervisor = { userId: 'supervisor-110101001001', role: 'supervisor' as const };
const dispatched = (lead: string) => ev('dispatched', { leadDepartmentId: lead, assistingDepartmentIds: [], emergency: false, handleDeadline: 'x' }, dispatcher);

describe('the latest word beside the actions', () => {
  it('says nothing on a case nobody sent back or asked about', () => {
    expect(latestWords([dispatched('sanitation'), ev('accepted', {}, sanitation)])).toEqual([]);
  });

  it('gives the last return: who, when, which department, why', () => {
    const first = ev('returned', { reason: '不归我们', departmentId: 'roads', dispatchDeadline: 'x' }, roads);
    const second = ev('returned', { reason: '应由园林部门处理', departmentId: 'sanitation', dispatchDeadline: 'x' }, sanitation);
    const words = latestWords([dispatched('roads'), first, dispatched('sanitation'), second]);
    expect(words).toEqual([{ kind: 'returned', by: sanitation, at: second.at, departmentId: 'sanitation', text: '应由园林部门处理' }]);
  });

  it('follows an extension from pending to granted with the new deadline, and a refusal with its reason', () => {
    const asked = ev('extensionRequested', { minutes: 840, reason: '需要调配吊车' }, sanitation);
    expect(latestWords([asked])).toEqual([{ kind: 'extension', by: sanitation, at: asked.at, text: '需要调配吊车', minutes: 840, decision: { outcome: 'pending' } }]);
    const granted = ev('extensionGranted', { minutes: 840, handleDeadline: '2026-11-25T09:30:00.000Z' }, dispatcher);
    expect(latestWords([asked, granted])[0]?.decision).toEqual({ outcome: 'granted', by: dispatcher, at: granted.at, handleDeadline: '2026-11-25T09:30:00.000Z' });
    const again = ev('suspensionRequested', { reason: '产权纠纷待法院判决' }, sanitation);
    const refused = ev('suspensionRefused', { reason: '先行处置安全隐患' }, dispatcher);
    const words = latestWords([asked, granted, again, refused]);
    // One word for the asking: the newest request with its decision.
    expect(words).toHaveLength(1);
    expect(words[0]).toMatchObject({ kind: 'suspension', text: '产权纠纷待法院判决', decision: { outcome: 'refused', by: dispatcher, reason: '先行处置安全隐患' } });
    expect(latestWords([again, ev('suspensionRefused', {}, dispatcher)])[0]?.decision).not.toHaveProperty('reason');
  });

  it('keeps a failed check note until a later check passes', () => {
    const failed = ev('verificationFailed', { note: '路面仍有坑洼', photos: [], late: false, handleDeadline: 'x' }, supervisor);
    expect(latestWords([failed])).toEqual([{ kind: 'checkFailed', by: supervisor, at: failed.at, text: '路面仍有坑洼' }]);
    const silent = ev('verificationFailed', { photos: [], late: false, handleDeadline: 'x' }, supervisor);
    expect(latestWords([failed, silent])).toEqual([{ kind: 'checkFailed', by: supervisor, at: silent.at }]);
    expect(latestWords([failed, ev('verificationPassed', { photos: [], late: false }, supervisor)])).toEqual([]);
    const rework = ev('reworkOrdered', { reason: '群众再次投诉', handleDeadline: 'x' }, { userId: 'intake-1', role: 'intake' });
    expect(latestWords([failed, rework])[0]).toMatchObject({ kind: 'reworkOrdered', text: '群众再次投诉' });
  });

  it('puts the newest word first', () => {
    const back = ev('returned', { reason: '不归我们', departmentId: 'roads', dispatchDeadline: 'x' }, roads);
    const failed = ev('verificationFailed', { note: '仍有垃圾', photos: [], late: false, handleDeadline: 'x' }, supervisor);
    const asked = ev('extensionRequested', { minutes: 60, reason: '等待配件' }, sanitation);
    expect(latestWords([back, failed, asked]).map((w) => w.kind)).toEqual(['extension', 'checkFailed', 'returned']);
  });
});
