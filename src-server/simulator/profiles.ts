import type { Satisfaction } from '../../src-shared/domain/case';
import type { Delay, Spread } from './draws';

/**
 * How a district behaves: rates and delay distributions of the centre, the departments and
 * the supervisors. Targets come from shared/data/calibration.md ("Outcome rates"); where no
 * source gives the figure (most delays, the spreads, the call-back outcomes) the value is our
 * *suggested* inference, marked as such.
 *
 * Handling time is drawn as a multiple of the category's own handling limit, on the limit's
 * clock: sanitation kinds (4 working hours) then take an hour or two, component repairs
 * (1–5 working days) take days, and the on-time rate is set by the profile, not by the
 * catalog: P(late) ≈ P(multiple > 1) plus the time to sign.
 */
export interface Profile {
  name: 'mature' | 'struggling';
  intake: {
    /** Report → register / reject. */
    delay: Delay;
    urgentDelay: Delay;
    /** Share of reports rejected (not real, out of scope, wrong place). */
    rejectShare: number;
  };
  dispatch: {
    delay: Delay;
    urgentDelay: Delay;
    /** Share of dispatches to the wrong department: it returns them (回退). */
    misrouteShare: number;
  };
  department: {
    /** Dispatch → signed for (the handler sees it on the terminal). */
    signDelay: Delay;
    /** Handling time as a multiple of the category's handling limit. */
    handle: Spread;
    /** Rework after a failed check, as a multiple of the limit (smaller: the crew knows the site). */
    rework: Spread;
    /** Dispatch → return, for a case that is not theirs. */
    returnDelay: Delay;
    extensionShare: number;
    suspensionShare: number;
  };
  decisions: {
    /** Request → the dispatcher's decision on an extension or a suspension. */
    delay: Delay;
    extensionGrantShare: number;
    suspensionGrantShare: number;
    /** How long a granted suspension lasts before the dispatcher resumes it. */
    suspendedFor: Delay;
  };
  verification: {
    /** Fed back → sent to a supervisor to check. */
    sendDelay: Delay;
    /** Sent → checked on site (working clock: patrols). */
    checkDelay: Delay;
    failShare: number;
    /** Check passed → closed. */
    closeDelay: Delay;
  };
  callBack: {
    /** Share of closed cases with a citizen to call (hotline, app) that get a call-back. */
    shareWithContact: number;
    /** Share of the others (supervisor / camera reports) where residents nearby are asked. *Suggested*. */
    shareWithoutContact: number;
    delay: Delay;
    outcomes: Readonly<Record<Satisfaction, number>>;
  };
}

const minutes = (medianMinutes: number, sigma: number, clock: Delay['clock'] = 'natural'): Delay => ({ medianMinutes, sigma, clock });

/**
 * Fuzhou-like (Fuzhou 2022/2024, Huzhou): closure 99.8–99.99 %, on time 99.3–99.9 %, rework
 * 0.05–0.5 %, extensions 0.02–0.2 %. Reject share ≈ 3 % (Tianmen: 996 of 1,054 registered,
 * 5.5 %; *suggested* lower in a mature district).
 */
export const MATURE: Profile = {
  name: 'mature',
  intake: { delay: minutes(6, 0.5), urgentDelay: minutes(2, 0.4), rejectShare: 0.03 },
  // Register + dispatch within 30 min (10 urgent): a mature centre keeps well inside. *Suggested* delays.
  dispatch: { delay: minutes(8, 0.5), urgentDelay: minutes(2, 0.4), misrouteShare: 0.01 },
  department: {
    signDelay: minutes(15, 0.6), // *suggested*
    handle: { median: 0.25, sigma: 0.45 }, // *suggested*: P(multiple > 1) ≈ 0.1 %, ~99.5 % on time with signing
    rework: { median: 0.15, sigma: 0.4 },
    returnDelay: minutes(20, 0.6),
    extensionShare: 0.001, // published 0.02–0.2 %
    suspensionShare: 0.0005, // *suggested*
  },
  decisions: { delay: minutes(20, 0.5), extensionGrantShare: 0.8, suspensionGrantShare: 0.7, suspendedFor: minutes(3 * 24 * 60, 0.6) },
  verification: {
    sendDelay: minutes(5, 0.5),
    checkDelay: minutes(25, 0.5, 'working'), // limit: 1 working hour
    failShare: 0.003, // rework 0.05–0.5 %
    closeDelay: minutes(5, 0.5),
  },
  callBack: {
    shareWithContact: 0.8,
    shareWithoutContact: 0.05,
    delay: minutes(3 * 60, 0.7, 'working'),
    // *Suggested*: rated public cases 94–99 % satisfied among those reached; some not reachable.
    outcomes: { satisfied: 0.78, basic: 0.14, dissatisfied: 0.03, unreachable: 0.05 },
  },
};

/**
 * Zhengzhou-like (a 2019 week): closure 83 %, on time 77 %, rework 0.5–1.5 %; Tianmen 2016: on
 * time 75.8 %. Slower desks, more mis-routes and requests, longer handling, lower satisfaction
 * (71 % with the handling unit in one city; Dongcheng 2018: 46–52 %).
 */
export const STRUGGLING: Profile = {
  name: 'struggling',
  intake: { delay: minutes(20, 0.8), urgentDelay: minutes(6, 0.6), rejectShare: 0.05 },
  dispatch: { delay: minutes(30, 0.8), urgentDelay: minutes(8, 0.6), misrouteShare: 0.04 },
  department: {
    signDelay: minutes(40, 0.9), // *suggested*
    handle: { median: 0.45, sigma: 0.65 }, // *suggested*: ≈ 11 % over the limit, plus slow signing → ~77 % on time
    rework: { median: 0.4, sigma: 0.6 },
    returnDelay: minutes(120, 0.8),
    extensionShare: 0.01, // the brief's ~1 %
    suspensionShare: 0.002, // the brief's ~0.2 %
  },
  decisions: { delay: minutes(120, 0.8), extensionGrantShare: 0.6, suspensionGrantShare: 0.6, suspendedFor: minutes(7 * 24 * 60, 0.8) },
  verification: {
    sendDelay: minutes(20, 0.8),
    checkDelay: minutes(45, 0.8, 'working'),
    failShare: 0.012, // rework 0.5–1.5 %
    closeDelay: minutes(20, 0.8),
  },
  callBack: {
    shareWithContact: 0.7,
    shareWithoutContact: 0.03,
    delay: minutes(6 * 60, 0.8, 'working'),
    // *Suggested*: satisfaction with the handling unit ≈ 70 % of those reached.
    outcomes: { satisfied: 0.5, basic: 0.2, dissatisfied: 0.15, unreachable: 0.15 },
  },
};

export const PROFILES = { mature: MATURE, struggling: STRUGGLING } as const;
export type ProfileName = keyof typeof PROFILES;
