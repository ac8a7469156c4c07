import { z } from 'zod';
import { DESK_CHANNELS, type DeskChannel, type IpcAnswer } from './desk-channels';
import { DESK_VIEWS, type DeskView } from './desk-views';
import { signInToken } from './settings';

/**
 * Every IPC channel of the desk as a table: channel → payload schema + handler. Handlers are pure
 * `(sender, payload) → answer` over a small port; `answerIpc` checks the sender (a desk page's top
 * frame) and the payload before a handler sees either. index/desk.ts only wires the table into
 * ipcMain.handle.
 */
export interface DeskSender {
  /** The sending frame's URL (undefined when the frame is gone). */
  url: string | undefined;
  /** A top-level frame; iframes never speak for a window. */
  topFrame: boolean;
  /** The BrowserWindow the sender lives in, when known. */
  windowId: number | undefined;
}

/** What the handlers may do: the desk behind them, faked in tests. */
export interface DeskIpcPort {
  version(): string;
  serviceOrigin(): Promise<string>;
  token(): string | null;
  setToken(token: string | null): void;
  openView(view: DeskView, fromWindowId: number | undefined): void;
}

interface Route<S extends z.ZodType> {
  schema: S;
  handle(sender: DeskSender, payload: z.infer<S>): unknown;
}

function route<S extends z.ZodType>(schema: S, handle: (sender: DeskSender, payload: z.infer<S>) => unknown): Route<S> {
  return { schema, handle };
}

/** Channels that take nothing accept exactly nothing: `invoke(channel)` sends no argument. */
const none = z.undefined();

export function deskIpcTable(desk: DeskIpcPort) {
  return {
    [DESK_CHANNELS.version]: route(none, () => desk.version()),
    [DESK_CHANNELS.serviceOrigin]: route(none, () => desk.serviceOrigin()),
    [DESK_CHANNELS.signInToken]: route(none, () => desk.token()),
    [DESK_CHANNELS.signIn]: route(z.object({ token: signInToken }).strict(), (_sender, { token }) => {
      desk.setToken(token);
      return true;
    }),
    [DESK_CHANNELS.signOut]: route(none, () => {
      desk.setToken(null);
      return true;
    }),
    [DESK_CHANNELS.openView]: route(z.object({ view: z.enum(DESK_VIEWS) }).strict(), (sender, { view }) => {
      desk.openView(view, sender.windowId);
      return true;
    }),
  } satisfies Record<DeskChannel, Route<z.ZodType>>;
}

export type DeskIpcTable = ReturnType<typeof deskIpcTable>;

export interface AnswerContext {
  isDeskSender(sender: DeskSender): boolean;
  log(line: string): void;
}

export async function answerIpc(
  table: Readonly<Record<string, Route<z.ZodType>>>,
  channel: string,
  sender: DeskSender,
  payload: unknown,
  context: AnswerContext,
): Promise<IpcAnswer> {
  const refuse = (code: Exclude<IpcAnswer, { ok: true }>['code'], message: string): IpcAnswer => {
    context.log(`[desk] ipc ${channel} refused (${code}): ${message}; sender ${sender.url ?? '(no frame)'}`);
    return { ok: false, code, message };
  };
  if (!Object.hasOwn(table, channel)) return refuse('unknown-channel', `no such channel`);
  if (!sender.topFrame || !context.isDeskSender(sender)) return refuse('foreign-sender', 'not a desk page');
  const entry = table[channel] as Route<z.ZodType>;
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) {
    // Never echo the payload: it may be a token.
    return refuse('invalid-payload', parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '));
  }
  try {
    return { ok: true, value: await entry.handle(sender, parsed.data) };
  } catch (error) {
    return refuse('failed', error instanceof Error ? error.message : String(error));
  }
}
