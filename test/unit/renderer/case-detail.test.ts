import { describe, expect, it } from 'vitest';
import { beijingCalendar } from '../../../src-shared/calendar';
import type { CaseState } from '../../../src-shared/domain/case';
import { COMMAND_RULES } from '../../../src-shared/domain/rules';
import type { CaseEvent, CaseEventType, EventPayloads } from '../../../src-shared/domain/events';
import type { Role } from '../../../src-shared/domain/roles';
import type { Stage } from '../../../src-shared/domain/stages';
import { ACTION_FIELDS, CASE_SHORTCUTS, buildPayload, commandForKey, initialValues, isPersonCommand, shortcutOf } from '../../../src-renderer/features/case/action-forms';
import { beijingDayAndTime, beijingTime, departmentName, duration, extensionWords } from '../../../src-renderer/features/case/case-format';
import { deadlineRows, toneOf } from '../../../src-renderer/features/case/deadline-rows';
import { departmentHistory } from '../../../src-renderer/features/case/department-history';
import { mayReveal } from '../../../src-renderer/features/case/reporter-access';
import { trailWords } from '../../../src-renderer/features/case/trail-words';
import { SHORTCUTS as QUEUE_SHORTCUTS } from '../../../src-renderer/features/queue/keyboard';

let version = 0;
function ev<T extends CaseEventType>(type: T, payload: EventPayloads[T], opts: { at?: string; role?: Role; userId?: string; departmentId?: string; from?: Stage | null; to?: Stage } = {}): CaseEvent {
  version += 1;
  return {
    seq: version,
    caseId: 'c1',
    version,
    type,
    at: opts.at ?? '2026-11-23T02:00:00.000Z',
    actor: { userId: opts.userId ?? 'dispatcher-1', role: opts.role ?? 'dispatcher', ...(opts.departmentId ? { departmentId: opts.departmentId } : {}) },
    fromStage: opts.from ?? 'registered',
    toStage: opts.to ?? 'dispatched',
    commandId: `cmd-${version}`,
    payload,
  } as CaseEvent;
}

describe('trail wording', () => {
  it('says who, role, Beijing time, the stage move and the payload in words', () => {
    const e = ev('dispatched', { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['street:110101001'], instructions: '今天处理', emergency: false, handleDeadline: '2026-11-23T09:00:00.000Z' });
    const zh = trailWords(e, { locale: 'zh-CN', streets: new Map([['110101001', '东华门']]), people: new Map([['dispatcher-1', '唐君薇']]) });
    expect(zh.title).toBe('派遣');
    expect(zh.who).toBe('唐君薇（派遣员）');
    expect(zh.when).toBe('11-23 10:00');
    expect(zh.move).toBe('待派遣 → 待签收');
    expect(zh.details).toEqual(['主办部门：区环境卫生服务中心', '协办部门：东华门街道办事处', '派遣意见：今天处理', '处置时限：11-23 17:00']);
    const en = trailWords(e, { locale: 'en' });
    expect(en.who).toBe('dispatcher-1 (Dispatcher)');
    expect(en.details[0]).toBe('Lead department: Sanitation Service Centre');
  });

  it('names reasons, results, satisfaction, duplicates and the hotline system', () => {
    expect(trailWords(ev('returned', { reason: '非本部门职责', departmentId: 'roads', dispatchDeadline: '2026-11-23T03:00:00.000Z' }), { locale: 'zh-CN' }).details).toContain('理由：非本部门职责');
    expect(trailWords(ev('handled', { result: '已清理', photos: [{ id: 'p', phase: 'after' }], late: true }), { locale: 'zh-CN' }).details).toEqual(['处置结果：已清理', '照片 1 张', '超过时限完成']);
    expect(trailWords(ev('evaluated', { satisfaction: 'basic' }), { locale: 'zh-CN' }).details).toEqual(['满意度：基本满意']);
    const dup = trailWords(ev('linkedAsDuplicate', { primaryCaseId: 'c0' }), { locale: 'zh-CN', caseNumber: (id) => (id === 'c0' ? 'DC-1' : undefined) });
    expect(dup.details).toEqual(['合并到案卷 DC-1']);
    const hotline = trailWords(ev('accepted', {}, { userId: 'hotline-12345', role: 'system', from: 'dispatched', to: 'dispatched' }), { locale: 'zh-CN' });
    expect(hotline.who).toBe('12345热线（系统）');
    expect(hotline.move).toBe('');
  });
});

