import type { BilingualText } from '../i18n-text';
import type { DepartmentId } from './departments';

export type Urgency = 'normal' | 'urgent';

/**
 * A time limit as the city's rules state it: in working minutes (the working-hours
 * calendar applies) or in natural minutes (24/7, used for urgent work).
 */
export interface TimeLimit {
  minutes: number;
  clock: 'working' | 'natural';
}

/** The loop level that normally solves a case: community (micro), street (small), district (big). */
export type LoopLevel = 'community' | 'street' | 'district';

export type CaseKind = 'component' | 'event';

/** One sub-kind of the national classification (CJ/T 214): a component kind or an event kind. */
export interface Category {
  /** Stable code: 'C' or 'E' + 2-digit major class + 2-digit sub-kind, e.g. 'C0101', 'E0103'. */
  code: string;
  kind: CaseKind;
  /** 2-digit major class, e.g. '01'. */
  classCode: string;
  className: BilingualText;
  name: BilingualText;
  /** Department that leads by default; `street` means the street office of the case's street. */
  leadDepartment: DepartmentId | 'street';
  urgency: Urgency;
  level: LoopLevel;
  limits: {
    register: TimeLimit;
    dispatch: TimeLimit;
    handle: TimeLimit;
    verify: TimeLimit;
  };
  /**
   * Time to be on site, where a rule sets one apart from the handling limit (e.g. open-air
   * barbecue: on site within 1 h, done within 2 h). Absent: no separate rule. Kept outside
   * `limits` so code iterating the four loop links is unaffected.
   */
  arriveLimit?: TimeLimit;
  /** Where the handling limit comes from: a published city rule, or our suggestion (labelled as such). */
  limitSource: 'published' | 'suggested';
}
