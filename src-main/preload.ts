import { contextBridge, ipcRenderer } from 'electron';
import type { DeskApi } from '../src-shared/desk-api';
import { DESK_CHANNELS } from './desk-channels';

// The page gets these functions and nothing else: no ipcRenderer, no generic "send" that would
// let a page reach any channel it likes.
const deskApi: DeskApi = {
  version: () => ipcRenderer.invoke(DESK_CHANNELS.version) as Promise<string>,
  serviceOrigin: () => ipcRenderer.invoke(DESK_CHANNELS.serviceOrigin) as Promise<string>,
};

contextBridge.exposeInMainWorld('deskApi', deskApi);
