import type { CaseState } from '../../../src-shared/domain/case';
import { TERMINAL_STAGES } from '../../../src-shared/domain/stages';

/**
 * Heat mode: the grids coloured by a count of their cases. Pure, so the map, the wall and the
 * tests compute it the same way. Counts are recomputed from the window's replica (10,000 cases
 * take a few milliseconds); only grids whose colour class changed are repainted.
 */
export const HEAT_MEASURES = ['none', 'open', 'overdue', 'reportedToday'] as const;
export type HeatMeasure = (typeof HEAT_MEASURES)[number];

/** Five classes from cool to hot; class 0 = no case (the grid keeps its plain colour). */
export const HEAT_COLOURS = ['#fff3c4', '#ffc46b', '#ff8a3d', '#e8452c', '#a3001e'] as const;

export interface HeatInputs {
  now: number;
  /** Whether the open case is past the deadline of its current link (the queue's own rule). */
  isOverdue: (state: CaseState) => boolean;
}

const DAY_MS = 86_400_000;

/** Whether a case counts for a measure. */
export function countsFor(measure: HeatMeasure, state: CaseState, inputs: HeatInputs): boolean {
  const open = !TERMINAL_STAGES.includes(state.stage);
  switch (measure) {
    case 'none':
      return false;
    case 'open':
      return open;
    case 'overdue':
      return open && inputs.isOverdue(state);
    case 'reportedToday':
      return inputs.now - Date.parse(state.reportedAt) < DAY_MS && Date.parse(state.reportedAt) <= inputs.now;
  }
}

/** Cases per grid for a measure (grids with none are absent). */
export function gridCounts(cases: Iterable<CaseState>, measure: HeatMeasure, inputs: HeatInputs): Map<string, number> {
  const counts = new Map<string, number>();
  if (measure === 'none') return counts;
  for (const state of cases) {
    if (countsFor(measure, state, inputs)) counts.set(state.place.gridCode, (counts.get(state.place.gridCode) ?? 0) + 1);
  }
  return counts;
}

/**
 * Upper bounds of the classes 1…5 for the counts seen: 1 is always its own class (a grid with
 * one case is not "hot"), the rest split the range up to the maximum evenly, so the legend
 * reads "1 · 2–3 · 4–6 · 7–9 · 10–12" for a maximum of 12 and never shows empty duplicates.
 */
export function heatBreaks(counts: ReadonlyMap<string, number>): number[] {
  let max = 0;
  for (const n of counts.values()) max = Math.max(max, n);
  if (max <= 1) return max === 1 ? [1] : [];
  const breaks = [1];
  const rest = HEAT_COLOURS.length - 1;
  for (let k = 1; k <= rest; k++) {
    const bound = 1 + Math.ceil(((max - 1) * k) / rest);
    if (bound > (breaks[breaks.length - 1] ?? 0)) breaks.push(bound);
  }
  return breaks;
}

/** The class of a count: 0 for none, else 1…breaks.length. */
export function heatClass(count: number, breaks: readonly number[]): number {
  if (count <= 0) return 0;
  for (let i = 0; i < breaks.length; i++) if (count <= (breaks[i] ?? 0)) return i + 1;
  return breaks.length;
}

/** Legend rows: "2–3" and its colour, for each class in use. */
export function heatLegend(breaks: readonly number[]): { label: string; colour: string }[] {
  return breaks.map((upper, i) => {
    const lower = i === 0 ? 1 : (breaks[i - 1] ?? 0) + 1;
    return { label: lower === upper ? String(upper) : `${lower}–${upper}`, colour: colourOfClass(i + 1, breaks.length) };
  });
}

/** Spreads the classes in use over the whole ramp, so two classes are yellow and dark red, not two yellows. */
export function colourOfClass(cls: number, classes: number): string {
  if (cls <= 0 || classes <= 0) return 'transparent';
  const index = classes === 1 ? 2 : Math.round(((cls - 1) * (HEAT_COLOURS.length - 1)) / (classes - 1));
  return HEAT_COLOURS[index] ?? '#a3001e';
}
