import type { CaseEvent } from '../../../src-shared/domain/events';

/**
 * Camera alerts on the wall, as plain data and pure functions (unit-tested; the store keeps the
 * list, the components only render it). An alert is a camera case that arrived live: the tile
 * of its camera flashes until someone opens the case or dismisses it, or it grows old.
 */

/** An alert older than this (on the service's clock) drops off: by then it is the queue's business. */
export const ALERT_TTL_MS = 10 * 60_000;
/** A burst of detections must not bury the wall: the newest few are enough to act on. */
export const MAX_ALERTS = 30;

export interface CameraAlert {
  caseId: string;
  /** Human case number (DC20261123-00042). */
  number: string;
  cameraId: string;
  categoryCode: string;
  gridCode: string;
  /** When the service took the report in (ISO, its clock). */
  at: string;
  /** Opened or dismissed: no longer shown, but remembered so a replayed event does not raise it again. */
  acknowledged: boolean;
}

const CAMERA_ACTOR = /^camera:(.+)$/;

/**
 * The camera behind a report, or null. The case state does not keep it, but the `reported`
 * event does: the camera intake files each alert as actor `camera:<cameraId>` on channel 'camera'.
 */
export function cameraOfReport(event: CaseEvent): string | null {
  if (event.type !== 'reported' || event.payload.channel !== 'camera') return null;
  return CAMERA_ACTOR.exec(event.actor.userId)?.[1] ?? null;
}

/** The alerts a batch of events raises (camera reports only; everything else is not an alert). */
export function alertsIn(events: readonly CaseEvent[]): CameraAlert[] {
  return events.flatMap((event) => {
    const cameraId = cameraOfReport(event);
    if (!cameraId || event.type !== 'reported') return [];
    const { number, categoryCode, place } = event.payload;
    return [{ caseId: event.caseId, number, cameraId, categoryCode, gridCode: place.gridCode, at: event.at, acknowledged: false }];
  });
}

function fresh(alert: CameraAlert, nowMs: number): boolean {
  return nowMs - Date.parse(alert.at) < ALERT_TTL_MS;
}

/**
 * The list after new arrivals: a case raises one alert however often its event is replayed
 * (a resync delivers it again), stale ones drop off (an old event caught up after a reconnect is
 * not news), newest first, at most MAX_ALERTS.
 */
export function withArrivals(current: readonly CameraAlert[], arrivals: readonly CameraAlert[], nowMs: number): CameraAlert[] {
  const known = new Set(current.map((a) => a.caseId));
  const added: CameraAlert[] = [];
  for (const a of arrivals) {
    if (known.has(a.caseId)) continue;
    known.add(a.caseId);
    added.push(a);
  }
  return [...added, ...current]
    .filter((a) => fresh(a, nowMs))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_ALERTS);
}

/** Drops alerts that grew old (called on a timer). Returns the same array when nothing changed. */
export function expire(current: readonly CameraAlert[], nowMs: number): readonly CameraAlert[] {
  const kept = current.filter((a) => fresh(a, nowMs));
  return kept.length === current.length ? current : kept;
}

/** Opened or dismissed: the flash stops. */
export function acknowledge(current: readonly CameraAlert[], caseId: string): CameraAlert[] {
  return current.map((a) => (a.caseId === caseId ? { ...a, acknowledged: true } : a));
}

export interface PlacedAlerts {
  /** Per visible tile: the newest open alert of the camera on it, or null. */
  byTile: (CameraAlert | null)[];
  /** Open alerts of cameras not on a visible tile, newest first: the toolbar lists them. */
  offWall: CameraAlert[];
}

/** Which open alerts a tile shows and which the wall lists apart. `visible` = camera ids of the visible tiles. */
export function placeAlerts(alerts: readonly CameraAlert[], visible: readonly (string | null)[]): PlacedAlerts {
  const open = alerts.filter((a) => !a.acknowledged);
  const newestOf = new Map<string, CameraAlert>();
  for (const a of open) {
    const seen = newestOf.get(a.cameraId);
    if (!seen || Date.parse(a.at) > Date.parse(seen.at)) newestOf.set(a.cameraId, a);
  }
  const onWall = new Set(visible.filter((id): id is string => id !== null));
  return {
    byTile: visible.map((id) => (id ? (newestOf.get(id) ?? null) : null)),
    offWall: open.filter((a) => !onWall.has(a.cameraId)),
  };
}
