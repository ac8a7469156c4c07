import { describe, expect, it } from 'vitest';
import { caseQuerySchema, duplicateQuerySchema, eventBatchSchema, reportRequestSchema, sessionUserSchema, syncRequestSchema } from '../../../src-shared/contract/socket';
import { caseCommandSchema } from '../../../src-shared/domain';
import { ACTORS, apply, caseAt } from '../domain/fixtures';

describe('the socket contract checks what peers send', () => {
  it('accepts a well-formed command and fills defaults', () => {
    const parsed = caseCommandSchema.parse({ commandId: 'cmd-00000001', caseId: 'c1', type: 'dispatch', payload: { leadDepartmentId: 'sanitation' } });
    expect(parsed.payload).toEqual({ leadDepartmentId: 'sanitation', assistingDepartmentIds: [] });
  });
  it('refuses commands with a short id, an unknown type or a bad payload', () => {
    expect(caseCommandSchema.safeParse({ commandId: 'x', caseId: 'c1', type: 'accept', payload: {} }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ commandId: 'cmd-00000001', caseId: 'c1', type: 'teleport', payload: {} }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ commandId: 'cmd-00000001', caseId: 'c1', type: 'requestExtension', payload: { minutes: -5, reason: 'x' } }).success).toBe(false);
  });
  it('bounds queries so no window can ask for the whole district at once', () => {
    expect(caseQuerySchema.parse({})).toMatchObject({ sort: 'deadline', order: 'asc', offset: 0, limit: 100 });
    expect(caseQuerySchema.safeParse({ limit: 100_000 }).success).toBe(false);
    expect(caseQuerySchema.safeParse({ gridCode: '123' }).success).toBe(false);
    expect(caseQuerySchema.safeParse({ stages: ['closed', 'flying'] }).success).toBe(false);
  });
  it('validates sync requests and the session user', () => {
    expect(syncRequestSchema.safeParse({ sinceSeq: -1 }).success).toBe(false);
    expect(syncRequestSchema.parse({})).toEqual({});
    expect(sessionUserSchema.safeParse({ id: 'u', name: 'n', role: 'mayor' }).success).toBe(false);
  });
  it('accepts real events from the loop in a batch, and refuses a malformed one', () => {
    const s = apply(caseAt('registered'), 'dispatch', ACTORS.dispatcher);
    const event = { seq: 7, caseId: s.id, version: s.version, type: 'dispatched', at: new Date().toISOString(), actor: { userId: 'dispatcher-1', role: 'dispatcher' }, fromStage: 'registered', toStage: 'dispatched', commandId: 'cmd-1', payload: { leadDepartmentId: 'sanitation' } };
    expect(eventBatchSchema.safeParse({ events: [event], headSeq: 7, cases: [s] }).success).toBe(true);
    expect(eventBatchSchema.safeParse({ events: [{ ...event, seq: 0 }], headSeq: 7 }).success).toBe(false);
    expect(eventBatchSchema.safeParse({ events: [{ ...event, toStage: 'lost' }], headSeq: 7 }).success).toBe(false);
  });
});

describe('the intake desk requests', () => {
  it('duplicate questions: a category and a place, lon and lat together, nothing else', () => {
    expect(duplicateQuerySchema.safeParse({ categoryCode: 'E0101', gridCode: '11010100100101' }).success).toBe(true);
    expect(duplicateQuerySchema.safeParse({ categoryCode: 'E0101', lon: 116.4, lat: 39.9 }).success).toBe(true);
    expect(duplicateQuerySchema.safeParse({ categoryCode: 'E0101', lon: 116.4 }).success).toBe(false);
    expect(duplicateQuerySchema.safeParse({ categoryCode: 'rubbish', gridCode: '11010100100101' }).success).toBe(false);
    expect(duplicateQuerySchema.safeParse({ categoryCode: 'E0101', gridCode: '11010100100101', phone: '1' }).success).toBe(false);
  });
  it('a desk report carries its caller beside the payload, the phone checked', () => {
    const payload = { categoryCode: 'E0101', channel: 'hotline', description: '垃圾', gridCode: '11010100100101' };
    expect(reportRequestSchema.safeParse({ commandId: 'w-12345678', payload, caller: { name: '张伟', phone: '139 0101 8888' } }).success).toBe(true);
    expect(reportRequestSchema.safeParse({ commandId: 'w-12345678', payload, caller: { phone: '1381234abcd' } }).success).toBe(false);
    expect(reportRequestSchema.safeParse({ commandId: 'w-12345678', payload, caller: { email: 'a@b.cn' } }).success).toBe(false);
  });
});
