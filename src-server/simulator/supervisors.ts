import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import { after, chance } from './draws';
import { isEmergency, plan, type Plan, type Reactor, type World } from './plan';

/**
 * Grid supervisors checking handled cases on site (核查): the supervisor the centre named, or
 * the grid's own. They patrol in working time, except for urgent cases (24/7). A share of
 * checks fail (rework, 返工).
 */
export class Supervisors implements Reactor {
  private readonly gridSupervisor = new Map<string, string>();

  constructor(private readonly world: World) {
    for (const g of world.district.grids) this.gridSupervisor.set(g.code, g.supervisorId);
  }

  react(event: CaseEvent, state: CaseState): Plan | undefined {
    if (event.type !== 'sentToVerify') return undefined;
    const { profile, random, calendar } = this.world;
    const supervisorId = event.payload.supervisorId ?? this.gridSupervisor.get(state.place.gridCode);
    if (supervisorId === undefined) return undefined;
    const delay = isEmergency(state) ? { ...profile.verification.checkDelay, clock: 'natural' as const } : profile.verification.checkDelay;
    const passed = !chance(random, profile.verification.failShare);
    return plan(after(random, calendar, Date.parse(event.at), delay), { userId: supervisorId, role: 'supervisor' }, 'verify', {
      passed,
      ...(passed ? { note: '现场核查已整改（Checked on site: put right）' } : { note: '现场问题仍存在（Still there on site）' }),
    });
  }
}
