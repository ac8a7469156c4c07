import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmPending } from '../../../src-shared/domain';
import { CaseReplica } from '../../../src-shared/sync/case-replica';
import { DIALECTS, connectAs, startTestService, type Client, type TestService } from '../support/case-service';
import { DUTY, codeOf, collect, gasLeak, handler, run, send, until } from './support';

/**
 * Emergency linkage end to end over socket.io: the duty desk's alarm, one plan start that
 * dispatches to several departments at once (each department's own socket receives the case),
 * acknowledgements and arrivals by two departments, the close with a summary, and the refusals.
 */
describe.each(DIALECTS)('emergency linkage over socket.io (%s)', (dialect) => {
  let svc: TestService;
  const clients: Client[] = [];
  const open = async (user: string) => {
    const c = await connectAs(svc.url, user);
    clients.push(c);
    return c;
  };
  const replicaOf = (client: Client) => {
    const replica = new CaseReplica();
    client.on('case:events', (batch) => replica.applyBatch(batch));
    return replica;
  };

  beforeAll(async () => {
    svc = await startTestService(dialect);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await svc.close();
  });

  it('rings the duty desk, dispatches the plan to every department at once, and follows each one to the scene', async () => {
    const duty = await open('duty-1');
    const dutyCopy = replicaOf(duty);
    const gas = await open('handler-gas');
    const fire = await open('handler-fire');
    const roads = await open('handler-roads');
    const gasCopy = replicaOf(gas);
    const fireCopy = replicaOf(fire);
    const seenByFire = collect(fire);
    const seenByRoads = collect(roads);

    const kase = await gasLeak(svc.parts.service, 40);
    const street = `street:${kase.place.streetCode}`;
    const streetOffice = await open(`handler-${street}`);
    const streetCopy = replicaOf(streetOffice);
    // The alarm is on every duty window as soon as the report lands.
    await until(() => dutyCopy.get(kase.id) !== undefined);
    expect(alarmPending(dutyCopy.get(kase.id) as NonNullable<ReturnType<typeof dutyCopy.get>>)).toBe(true);
    expect(await send(duty, 'acknowledgeAlarm', kase.id, { note: '值班员已接警' })).toMatchObject({ ok: true });
    await until(() => dutyCopy.get(kase.id)?.emergencyResponse?.alarmAcknowledgedBy === 'duty-1');
    expect(alarmPending(dutyCopy.get(kase.id) as NonNullable<ReturnType<typeof dutyCopy.get>>)).toBe(false);

    const started = await send(duty, 'startEmergencyPlan', kase.id, { instructions: '立即关阀，设警戒区' });
    if (!started.ok) throw new Error(started.code);
    expect(started.events.map((e) => e.type)).toEqual(['registered', 'emergencyPlanStarted', 'dispatched']);
    expect(started.state).toMatchObject({ stage: 'dispatched', leadDepartmentId: 'gas', assistingDepartmentIds: ['fire', 'police', street] });

    // Each department's own socket receives the case (with its state so far), none other does.
    await until(() => gasCopy.get(kase.id)?.stage === 'dispatched' && fireCopy.get(kase.id)?.stage === 'dispatched' && streetCopy.get(kase.id)?.stage === 'dispatched');
    expect(seenByFire.cases.map((c) => c.id)).toContain(kase.id);
    expect(fireCopy.get(kase.id)?.emergencyResponse?.departments.map((d) => [d.departmentId, d.role])).toEqual([
      ['gas', 'lead'],
      ['fire', 'linked'],
      ['police', 'linked'],
      [street, 'linked'],
    ]);
    expect(seenByRoads.events.filter((e) => e.caseId === kase.id)).toEqual([]);

    // Two departments acknowledge and arrive; a department not linked is told so.
    expect(await send(fire, 'acknowledgeLinkage', kase.id, { note: '中队出动' })).toMatchObject({ ok: true });
    expect(await send(gas, 'acknowledgeLinkage', kase.id)).toMatchObject({ ok: true });
    expect(await send(fire, 'reportArrival', kase.id, { note: '已到场监护' })).toMatchObject({ ok: true });
    expect(await send(gas, 'reportArrival', kase.id)).toMatchObject({ ok: true });
    expect(await send(fire, 'reportArrival', kase.id)).toMatchObject({ ok: false, code: 'ALREADY_ARRIVED' });
    expect(await send(roads, 'acknowledgeLinkage', kase.id)).toMatchObject({ ok: false, code: 'NOT_LINKED_DEPARTMENT' });
    expect(await send(fire, 'accept', kase.id)).toMatchObject({ ok: false, code: 'NOT_YOUR_DEPARTMENT' });
    expect(await send(gas, 'accept', kase.id)).toMatchObject({ ok: true, state: { stage: 'accepted' } });
    expect(await send(duty, 'completeStep', kase.id, { stepId: 'confirm', note: '已电话核实' })).toMatchObject({ ok: true });

    await until(() => dutyCopy.get(kase.id)?.emergencyResponse?.departments.filter((d) => d.arrivedAt).length === 2);
    const onScene = dutyCopy.get(kase.id)?.emergencyResponse?.departments.filter((d) => d.acknowledgedAt && d.arrivedAt).map((d) => d.departmentId);
    expect(onScene).toEqual(['gas', 'fire']);

    const closed = await send(duty, 'closeEmergency', kase.id, { summary: '气源已切断，浓度正常，警戒解除' });
    if (!closed.ok) throw new Error(closed.code);
    expect(closed.state.emergencyResponse).toMatchObject({ closedBy: 'duty-1', summary: '气源已切断，浓度正常，警戒解除' });
    expect(await send(streetOffice, 'acknowledgeLinkage', kase.id)).toMatchObject({ ok: false, code: 'EMERGENCY_CLOSED' });
    // Every window's copy ends as the service's own.
    await until(() => fireCopy.get(kase.id)?.version === closed.state.version && streetCopy.get(kase.id)?.version === closed.state.version);
    expect(fireCopy.get(kase.id)).toEqual(closed.state);
    expect(dutyCopy.get(kase.id)).toEqual(closed.state);
  });

  it('refuses the wrong role, an unknown department, and anything on a closed emergency; the case still closes through the loop', async () => {
    const service = svc.parts.service;
    const kase = await gasLeak(service, 41);
    expect(await codeOf(service, 'startEmergencyPlan', kase.id, { userId: 'dispatcher-1', role: 'dispatcher' })).toBe('ROLE_NOT_ALLOWED');
    await run(service, 'startEmergencyPlan', kase.id, DUTY);
    expect(await codeOf(service, 'completeStep', kase.id, handler('gas'), { stepId: 'cut-supply' })).toBe('ROLE_NOT_ALLOWED');
    expect(await codeOf(service, 'addLinkedDepartment', kase.id, DUTY, { departmentId: 'nasa' })).toBe('UNKNOWN_DEPARTMENT');
    expect(await codeOf(service, 'escalateEmergency', kase.id, DUTY, { reason: '催办', departmentId: 'roads' })).toBe('NOT_LINKED_DEPARTMENT');
    expect(await codeOf(service, 'return', kase.id, handler('gas'), { reason: '不归我们' })).toBe('EMERGENCY_NO_RETURN');
    await run(service, 'accept', kase.id, handler('gas'));
    await run(service, 'feedback', kase.id, handler('gas'), { result: '已关阀并修复管线' });
    await run(service, 'sendToVerify', kase.id, { userId: 'intake-1', role: 'intake' });
    const grid = service.district.district.grids[41];
    await run(service, 'verify', kase.id, { userId: grid?.supervisorId ?? '', role: 'supervisor' }, { passed: true });
    expect(await codeOf(service, 'close', kase.id, { userId: 'intake-1', role: 'intake' })).toBe('EMERGENCY_STILL_OPEN');
    await run(service, 'closeEmergency', kase.id, DUTY, { summary: '险情排除' });
    expect(await codeOf(service, 'completeStep', kase.id, DUTY, { stepId: 'scene-safe' })).toBe('EMERGENCY_CLOSED');
    expect(await codeOf(service, 'escalateEmergency', kase.id, DUTY, { reason: '再次督办' })).toBe('EMERGENCY_CLOSED');
    expect((await run(service, 'close', kase.id, { userId: 'intake-1', role: 'intake' })).stage).toBe('closed');
  });
});
