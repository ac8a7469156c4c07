import { contextBridge, ipcRenderer } from 'electron';
import type { DeskBridgeApi } from './desk-api';
import { DESK_CHANNELS, DESK_EVENTS, unwrapAnswer } from './desk-channels';

// The page gets these functions and nothing else: no ipcRenderer, no generic "send" that would
// let a page reach any channel it likes, no event objects (they carry `sender`).
const call = async <T>(channel: string, payload?: unknown): Promise<T> =>
  unwrapAnswer<T>(await (payload === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, payload)));

const deskApi: DeskBridgeApi = {
  version: () => call<string>(DESK_CHANNELS.version),
  serviceOrigin: () => call<string>(DESK_CHANNELS.serviceOrigin),
  signInToken: () => call<string | null>(DESK_CHANNELS.signInToken),
  signIn: async (token) => void (await call<boolean>(DESK_CHANNELS.signIn, { token })),
  signOut: async () => void (await call<boolean>(DESK_CHANNELS.signOut)),
  openView: async (view) => void (await call<boolean>(DESK_CHANNELS.openView, { view })),
  onSignInChanged: (listener) => {
    const forward = (): void => listener();
    ipcRenderer.on(DESK_EVENTS.signInChanged, forward);
    return () => void ipcRenderer.removeListener(DESK_EVENTS.signInChanged, forward);
  },
};

contextBridge.exposeInMainWorld('deskApi', deskApi);
