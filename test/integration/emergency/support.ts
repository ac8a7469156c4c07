import type { EventBatch } from '../../../src-shared/contract/socket';
import type { Actor, CaseEvent, CaseState } from '../../../src-shared/domain';
import type { CaseService } from '../../../src-server/service/case-service';
import { newCommandId, type Client } from '../support/case-service';

/** Helpers shared by the emergency-linkage integration tests. */

export type Answer = { ok: true; events: CaseEvent[]; state: CaseState } | { ok: false; code: string; message: { zh: string; en: string } };

export const DUTY: Actor = { userId: 'duty-1', role: 'duty' };
export const handler = (departmentId: string): Actor => ({ userId: `handler-${departmentId}`, role: 'department', departmentId });

/** A command over a window's socket, as the desk sends it. */
export function send(client: Client, type: string, caseId: string, payload: Record<string, unknown> = {}): Promise<Answer> {
  return new Promise((resolve) => client.emit('case:command', { commandId: newCommandId(), caseId, type, payload } as never, resolve as never));
}

/** Every live event a window receives, and the cases that came into its view with them. */
export function collect(client: Client): { events: CaseEvent[]; cases: CaseState[] } {
  const seen = { events: [] as CaseEvent[], cases: [] as CaseState[] };
  client.on('case:events', (batch: EventBatch) => {
    seen.events.push(...batch.events);
    seen.cases.push(...(batch.cases ?? []));
  });
  return seen;
}

export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A gas leak (urgent) reported by the grid's supervisor at the grid's centre. */
export async function gasLeak(service: CaseService, gridIndex: number, description = '小区门口闻到浓烈燃气味'): Promise<CaseState> {
  const grid = service.district.district.grids[gridIndex];
  if (!grid) throw new Error(`no grid ${gridIndex}`);
  const answer = await service.report({ categoryCode: 'E0401', channel: 'patrol', description, lon: grid.centroid[0], lat: grid.centroid[1] }, { userId: grid.supervisorId, role: 'supervisor' });
  if (!answer.ok) throw new Error(answer.code);
  return answer.state;
}

/** A command straight through the service's one write path; throws when refused. */
export async function run(service: CaseService, type: string, caseId: string, actor: Actor, payload: Record<string, unknown> = {}): Promise<CaseState> {
  const answer = await service.execute({ commandId: newCommandId(), caseId, type, payload }, actor);
  if (!answer.ok) throw new Error(`${type}: ${answer.code}`);
  return answer.state;
}

/** The refusal code of a command (or 'ok'). */
export async function codeOf(service: CaseService, type: string, caseId: string, actor: Actor, payload: Record<string, unknown> = {}): Promise<string> {
  const answer = await service.execute({ commandId: newCommandId(), caseId, type, payload }, actor);
  return answer.ok ? 'ok' : answer.code;
}
