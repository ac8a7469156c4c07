import type { WorkingCalendar } from '../../../src-shared/calendar';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import { linkRound } from '../../../src-shared/domain/alarms';
import type { CaseState } from '../../../src-shared/domain/case';
import { currentLink } from '../../../src-shared/domain/rules';
import { LINKS, type Link } from '../../../src-shared/domain/stages';

/**
 * One row per time-limited link (立案/派遣/处置/核查): its deadline and how it stands. The
 * current link's remaining time and share are counted on the link's own clock (working minutes
 * or 24/7), the same calendar the service's deadline watcher uses.
 */
export type DeadlineStatus = 'current' | 'done' | 'doneLate' | 'waiting' | 'suspended';

/** ok ≥ 20 % of the allowed time left (the reminder fires at 80 % elapsed), warn below, over past the deadline. */
export type DeadlineTone = 'ok' | 'warn' | 'over' | 'none';

export interface DeadlineRow {
  link: Link;
  deadline?: string;
  status: DeadlineStatus;
  /** Current or suspended link: clock minutes left (negative when overdue). */
  remainingMinutes?: number;
  /** Current link: share of the allowed time left (≤ 0 when overdue). */
  share?: number;
  tone: DeadlineTone;
}

const DONE_AT: Record<Link, keyof CaseState> = { register: 'registeredAt', dispatch: 'dispatchedAt', handle: 'handledAt', verify: 'verifiedAt' };

export function toneOf(share: number | undefined): DeadlineTone {
  if (share === undefined) return 'none';
  if (share <= 0) return 'over';
  return share < 0.2 ? 'warn' : 'ok';
}

export function deadlineRows(state: CaseState, now: Date, calendar: WorkingCalendar): DeadlineRow[] {
  const running = currentLink(state.stage);
  const category = categoryByCode(state.categoryCode);
  return LINKS.map((link): DeadlineRow => {
    const deadline = state.deadlines[link];
    const base = deadline ? { link, deadline } : { link };
    if (state.stage === 'suspended' && link === 'handle' && state.suspendedFrom) {
      return { ...base, status: 'suspended', remainingMinutes: state.suspendedFrom.remainingMinutes, tone: 'none' };
    }
    if (link === running && deadline && category) {
      const round = linkRound(state, link, { calendar, category });
      const clock = round?.clock ?? category.limits[link].clock;
      const startedAt = round?.startedAt ?? now;
      const due = new Date(deadline);
      const left = now <= due ? calendar.minutesBetween(now, due, clock) : -calendar.minutesBetween(due, now, clock);
      const share = calendar.remainingShare(now, startedAt, due, clock);
      // Past the deadline the share is ≤ 0 even when no working minute has passed yet (a night).
      const s = now > due ? Math.min(share, 0) : share;
      return { ...base, status: 'current', remainingMinutes: left, share: s, tone: toneOf(s) };
    }
    const doneAt = state[DONE_AT[link]];
    if (typeof doneAt === 'string' || (deadline && link !== running && LINKS.indexOf(link) < LINKS.indexOf(running ?? 'verify'))) {
      return { ...base, status: state.late[link] ? 'doneLate' : 'done', tone: state.late[link] ? 'over' : 'none' };
    }
    return { ...base, status: 'waiting', tone: 'none' };
  });
}
