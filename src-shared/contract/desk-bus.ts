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
  /** A form asks: the next click on the city map is the place (an operator keying in a call). */
  z.object({ type: z.literal('place:pick'), requestId: z.string().min(1).max(64) }),
  /** The asking form gave up (closed, or a place typed instead): the map stops waiting. */
  z.object({ type: z.literal('place:pickCancelled'), requestId: z.string().min(1).max(64) }),
  /** The map's answer: the clicked point in the district datum (WGS84 lon/lat of the case's place). */
  z.object({ type: z.literal('place:picked'), requestId: z.string().min(1).max(64), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
]);

export type DeskBusMessage = z.infer<typeof deskBusMessageSchema>;

/** What travels on the channel: the message, and which window sent it (to ignore one's own echo). */
export const deskBusEnvelopeSchema = z.object({ from: z.string().min(1).max(64), message: deskBusMessageSchema });
export type DeskBusEnvelope = z.infer<typeof deskBusEnvelopeSchema>;
