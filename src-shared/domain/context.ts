import type { Category, TimeLimit, Urgency } from '../catalog/category-types';
import type { LonLat } from './case';
import type { Actor } from './roles';

/** A unit grid as the loop needs it: where it is and what it belongs to. */
export interface GridPlace {
  gridCode: string;
  communityCode: string;
  streetCode: string;
  centroid: LonLat;
}

/**
 * Everything `decide` needs from outside the case, passed in so that the loop stays pure:
 * the clock, who is acting, the category catalog, the calendar and the district.
 */
export interface DecideContext {
  now: Date;
  actor: Actor;
  categories: { byCode(code: string): Category | undefined };
  calendar: {
    addLimit(from: Date, limit: TimeLimit): Date;
    minutesBetween(from: Date, to: Date, clock: TimeLimit['clock']): number;
  };
  district: {
    gridByCode(code: string): GridPlace | undefined;
    locate(lon: number, lat: number): GridPlace | undefined;
    departmentExists(id: string): boolean;
  };
}

/** Urgent cases run on the 24/7 clock whatever the category's usual clock is. */
export function effectiveLimit(limit: TimeLimit, urgency: Urgency): TimeLimit {
  return urgency === 'urgent' ? { minutes: limit.minutes, clock: 'natural' } : limit;
}
