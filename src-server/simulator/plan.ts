import type { WorkingCalendar } from '../../src-shared/calendar';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { Category, TimeLimit } from '../../src-shared/catalog/category-types';
import type { CaseState } from '../../src-shared/domain/case';
import type { CommandPayloadInputs, CommandType } from '../../src-shared/domain/commands';
import { effectiveLimit } from '../../src-shared/domain/context';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { Actor } from '../../src-shared/domain/roles';
import type { District } from '../../src-shared/district/types';
import type { Random } from '../district/random';
import type { Profile } from './profiles';

/** A command as the simulator plans it: the envelope (ids) is added when it runs. */
export type PlannedCommand = { [K in CommandType]: { type: K; payload: CommandPayloadInputs[K] } }[CommandType];

/** What one simulated person will do to a case, and when (simulated epoch ms). */
export interface Plan {
  at: number;
  actor: Actor;
  command: PlannedCommand;
}

/**
 * One simulated party (the centre, the departments, the supervisors): sees each committed
 * command's last event and the case after it, and answers with its next step, if it has one.
 * Each case moves one step at a time, so at most one party has a plan for it at a time.
 */
export interface Reactor {
  react(event: CaseEvent, after: CaseState): Plan | undefined;
}

/** What the parties share: the profile, the calendar, the district's people, one PRNG stream each. */
export interface World {
  profile: Profile;
  calendar: WorkingCalendar;
  district: District;
  random: Random;
}

export function plan<K extends CommandType>(at: number, actor: Actor, type: K, payload: CommandPayloadInputs[K]): Plan {
  return { at, actor, command: { type, payload } as PlannedCommand };
}

export function categoryOf(state: CaseState): Category | undefined {
  return categoryByCode(state.categoryCode);
}

/** The case's handling limit on the clock that applies to it (urgent cases run 24/7). */
export function handleLimit(state: CaseState): TimeLimit | undefined {
  const category = categoryOf(state);
  return category && effectiveLimit(category.limits.handle, state.urgency);
}

export function isEmergency(state: CaseState): boolean {
  return state.emergency || state.urgency === 'urgent';
}

/** The demo users of a role, as actors; falls back to the conventional id when the district lists none. */
export function actorsOf(district: District, role: Actor['role'], fallbackId: string): Actor[] {
  const found = district.users.filter((u) => u.role === role).map((u) => ({ userId: u.id, role }));
  return found.length > 0 ? found : [{ userId: fallbackId, role }];
}
