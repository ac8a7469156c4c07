import type { CaseState } from '../../../src-shared/domain/case';
import type { Stage } from '../../../src-shared/domain/stages';

/**
 * The map's colours, chosen to read on a dark globe from across a room: one hue per link of the
 * loop for case markers, urgency as size and a white ring, overdue as a pulse. Kept apart from
 * the Cesium layers so the legend and the tests use the same table.
 */
export type CaseMarkerGroup = 'intake' | 'dispatch' | 'handling' | 'verify' | 'done';

const GROUP_OF_STAGE: Record<Stage, CaseMarkerGroup> = {
  reported: 'intake',
  registered: 'dispatch',
  returned: 'dispatch',
  dispatched: 'handling',
  accepted: 'handling',
  suspended: 'handling',
  rework: 'handling',
  handled: 'verify',
  verifying: 'verify',
  verified: 'verify',
  closed: 'done',
  rejected: 'done',
  duplicate: 'done',
};

export const CASE_GROUP_COLOURS: Record<CaseMarkerGroup, string> = {
  intake: '#4fc3f7',
  dispatch: '#ffd54f',
  handling: '#ff8a65',
  verify: '#81c784',
  done: '#90a4ae',
};

export const OVERDUE_COLOUR = '#ff1744';

export function caseMarkerGroup(stage: Stage): CaseMarkerGroup {
  return GROUP_OF_STAGE[stage];
}

export interface CaseMarkerStyle {
  colour: string;
  /** Pixels. */
  size: number;
  /** Urgent cases get a white ring. */
  ring: boolean;
  pulse: boolean;
}

export function caseMarkerStyle(state: Pick<CaseState, 'stage' | 'urgency' | 'emergency'>, overdue: boolean): CaseMarkerStyle {
  const urgent = state.urgency === 'urgent' || state.emergency;
  return {
    colour: overdue ? OVERDUE_COLOUR : CASE_GROUP_COLOURS[caseMarkerGroup(state.stage)],
    size: urgent ? 15 : 11,
    ring: urgent,
    pulse: overdue,
  };
}

/** Grid fills when no heat is shown: unit (A), compound (B) and street-lane (C) grids. */
export const GRID_TYPE_FILLS = { A: 'rgba(120, 144, 156, 0.30)', B: 'rgba(79, 195, 247, 0.18)', C: 'rgba(38, 166, 154, 0.14)' } as const;
export const GRID_HIGHLIGHT = 'rgba(0, 229, 255, 0.65)';
export const GRID_OUTLINE = 'rgba(178, 235, 242, 0.45)';
export const STREET_LINE = '#ffe082';
export const COMMUNITY_LINE = 'rgba(255, 224, 130, 0.55)';
export const DISTRICT_LINE = '#ffca28';

/** Component classes by the kind code's class digits (CJ/T 214: C01 public facilities … C06 other). */
export const COMPONENT_CLASS_COLOURS: Record<string, string> = {
  C01: '#b39ddb',
  C02: '#90caf9',
  C03: '#a5d6a7',
  C04: '#66bb6a',
  C05: '#ffcc80',
  C06: '#bcaaa4',
};

export function componentColour(kindCode: string): string {
  return COMPONENT_CLASS_COLOURS[kindCode.slice(0, 3)] ?? '#e0e0e0';
}

export const CAMERA_COLOUR = '#e040fb';
export const CAMERA_WEDGE = 'rgba(224, 64, 251, 0.22)';
