import { resolveLeadDepartment } from '../catalog/categories';
import type { Category, LoopLevel, TimeLimit, Urgency } from '../catalog/category-types';
import type { DepartmentId } from '../catalog/departments';
import type { BilingualText } from '../i18n-text';
import type { CasePlace } from './case';
import { effectiveLimit } from './context';

/**
 * The dispatcher's suggestion for a case: who leads, at which loop level it should be solved,
 * which desk dispatches it, and the handling deadline if it were dispatched now. Pure: the
 * same rules `decide` applies at dispatch, so the deadline shown is the one the case will get.
 */

/** Micro loop (微循环) stays in the community, small loop (小循环) in the street, big loop (大循环) at district level. */
export type Loop = 'micro' | 'small' | 'big';

export const LOOP_OF_LEVEL: Readonly<Record<LoopLevel, Loop>> = { community: 'micro', street: 'small', district: 'big' };

export const LOOP_NAMES: Readonly<Record<Loop, BilingualText>> = {
  micro: { zh: '微循环（社区内解决）', en: 'Micro loop (solved in the community)' },
  small: { zh: '小循环（街道协调）', en: 'Small loop (the street coordinates)' },
  big: { zh: '大循环（区级部门）', en: 'Big loop (district department)' },
};

/** The unit that owns the solution at that level: the community or street by code, or the district. */
export type LoopOwner = { level: 'community'; communityCode: string } | { level: 'street'; streetCode: string } | { level: 'district' };

export interface RoutingSuggestion {
  categoryCode: string;
  leadDepartmentId: DepartmentId;
  loop: Loop;
  loopName: BilingualText;
  owner: LoopOwner;
  /** Urgent and emergency cases go to the emergency-linkage duty officer, the others to the dispatcher. */
  desk: 'duty' | 'dispatcher';
  /** The handling limit as it will run (urgent → natural clock). */
  handleLimit: TimeLimit;
  /** ISO instant: the handle deadline if dispatched at `now`. */
  handleDeadline: string;
}

export interface RoutingCase {
  place: Pick<CasePlace, 'streetCode' | 'communityCode'>;
  urgency: Urgency;
  emergency: boolean;
}

function ownerAt(level: LoopLevel, place: RoutingCase['place']): LoopOwner {
  if (level === 'community') return { level, communityCode: place.communityCode };
  if (level === 'street') return { level, streetCode: place.streetCode };
  return { level };
}

/**
 * Suggests the routing of a case under `category` (its own, or one it may be re-categorised to).
 * Throws a RangeError when a street office should lead and the case's street code is invalid.
 */
export function suggestRouting(
  kase: RoutingCase,
  category: Category,
  calendar: { addLimit(from: Date, limit: TimeLimit): Date },
  now: Date,
): RoutingSuggestion {
  const loop = LOOP_OF_LEVEL[category.level];
  // As `decide`: a case on the emergency route is handled on the 24/7 clock.
  const handleLimit = effectiveLimit(category.limits.handle, kase.emergency ? 'urgent' : kase.urgency);
  return {
    categoryCode: category.code,
    leadDepartmentId: resolveLeadDepartment(category, kase.place.streetCode),
    loop,
    loopName: LOOP_NAMES[loop],
    owner: ownerAt(category.level, kase.place),
    desk: kase.emergency || kase.urgency === 'urgent' ? 'duty' : 'dispatcher',
    handleLimit,
    handleDeadline: calendar.addLimit(now, handleLimit).toISOString(),
  };
}