describe('department history', () => {
  it('follows dispatch, return, re-dispatch, feedback and rework per department', () => {
    const events = [
      ev('dispatched', { leadDepartmentId: 'roads', assistingDepartmentIds: ['power'], emergency: false, handleDeadline: 'x' }),
      ev('returned', { reason: '不归我们', departmentId: 'roads', dispatchDeadline: 'x' }, { role: 'department', departmentId: 'roads' }),
      ev('dispatched', { leadDepartmentId: 'sanitation', assistingDepartmentIds: [], emergency: false, handleDeadline: 'x' }),
      ev('accepted', {}, { role: 'department', departmentId: 'sanitation' }),
      ev('handled', { result: '已清理', photos: [], late: false }, { role: 'department', departmentId: 'sanitation' }),
      ev('verificationFailed', { note: '仍有垃圾', photos: [], late: false, handleDeadline: 'x' }, { role: 'supervisor' }),
    ];
    const history = departmentHistory(events);
    expect(history.map((h) => [h.departmentId, h.role, h.steps.map((s) => s.kind)])).toEqual([
      ['roads', 'lead', ['dispatched', 'returned']],
      ['power', 'assisting', ['dispatched']],
      ['sanitation', 'lead', ['dispatched', 'accepted', 'handled', 'rework']],
    ]);
    expect(history[0]?.steps[1]?.reason).toBe('不归我们');
  });
});

describe('action forms', () => {
  it('has a form for every command a person can issue, and none for the service', () => {
    const person = Object.keys(COMMAND_RULES).filter((c) => !(COMMAND_RULES as Record<string, { roles: readonly Role[] }>)[c]?.roles.every((r) => r === 'system'));
    for (const c of person.filter((c) => c !== 'report')) expect(isPersonCommand(c as never), c).toBe(true);
    expect(isPersonCommand('markOverdue')).toBe(false);
    expect(ACTION_FIELDS.reject.map((f) => f.name)).toEqual(['reason']);
    expect(ACTION_FIELDS.dispatch.map((f) => f.name)).toEqual(['leadDepartmentId', 'assistingDepartmentIds', 'instructions']);
    expect(ACTION_FIELDS.requestExtension.map((f) => f.name)).toEqual(['amount', 'unit', 'reason']);
    expect(ACTION_FIELDS.evaluate.map((f) => f.name)).toEqual(['satisfaction', 'note']);
    expect(ACTION_FIELDS.accept).toEqual([]);
  });

  it('builds payloads the shared schemas accept, and names missing fields', () => {
    expect(buildPayload('reject', { reason: '  ' })).toEqual({ ok: false, fields: ['reason'] });
    expect(buildPayload('reject', { reason: ' 不在本区 ' })).toEqual({ ok: true, payload: { reason: '不在本区' } });
    // Asked in working hours or days, sent as minutes of the handle clock (a working day is 420).
    expect(buildPayload('requestExtension', { amount: '2', unit: 'workingDays', reason: '需要协调' })).toEqual({ ok: true, payload: { minutes: 840, reason: '需要协调' } });
    expect(buildPayload('requestExtension', { amount: '1.5', unit: 'workingHours', reason: '需要协调' })).toEqual({ ok: true, payload: { minutes: 90, reason: '需要协调' } });
    expect(buildPayload('requestExtension', { amount: '1', unit: 'workingDays', reason: '燃气抢修' }, { handleClock: 'natural' })).toEqual({ ok: true, payload: { minutes: 1440, reason: '燃气抢修' } });
    expect(buildPayload('requestExtension', { amount: '-5', unit: 'workingHours', reason: 'x' })).toEqual({ ok: false, fields: ['amount'] });
    expect(buildPayload('requestExtension', { ...initialValues('requestExtension'), reason: 'x' })).toEqual({ ok: false, fields: ['amount'] });
    expect(buildPayload('requestExtension', { amount: '200', unit: 'workingDays', reason: 'x' })).toEqual({ ok: false, fields: ['amount'] });
    expect(initialValues('requestExtension')).toEqual({ amount: '', unit: 'workingDays', reason: '' });
    expect(buildPayload('verify', { passed: 'no', note: '', photoIds: 'a, b，c' })).toEqual({ ok: true, payload: { passed: false, photoIds: ['a', 'b', 'c'] } });
    expect(buildPayload('decideExtension', initialValues('decideExtension'))).toEqual({ ok: true, payload: { granted: true } });
    expect(buildPayload('dispatch', { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['roads'], instructions: '' })).toEqual({
      ok: true,
      payload: { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['roads'] },
    });
    // Register keeps the category unless it was changed.
    const reg = initialValues('register', { categoryCode: 'E0101' });
    expect(buildPayload('register', reg, { categoryCode: 'E0101' })).toEqual({ ok: true, payload: {} });
    expect(buildPayload('register', { ...reg, categoryCode: 'E0103', urgent: true }, { categoryCode: 'E0101' })).toEqual({ ok: true, payload: { categoryCode: 'E0103', urgent: true } });
    expect(buildPayload('register', { ...reg, categoryCode: 'bad' }, { categoryCode: 'E0101' })).toEqual({ ok: false, fields: ['categoryCode'] });
    expect(buildPayload('evaluate', initialValues('evaluate'))).toEqual({ ok: true, payload: { satisfaction: 'satisfied' } });
  });
});

