import { describe, expect, it } from 'vitest';
import { decide, type Actor, type CaseEvent } from '../../../src-shared/domain';
import {
  acknowledge,
  ALERT_TTL_MS,
  alertsIn,
  cameraOfReport,
  expire,
  MAX_ALERTS,
  placeAlerts,
  withArrivals,
  type CameraAlert,
} from '../../../src-renderer/features/video/camera-alerts';
import { ACTORS, commandId, context, GRID_A, T0, VALID_PAYLOADS } from '../domain/fixtures';

/** A report as the service decides it (the same `decide` the camera intake goes through). */
function reportEvents(caseId: string, actor: Actor, channel: string, at: Date = T0): CaseEvent[] {
  const payload = { ...VALID_PAYLOADS.report, channel, number: `DC-${caseId}` };
  const decision = decide(null, { commandId: commandId(), caseId, type: 'report', payload }, context(actor, at));
  if (!decision.ok) throw new Error(decision.code);
  return decision.events;
}
const camera = (id: string): Actor => ({ userId: `camera:${id}`, role: 'system' });
const alert = (caseId: string, cameraId: string, at: Date): CameraAlert => ({
  caseId, number: `DC-${caseId}`, cameraId, categoryCode: 'E0101', gridCode: GRID_A.gridCode, at: at.toISOString(), acknowledged: false,
});
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('camera alerts', () => {
  it('takes the camera from the camera intake’s report, and nothing from other reports or events', () => {
    const [reported] = reportEvents('case-1', camera('cam-0007'), 'camera');
    expect(reported && cameraOfReport(reported)).toBe('cam-0007');
    expect(alertsIn(reportEvents('case-1', camera('cam-0007'), 'camera'))).toEqual([
      { caseId: 'case-1', number: 'DC-case-1', cameraId: 'cam-0007', categoryCode: 'E0101', gridCode: GRID_A.gridCode, at: T0.toISOString(), acknowledged: false },
    ]);
    // A supervisor's patrol report, a system report on the camera channel without a camera, a later event.
    expect(alertsIn(reportEvents('case-2', ACTORS.supervisor, 'patrol'))).toEqual([]);
    expect(alertsIn(reportEvents('case-3', ACTORS.system, 'camera'))).toEqual([]);
    expect(alertsIn(reportEvents('case-4', camera('cam-0001'), 'patrol'))).toEqual([]);
    const later = { ...(reported as CaseEvent), type: 'registered' } as unknown as CaseEvent;
    expect(cameraOfReport(later)).toBeNull();
  });

  it('raises a case once however often its event comes, newest first, and never a stale one', () => {
    const now = minutes(1).getTime();
    let list = withArrivals([], [alert('a', 'cam-1', T0)], now);
    list = withArrivals(list, [alert('b', 'cam-2', minutes(1)), alert('a', 'cam-1', T0)], now);
    expect(list.map((a) => a.caseId)).toEqual(['b', 'a']);
    // A resync replays 'a' after it was dismissed: it stays dismissed.
    list = withArrivals(acknowledge(list, 'a'), [alert('a', 'cam-1', T0)], now);
    expect(list.find((a) => a.caseId === 'a')?.acknowledged).toBe(true);
    // An event caught up after a long disconnect is not news.
    expect(withArrivals([], [alert('old', 'cam-1', T0)], T0.getTime() + ALERT_TTL_MS)).toEqual([]);
    const burst = Array.from({ length: MAX_ALERTS + 5 }, (_, i) => alert(`c${i}`, `cam-${i}`, new Date(T0.getTime() + i * 1000)));
    const kept = withArrivals([], burst, minutes(2).getTime());
    expect(kept).toHaveLength(MAX_ALERTS);
    expect(kept[0]?.caseId).toBe(`c${MAX_ALERTS + 4}`);
  });

  it('drops alerts after ten minutes, and keeps the same list when none is due', () => {
    const list = [alert('new', 'cam-1', minutes(5)), alert('old', 'cam-2', T0)];
    expect(expire(list, minutes(9).getTime())).toBe(list);
    expect(expire(list, minutes(10).getTime()).map((a) => a.caseId)).toEqual(['new']);
    expect(expire(list, minutes(15).getTime())).toEqual([]);
  });

  it('flashes the tile of the camera on the wall and lists the others apart, until acknowledged', () => {
    const list = withArrivals([], [alert('a', 'cam-1', T0), alert('b', 'cam-9', minutes(1)), alert('c', 'cam-1', minutes(2))], minutes(3).getTime());
    const placed = placeAlerts(list, [null, 'cam-1', 'cam-2']);
    // The newest open alert of cam-1 shows on its tile; cam-9 is not on the wall.
    expect(placed.byTile.map((a) => a?.caseId ?? null)).toEqual([null, 'c', null]);
    expect(placed.offWall.map((a) => a.caseId)).toEqual(['b']);
    // Opening 'c' shows cam-1's older alert; dismissing that too stops the flash.
    const afterC = acknowledge(list, 'c');
    expect(placeAlerts(afterC, [null, 'cam-1', 'cam-2']).byTile[1]?.caseId).toBe('a');
    expect(placeAlerts(acknowledge(afterC, 'a'), [null, 'cam-1', 'cam-2']).byTile).toEqual([null, null, null]);
    // Put on the wall, the off-wall alert moves to its tile.
    const shown = placeAlerts(list, ['cam-9', 'cam-1']);
    expect(shown.byTile.map((a) => a?.caseId)).toEqual(['b', 'c']);
    expect(shown.offWall).toEqual([]);
  });
});
