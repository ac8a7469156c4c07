import type { MenuItemTemplate } from './desk-menu';
import type { DeskDisplay, Rect } from './displays';
import type { DeskWindowOptions } from './window-options';

/**
 * The part of the `electron` module the desk uses, as structural types: index.ts passes the real
 * module, tests pass fakes. Nothing here imports `electron` (test/unit/architecture forbids it
 * outside the edge), and the real module must stay assignable to these (typecheck proves it).
 */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface PortWebContents {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  reload(): void;
}

export interface PortWindow {
  readonly id: number;
  readonly webContents: PortWebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  close(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  getBounds(): Rect;
  setBounds(bounds: Partial<Rect>): void;
  isFullScreen(): boolean;
  setFullScreen(flag: boolean): void;
  on(event: 'closed' | 'moved' | 'resized' | 'ready-to-show', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface PortInvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface PortUtilityProcess {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

export type PortMenu = object;

export interface PortTray {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: PortMenu | null): void;
  destroy(): void;
}

export interface PortHeadersDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}

/** protocol.registerSchemesAsPrivileged's entry, the privileges we use. */
export interface PortCustomScheme {
  scheme: string;
  privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean };
}

export interface PortProtocol {
  /** Before the app is ready, once. */
  registerSchemesAsPrivileged(schemes: PortCustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface DeskElectron {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<unknown>;
    getVersion(): string;
    getPath(name: 'userData'): string;
    on(event: 'second-instance' | 'activate' | 'before-quit' | 'window-all-closed', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: PortWebContents) => void): unknown;
  };
  BrowserWindow: new (options: DeskWindowOptions) => PortWindow;
  screen: {
    getAllDisplays(): DeskDisplay[];
    getPrimaryDisplay(): DeskDisplay;
    on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  };
  ipcMain: {
    handle(channel: string, listener: (event: PortInvokeEvent, payload?: unknown) => Promise<unknown>): void;
  };
  session: {
    defaultSession: {
      setPermissionRequestHandler(
        handler: (contents: PortWebContents, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
      ): void;
      setPermissionCheckHandler(
        handler: (contents: PortWebContents | null, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean,
      ): void;
      webRequest: {
        onHeadersReceived(listener: (details: PortHeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void): void;
      };
    };
  };
  protocol: PortProtocol;
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit'; env: Record<string, string | undefined> }): PortUtilityProcess;
  };
  Menu: {
    buildFromTemplate(template: MenuItemTemplate[]): PortMenu;
    setApplicationMenu(menu: PortMenu | null): void;
  };
  Tray: new (icon: string) => PortTray;
}
