import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Role } from '../../../src-shared/domain/roles';

/**
 * The last word said about the case that the next person to act must read before acting, taken
 * from its trail: why it came back (回退原因), why more time or a pause was asked for and what
 * was decided, and why the check on site failed (核查未通过). Shown beside the action bar, so a
 * dispatcher re-dispatching a returned case or a department reworking one sees the reason first.
 */
export type LatestWordKind = 'returned' | 'extension' | 'suspension' | 'checkFailed' | 'reworkOrdered';

export interface Speaker {
  userId: string;
  role: Role;
  departmentId?: string;
}

export interface LatestWord {
  kind: LatestWordKind;
  by: Speaker;
  at: string;
  /** What they said; absent when nothing was written (a check failed without a note). */
  text?: string;
  /** returned: the department that sent it back. */
  departmentId?: string;
  /** extension / suspension: pending until decided, then granted or refused, by whom and why. */
  decision?: { outcome: 'pending' | 'granted' | 'refused'; by?: Speaker; at?: string; reason?: string; handleDeadline?: string };
  /** extension: the minutes asked for. */
  minutes?: number;
}

function speaker(e: CaseEvent): Speaker {
  return { userId: e.actor.userId, role: e.actor.role, ...(e.actor.departmentId ? { departmentId: e.actor.departmentId } : {}) };
}

function withText(word: LatestWord, text: string | undefined): LatestWord {
  return text ? { ...word, text } : word;
}

/**
 * At most one word per question (why returned, why asked for time, why the check failed), the
 * newest first. A failed check is dropped once a later check passed: the rework it asked for is done.
 */
export function latestWords(events: readonly CaseEvent[]): LatestWord[] {
  let returned: LatestWord | undefined;
  let request: LatestWord | undefined;
  let check: LatestWord | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'returned':
        returned = withText({ kind: 'returned', by: speaker(e), at: e.at, departmentId: e.payload.departmentId }, e.payload.reason);
        break;
      case 'extensionRequested':
        request = { kind: 'extension', by: speaker(e), at: e.at, text: e.payload.reason, minutes: e.payload.minutes, decision: { outcome: 'pending' } };
        break;
      case 'suspensionRequested':
        request = { kind: 'suspension', by: speaker(e), at: e.at, text: e.payload.reason, decision: { outcome: 'pending' } };
        break;
      case 'extensionGranted':
        if (request?.kind === 'extension') request = { ...request, decision: { outcome: 'granted', by: speaker(e), at: e.at, handleDeadline: e.payload.handleDeadline } };
        break;
      case 'suspensionGranted':
        if (request?.kind === 'suspension') request = { ...request, decision: { outcome: 'granted', by: speaker(e), at: e.at } };
        break;
      case 'extensionRefused':
      case 'suspensionRefused':
        if (request?.kind === (e.type === 'extensionRefused' ? 'extension' : 'suspension')) {
          const reason = e.payload.reason;
          request = { ...request, decision: { outcome: 'refused', by: speaker(e), at: e.at, ...(reason ? { reason } : {}) } };
        }
        break;
      case 'verificationFailed':
        check = withText({ kind: 'checkFailed', by: speaker(e), at: e.at }, e.payload.note);
        break;
      case 'reworkOrdered':
        check = withText({ kind: 'reworkOrdered', by: speaker(e), at: e.at }, e.payload.reason);
        break;
      case 'verificationPassed':
        check = undefined;
        break;
      default:
        break;
    }
  }
  return [returned, request, check].filter((w): w is LatestWord => w !== undefined).sort((a, b) => b.at.localeCompare(a.at));
}
