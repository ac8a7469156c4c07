/** IPC channel names shared by the main process and the preload (both in src-main). */
export const DESK_CHANNELS = {
  version: 'desk:version',
  serviceOrigin: 'desk:service-origin',
} as const;
