import { resolveLeadDepartment } from '../../src-shared/catalog/categories';
import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { Actor } from '../../src-shared/domain/roles';
import { after, afterMinutes, chance, logNormal, type Spread } from './draws';
import { categoryOf, handleLimit, plan, type Plan, type Reactor, type World } from './plan';

const RESULTS = ['已清理完毕，现场恢复整洁（Cleared; the site is tidy）', '已整改到位（Put right）', '已修复，恢复使用（Repaired and back in use）', '已劝离并现场教育（Moved on, with a warning）'];

/**
 * The departments' handlers (`handler-<departmentId>`): sign for what is theirs, return what
 * is not, work for a log-normal share of the category's limit, now and then ask for more time
 * or to park a hard case, and redo work that failed its check. They act on every dispatch,
 * whoever made it, so humans at the dispatch desk see the field answer.
 */
export class Departments implements Reactor {
  private readonly handlers = new Map<string, Actor>();

  constructor(private readonly world: World) {
    for (const u of world.district.users) {
      if (u.role === 'department' && u.departmentId) this.handlers.set(u.departmentId, { userId: u.id, role: 'department', departmentId: u.departmentId });
    }
  }

  react(event: CaseEvent, state: CaseState): Plan | undefined {
    const { profile, random, calendar } = this.world;
    const now = Date.parse(event.at);
    const handler = state.leadDepartmentId === undefined ? undefined : this.handler(state.leadDepartmentId);
    if (handler === undefined) return undefined;
    switch (event.type) {
      case 'dispatched': {
        const category = categoryOf(state);
        if (category && resolveLeadDepartment(category, state.place.streetCode) !== state.leadDepartmentId) {
          return plan(after(random, calendar, now, profile.department.returnDelay), handler, 'return', {
            reason: `不属于本部门职责，应由${resolveLeadDepartment(category, state.place.streetCode)}办理（Not ours: mis-routed）`,
          });
        }
        return plan(after(random, calendar, now, profile.department.signDelay), handler, 'accept', {});
      }
      case 'accepted':
        return this.startWork(state, now, handler);
      case 'extensionGranted':
        // Finish inside the new deadline, mostly: the reason for asking was real.
        return this.feedback(handler, now + Math.max(60_000, (Date.parse(state.deadlines.handle ?? event.at) - now) * logNormal(random, { median: 0.6, sigma: 0.3 })));
      case 'extensionRefused':
      case 'suspensionRefused':
      case 'resumed':
        return this.finishIn(state, now, handler, profile.department.handle);
      case 'verificationFailed':
      case 'reworkOrdered':
        return this.finishIn(state, now, handler, profile.department.rework);
      default:
        return undefined;
    }
  }

  private startWork(state: CaseState, now: number, handler: Actor): Plan | undefined {
    const { profile, random, calendar } = this.world;
    const limit = handleLimit(state);
    if (!limit) return undefined;
    if (chance(random, profile.department.suspensionShare)) {
      return plan(afterMinutes(calendar, now, limit.minutes * 0.3, limit.clock), handler, 'requestSuspension', {
        reason: '涉及产权纠纷，需协调相关单位（Ownership dispute: other parties needed）',
      });
    }
    if (chance(random, profile.department.extensionShare)) {
      return plan(afterMinutes(calendar, now, limit.minutes * 0.6, limit.clock), handler, 'requestExtension', {
        minutes: Math.max(60, Math.round(limit.minutes)),
        reason: '需采购配件 / 协调施工（Parts on order / works to coordinate）',
      });
    }
    return this.finishIn(state, now, handler, profile.department.handle);
  }

  /** Feedback after a log-normal multiple of the handling limit, on the limit's clock. */
  private finishIn(state: CaseState, now: number, handler: Actor, spread: Spread): Plan | undefined {
    const limit = handleLimit(state);
    if (!limit) return undefined;
    const minutes = Math.max(1, limit.minutes * logNormal(this.world.random, spread));
    return this.feedback(handler, afterMinutes(this.world.calendar, now, minutes, limit.clock));
  }

  private feedback(handler: Actor, at: number): Plan {
    return plan(at, handler, 'feedback', { result: this.world.random.pick(RESULTS) });
  }

  private handler(departmentId: string): Actor {
    let actor = this.handlers.get(departmentId);
    if (!actor) {
      actor = { userId: `handler-${departmentId}`, role: 'department', departmentId };
      this.handlers.set(departmentId, actor);
    }
    return actor;
  }
}