describe('shortcuts', () => {
  it('gives each action one key, shared only by the two decisions that never coexist', () => {
    const byKey = new Map<string, string[]>();
    for (const s of CASE_SHORTCUTS) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s.command]);
    const shared = [...byKey].filter(([, cs]) => cs.length > 1);
    expect(shared).toEqual([['g', ['decideExtension', 'decideSuspension']]]);
    expect(shortcutOf('dispatch')).toBe('d');
    expect(shortcutOf('verify')).toBe('v');
    expect(commandForKey('D', ['dispatch', 'flagSupervision'])).toBe('dispatch');
    expect(commandForKey('r', ['dispatch'])).toBeUndefined();
    expect(commandForKey('g', ['decideSuspension'])).toBe('decideSuspension');
  });

  it('leaves the queue its keys', () => {
    const queueKeys = new Set(QUEUE_SHORTCUTS.flatMap((s) => s.keys).filter((k) => k.length === 1));
    expect(CASE_SHORTCUTS.filter((s) => queueKeys.has(s.key))).toEqual([]);
  });
});

describe('deadlines and formats', () => {
  const base = {
    id: 'c1', number: 'DC-1', version: 3, stage: 'accepted', kind: 'event', categoryCode: 'E0101', urgency: 'normal', level: 'district', channel: 'hotline',
    description: 'x', place: { lon: 116.4, lat: 39.9, gridCode: '11010100100101', communityCode: '110101001001', streetCode: '110101001' },
    hasReporterContact: false, photos: [], reportedAt: '2026-11-23T01:00:00.000Z', registeredAt: '2026-11-23T01:10:00.000Z', dispatchedAt: '2026-11-23T01:20:00.000Z',
    linkStartedAt: { register: '2026-11-23T01:00:00.000Z', dispatch: '2026-11-23T01:10:00.000Z', handle: '2026-11-23T01:20:00.000Z' },
    deadlines: { register: '2026-11-23T01:30:00.000Z', dispatch: '2026-11-23T01:40:00.000Z', handle: '2026-11-23T05:20:00.000Z' },
    late: {}, reminded: {}, overdueAlerted: {}, assistingDepartmentIds: [], emergency: false, duplicates: [], returnCount: 0, reworkCount: 0, extensionCount: 0, suspensionCount: 0, supervised: false,
  } as unknown as CaseState;

  it('highlights the current link with its remaining share, and marks overdue', () => {
    // Monday 23 Nov 2026, 10:20 Beijing: 4 working hours to 13:20 (lunch excluded or not, share is in 0–1).
    const rows = deadlineRows(base, new Date('2026-11-23T02:20:00.000Z'), beijingCalendar);
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'current', 'waiting']);
    const handle = rows[2];
    expect(handle?.remainingMinutes).toBeGreaterThan(0);
    expect(handle?.tone).toBe('ok');
    const late = deadlineRows(base, new Date('2026-11-23T08:00:00.000Z'), beijingCalendar)[2];
    expect(late?.tone).toBe('over');
    expect(late?.remainingMinutes).toBeLessThan(0);
    expect(toneOf(0.1)).toBe('warn');
    expect(toneOf(undefined)).toBe('none');
  });

  it('words times in Beijing and durations in both languages', () => {
    expect(beijingTime('2026-11-23T16:30:00.000Z')).toBe('11-24 00:30');
    expect(beijingTime('2026-11-23T16:30:00.000Z', true)).toBe('2026-11-24 00:30');
    // The extension preview's words: "12月8日 17:30", whatever the PC's zone.
    expect(beijingDayAndTime('2026-12-08T09:30:00.000Z', 'zh-CN')).toBe('12月8日 17:30');
    expect(beijingDayAndTime('2026-12-08T09:30:00.000Z', 'en')).toBe('Dec 8 17:30');
    // A request is read back in the unit it was asked in.
    expect(extensionWords(840, 'working', 'zh-CN')).toBe('2个工作日');
    expect(extensionWords(90, 'working', 'zh-CN')).toBe('1.5个工作小时');
    expect(extensionWords(1440, 'natural', 'en')).toBe('1 day(s)');
    expect(duration(45, 'zh-CN')).toBe('45分钟');
    expect(duration(-135, 'en')).toBe('2 h 15 min');
    expect(duration(3000, 'zh-CN')).toBe('2天2小时');
    expect(departmentName('street:110101009', 'zh-CN')).toBe('110101009街道办事处');
    expect(departmentName('gas', 'en')).toBe('Gas Group, Dongcheng Branch');
    expect(mayReveal('intake')).toBe(true);
    expect(mayReveal('department')).toBe(false);
  });
});
