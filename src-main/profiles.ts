import { z } from 'zod';
import { DESK_VIEWS, type DeskView } from './desk-views';
import { clampInto, column, orderDisplays, type DeskDisplay, type Rect } from './displays';

/**
 * Workstation profiles and the window plan: which view opens on which display, with which
 * bounds. Pure: displays and the remembered arrangement in, a list of windows out.
 */
export const PROFILE_IDS = ['dispatcher', 'wall', 'duty', 'single'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** `desk`: an ordinary window filling a work area; `wall`: full-screen kiosk, no chrome. */
export type WindowKind = 'desk' | 'wall';

export interface ProfileSlot {
  view: DeskView;
  /** Opened only when a display is free for it (extra screens of a wall); never squeezed in. */
  ownDisplayOnly?: boolean;
}

export interface Profile {
  id: ProfileId;
  label: string;
  kind: WindowKind;
  slots: readonly ProfileSlot[];
}

export const PROFILES: Record<ProfileId, Profile> = {
  dispatcher: {
    id: 'dispatcher',
    label: '调度席 Dispatcher desk',
    kind: 'desk',
    slots: [{ view: 'queue' }, { view: 'map' }, { view: 'video' }],
  },
  wall: {
    id: 'wall',
    label: '大屏 Big-screen wall',
    kind: 'wall',
    slots: [{ view: 'wall' }, { view: 'kpi', ownDisplayOnly: true }, { view: 'map', ownDisplayOnly: true }],
  },
  duty: {
    id: 'duty',
    label: '值班席 Duty officer',
    kind: 'desk',
    slots: [{ view: 'duty' }, { view: 'map' }, { view: 'video' }],
  },
  single: {
    id: 'single',
    label: '单屏 Single display',
    kind: 'desk',
    // One window; the view tabs of the page switch between views.
    slots: [{ view: 'queue' }],
  },
};

/** The configured profile, or the natural one for the displays present. */
export function chooseProfile(configured: ProfileId | undefined, displayCount: number): ProfileId {
  if (configured) return configured;
  return displayCount >= 2 ? 'dispatcher' : 'single';
}

/** Where the user put a view, remembered per profile and display set. */
export const arrangedWindowSchema = z.object({
  view: z.enum(DESK_VIEWS),
  displayId: z.number().int(),
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
});
export type ArrangedWindow = z.infer<typeof arrangedWindowSchema>;
export type Arrangement = readonly ArrangedWindow[];

export interface WindowPlan {
  view: DeskView;
  kind: WindowKind;
  displayId: number;
  bounds: Rect;
}

/**
 * One window per slot of the profile, filling the displays in order (primary first). With fewer
 * displays than slots, slot i goes to display i mod N and windows sharing a display split it into
 * columns; `ownDisplayOnly` slots are left out instead. A remembered arrangement wins for the
 * views it names whose display is present (clamped into it); views it adds beyond the profile
 * (opened from the tray) come back too.
 */
export function planWindows(
  profileId: ProfileId,
  displays: readonly DeskDisplay[],
  options: { primaryId?: number; arrangement?: Arrangement } = {},
): WindowPlan[] {
  const ordered = orderDisplays(displays, options.primaryId);
  if (ordered.length === 0) return [];
  const profile = PROFILES[profileId];
  const slots = profile.slots.filter((slot, i) => !slot.ownDisplayOnly || i < ordered.length);

  const byDisplay = new Map<number, DeskView[]>();
  const placed = slots.map((slot, i) => {
    const display = ordered[i % ordered.length] as DeskDisplay;
    const views = byDisplay.get(display.id) ?? [];
    views.push(slot.view);
    byDisplay.set(display.id, views);
    return { view: slot.view, display };
  });

  const plans: WindowPlan[] = placed.map(({ view, display }) => {
    const sharing = byDisplay.get(display.id) ?? [view];
    const bounds = profile.kind === 'wall' ? display.bounds : column(display.workArea, sharing.indexOf(view), sharing.length);
    return { view, kind: profile.kind, displayId: display.id, bounds };
  });

  for (const arranged of options.arrangement ?? []) {
    const display = displays.find((d) => d.id === arranged.displayId);
    if (!display) continue;
    const existing = plans.find((p) => p.view === arranged.view);
    const kind = existing?.kind ?? 'desk';
    const bounds = kind === 'wall' ? display.bounds : clampInto(arranged.bounds, display.workArea);
    if (existing) Object.assign(existing, { displayId: display.id, bounds });
    else plans.push({ view: arranged.view, kind, displayId: display.id, bounds });
  }
  return plans;
}
