import type { DeskElectron, PortCustomScheme, PortHeadersDetails, PortInvokeEvent, PreventableEvent } from '../../../src-main/electron-port';
import type { MenuItemTemplate } from '../../../src-main/desk-menu';
import type { DeskDisplay, Rect } from '../../../src-main/displays';
import type { DeskWindowOptions } from '../../../src-main/window-options';

/** Small fakes of the Electron module: enough to drive startDesk and see what it did. */
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  url = '';
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: string[] = [];
  reloads = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string): void {
    this.sent.push(channel);
  }
  reload(): void {
    this.reloads += 1;
  }
  /** Fires a navigation event; true when the desk prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    const e: PreventableEvent = { preventDefault: () => (prevented = true) };
    this.emit(event, e, url);
    return prevented;
  }
}

export class FakeWindow extends Emitter {
  static all: FakeWindow[] = [];
  readonly id = nextId++;
  readonly webContents = new FakeWebContents();
  bounds: Rect;
  fullScreen: boolean;
  destroyed = false;
  visible = false;
  constructor(readonly options: DeskWindowOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
    this.fullScreen = options.fullscreen ?? false;
    FakeWindow.all.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {}
  restore(): void {}
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
  }
  /** The user drags the window. */
  dragTo(bounds: Rect): void {
    this.bounds = bounds;
    this.emit('moved');
  }
}

export function fakeElectron(displays: DeskDisplay[]) {
  FakeWindow.all = [];
  /** The order of calls Electron is strict about (privileged schemes before ready). */
  const lifecycle: string[] = [];
  const app = new (class extends Emitter {
    quitCalls = 0;
    locked = true;
    requestSingleInstanceLock = (): boolean => this.locked;
    quit = (): void => void (this.quitCalls += 1);
    whenReady = (): Promise<void> => {
      lifecycle.push('whenReady');
      return Promise.resolve();
    };
    getVersion = (): string => '0.1.0';
    getPath = (): string => '/userData';
  })();
  const screen = new (class extends Emitter {
    displays = displays;
    getAllDisplays = (): DeskDisplay[] => this.displays;
    getPrimaryDisplay = (): DeskDisplay => this.displays[0] as DeskDisplay;
  })();
  const handlers = new Map<string, (event: PortInvokeEvent, payload?: unknown) => Promise<unknown>>();
  const forked: { path: string; env: Record<string, string | undefined>; process: Emitter & { killed: boolean; kill(): void } }[] = [];
  const session = {
    permissionRequest: undefined as undefined | ((c: FakeWebContents, p: string, cb: (g: boolean) => void, d: { requestingUrl?: string }) => void),
    permissionCheck: undefined as undefined | ((c: FakeWebContents | null, p: string, o: string, d: { requestingUrl?: string }) => boolean),
    headers: undefined as undefined | ((d: PortHeadersDetails, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
  };
  const protocol = {
    privileged: [] as PortCustomScheme[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged: (schemes: PortCustomScheme[]) => {
      lifecycle.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      lifecycle.push(`handle ${scheme}`);
      protocol.handlers.set(scheme, handler);
    },
  };
  const menus: MenuItemTemplate[][] = [];
  const trays: { icon: string; menu: unknown; destroyed: boolean }[] = [];
  const electron = {
    app,
    screen,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, listener: (event: PortInvokeEvent, payload?: unknown) => Promise<unknown>) => void handlers.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof session.permissionRequest) => void (session.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof session.permissionCheck) => void (session.permissionCheck = h),
        webRequest: { onHeadersReceived: (h: typeof session.headers) => void (session.headers = h) },
      },
    },
    protocol,
    utilityProcess: {
      fork: (path: string, _args: string[], options: { env: Record<string, string | undefined> }) => {
        const process = Object.assign(new Emitter(), { killed: false, kill: () => void (process.killed = true) });
        forked.push({ path, env: options.env, process });
        return process;
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemTemplate[]) => {
        menus.push(template);
        return { template };
      },
      setApplicationMenu: () => undefined,
    },
    Tray: class {
      readonly record: { icon: string; menu: unknown; destroyed: boolean };
      constructor(icon: string) {
        this.record = { icon, menu: null, destroyed: false };
        trays.push(this.record);
      }
      setToolTip(): void {}
      setContextMenu(menu: unknown): void {
        this.record.menu = menu;
      }
      destroy(): void {
        this.record.destroyed = true;
      }
    },
  };
  /** Invokes a channel as a frame at `url` of `window` would. */
  const invoke = (channel: string, payload: unknown, from: { url: string; window?: FakeWindow; parent?: unknown }) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender: { id: from.window?.webContents.id ?? -1 }, senderFrame: { url: from.url, parent: from.parent ?? null } }, payload);
  };
  /** Fetches a URL of a custom scheme as a page would: through the handler the desk installed. */
  const fetchScheme = (url: string, init?: RequestInit): Promise<Response> => {
    const handler = protocol.handlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler(new Request(url, init));
  };
  return { electron: electron as unknown as DeskElectron, app, screen, handlers, session, protocol, lifecycle, forked, menus, trays, invoke, fetchScheme };
}
