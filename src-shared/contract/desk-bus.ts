import { z } from 'zod';

/**
 * The desk bus: messages between the windows of one desk (queue on monitor 1, map on 2,
 * cameras on 3) over a BroadcastChannel. Typed here, checked on receipt: a window never trusts
 * what another one posts.
 */
export const DESK_BUS_CHANNEL = 'grid-desk-bus';

export const deskBusMessageSchema = z.discriminatedUnion('type', [
  /** A case was selected: maps fly to it, video walls show the cameras that see its grid. */
  z.object({ type: z.literal('case:selected'), caseId: z.string().min(1).max(64), gridCode: z.string().regex(/^\d{14}$/).optional(), lon: z.number().optional(), lat: z.number().optional() }),
  /** Show this camera on the video wall (a camera clicked on the map). */
  z.object({ type: z.literal('camera:show'), cameraId: z.string().min(1).max(64) }),
  /** Focus a grid (a grid clicked on the map, a drill-down on a board). */
  z.object({ type: z.literal('grid:focus'), gridCode: z.string().regex(/^\d{14}$/) }),
]);

export type DeskBusMessage = z.infer<typeof deskBusMessageSchema>;

/** What travels on the channel: the message, and which window sent it (to ignore one's own echo). */
export const deskBusEnvelopeSchema = z.object({ from: z.string().min(1).max(64), message: deskBusMessageSchema });
export type DeskBusEnvelope = z.infer<typeof deskBusEnvelopeSchema>;
