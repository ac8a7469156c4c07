/** IPC channel names shared by the main process and the preload (both in src-main). */
export const DESK_CHANNELS = {
  version: 'desk:version',
  serviceOrigin: 'desk:service-origin',
  signInToken: 'desk:sign-in-token',
  signIn: 'desk:sign-in',
  signOut: 'desk:sign-out',
  openView: 'desk:open-view',
} as const;

export type DeskChannel = (typeof DESK_CHANNELS)[keyof typeof DESK_CHANNELS];

/** Main → pages: the desk's sign-in changed (signed in or out in another window). No token in it. */
export const DESK_EVENTS = {
  signInChanged: 'desk:sign-in-changed',
} as const;

/** What every invoke answers: a value, or a refusal a person can read (errors are values). */
export type IpcAnswer<T = unknown> = { ok: true; value: T } | { ok: false; code: IpcRefusalCode; message: string };
export type IpcRefusalCode = 'foreign-sender' | 'unknown-channel' | 'invalid-payload' | 'failed';

/** The preload's side of an answer: the value, or an Error carrying the refusal's message. */
export function unwrapAnswer<T>(answer: unknown): T {
  const a = answer as IpcAnswer<T> | undefined;
  if (a?.ok === true) return a.value;
  throw new Error(a?.ok === false ? `${a.code}: ${a.message}` : 'the desk gave no answer');
}
