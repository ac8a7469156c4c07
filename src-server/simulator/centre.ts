import { resolveLeadDepartment } from '../../src-shared/catalog/categories';
import { isDistrictDepartmentId, streetOfficeId } from '../../src-shared/catalog/departments';
import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { Actor } from '../../src-shared/domain/roles';
import type { UnitGrid } from '../../src-shared/district/types';
import { after, chance, pickWeighted } from './draws';
import { actorsOf, categoryOf, isEmergency, plan, type Plan, type Reactor, type World } from './plan';

/** Why intake rejects a report (a reason is always given: calibration "say who rejected and why"). */
const REJECT_REASONS = [
  '现场核实无此问题（Nothing found on site）',
  '不属于城市管理受理范围，已告知转有关单位（Out of scope; referred）',
  '上报位置有误，请重新上报（Wrong location; please report again）',
  '照片与描述不符（Photo does not match the description）',
];

/**
 * The two centres, when the demo runs them (option `centre`): intake operators register or
 * reject, send to verify, close and call back; dispatchers (the duty officer for urgent cases)
 * dispatch, re-dispatch returns and decide requests. Acts on every case, the humans' too.
 */
export class Centre implements Reactor {
  private readonly intake: Actor[];
  private readonly dispatchers: Actor[];
  private readonly duty: Actor[];
  private readonly grids = new Map<string, UnitGrid>();
  private readonly departments: Set<string>;

  constructor(private readonly world: World) {
    this.intake = actorsOf(world.district, 'intake', 'intake-1');
    this.dispatchers = actorsOf(world.district, 'dispatcher', 'dispatcher-1');
    this.duty = actorsOf(world.district, 'duty', 'duty-1');
    for (const g of world.district.grids) this.grids.set(g.code, g);
    this.departments = new Set(world.district.departments.map((d) => d.id));
  }

  react(event: CaseEvent, state: CaseState): Plan | undefined {
    const { profile, random, calendar } = this.world;
    const now = Date.parse(event.at);
    const urgent = isEmergency(state);
    switch (event.type) {
      case 'reported':
      case 'unlinkedDuplicate': {
        if (state.stage !== 'reported') return undefined; // linked as a duplicate at intake
        const at = after(random, calendar, now, urgent ? profile.intake.urgentDelay : profile.intake.delay);
        const operator = random.pick(this.intake);
        if (!urgent && chance(random, profile.intake.rejectShare)) return plan(at, operator, 'reject', { reason: random.pick(REJECT_REASONS) });
        return plan(at, operator, 'register', {});
      }
      case 'registered':
      case 'routedToEmergency':
        return this.dispatch(state, now, chance(random, profile.dispatch.misrouteShare));
      case 'returned':
        return this.dispatch(state, now, false);
      case 'extensionRequested': {
        const granted = chance(random, profile.decisions.extensionGrantShare);
        return plan(after(random, calendar, now, profile.decisions.delay), this.desk(state), 'decideExtension', {
          granted,
          ...(granted ? {} : { reason: '时限内可完成，请加快处置（Can be done in time: please hurry）' }),
        });
      }
      case 'suspensionRequested': {
        const granted = chance(random, profile.decisions.suspensionGrantShare);
        return plan(after(random, calendar, now, profile.decisions.delay), this.desk(state), 'decideSuspension', {
          granted,
          ...(granted ? {} : { reason: '不符合挂账条件，请继续处置（Not a case for suspension: carry on）' }),
        });
      }
      case 'suspensionGranted':
        return plan(after(random, calendar, now, profile.decisions.suspendedFor), this.desk(state), 'resume', { note: '条件具备，恢复办理（Conditions met: resume）' });
      case 'handled':
        return plan(after(random, calendar, now, profile.verification.sendDelay), random.pick(this.intake), 'sendToVerify', {
          supervisorId: this.grids.get(state.place.gridCode)?.supervisorId,
        });
      case 'verificationPassed':
        return plan(after(random, calendar, now, profile.verification.closeDelay), random.pick(this.intake), 'close', {});
      case 'closed':
        return this.callBack(state, now);
      default:
        return undefined;
    }
  }

  /** Urgent cases go to the duty officer's desk: the dispatcher would be refused (EMERGENCY_ROUTE). */
  private desk(state: CaseState): Actor {
    return this.world.random.pick(isEmergency(state) ? this.duty : this.dispatchers);
  }

  private dispatch(state: CaseState, now: number, misroute: boolean): Plan | undefined {
    const { profile, random, calendar } = this.world;
    const category = categoryOf(state);
    if (!category) return undefined;
    const urgent = isEmergency(state);
    const right = resolveLeadDepartment(category, state.place.streetCode);
    const lead = misroute && !urgent ? this.wrongDepartment(right, state.place.streetCode) : right;
    return plan(after(random, calendar, now, urgent ? profile.dispatch.urgentDelay : profile.dispatch.delay), this.desk(state), 'dispatch', {
      leadDepartmentId: lead,
    });
  }

  /** The usual confusion: the street office for a district department's job, and the law-enforcement bureau for a street's. */
  private wrongDepartment(right: string, streetCode: string): string {
    const wrong = isDistrictDepartmentId(right) ? streetOfficeId(streetCode) : 'urban-law';
    return this.departments.has(wrong) && wrong !== right ? wrong : right;
  }

  private callBack(state: CaseState, now: number): Plan | undefined {
    const { profile, random, calendar } = this.world;
    const share = state.hasReporterContact ? profile.callBack.shareWithContact : profile.callBack.shareWithoutContact;
    if (state.evaluation || !chance(random, share)) return undefined;
    const satisfaction = pickWeighted(random, profile.callBack.outcomes);
    return plan(after(random, calendar, now, profile.callBack.delay), random.pick(this.intake), 'evaluate', {
      satisfaction,
      ...(satisfaction === 'unreachable' ? { note: '三次回访未接通（No answer after three calls）' } : {}),
    });
  }
}
