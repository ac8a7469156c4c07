import { z } from 'zod';
import { jsonStore, type StoreFs } from './json-store';
import { PROFILE_IDS } from './profiles';

/**
 * The desk's settings: `desk-settings.json` in userData, written by an administrator (or later a
 * settings page). Which case service to use (the embedded one, or a shared one with its URL and
 * token), the workstation profile, and the camera and imagery origins the CSP lets pages reach.
 */

/** An http(s) origin: no credentials, path, query or fragment (pages build their URLs on it). */
export const httpOrigin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'must be an http(s) origin such as https://grid.example.gov.cn (no path, query or credentials)')
  .transform((value) => new URL(value).origin);

/** The service's bearer tokens are at least 16 characters (src-server/config.ts); no whitespace. */
export const signInToken = z.string().min(16).max(512).regex(/^\S+$/, 'no spaces in a token');

export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  profile: z.enum(PROFILE_IDS).optional(),
  service: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('embedded') }),
      z.object({ kind: z.literal('shared'), url: httpOrigin, token: signInToken.optional() }),
    ])
    .default({ kind: 'embedded' }),
  /** HLS gateways of the cameras (media and XHR). */
  cameraOrigins: z.array(httpOrigin).default([]),
  /** WMTS/XYZ imagery and 3D Tiles servers. */
  imageryOrigins: z.array(httpOrigin).default([]),
});

export type DeskSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: DeskSettings = settingsSchema.parse({});

export type SettingsCheck = { ok: true; settings: DeskSettings } | { ok: false; problems: string[] };

export function checkSettings(data: unknown): SettingsCheck {
  const parsed = settingsSchema.safeParse(data);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

export function settingsStore(path: string, fs: StoreFs) {
  return jsonStore({ path, schema: settingsSchema, fs, fallback: (): DeskSettings => structuredClone(DEFAULT_SETTINGS) });
}
