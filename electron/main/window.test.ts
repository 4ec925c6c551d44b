// The window's security settings, with `electron` mocked: what the app asks Electron for.
import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const { created, permission } = vi.hoisted(() => ({
  created: [] as {
    options: { webPreferences: Record<string, unknown> };
    contents: EventEmitter & { openHandler?: () => unknown };
  }[],
  permission: {
    request: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
    check: undefined as undefined | (() => boolean),
  },
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    webContents: EventEmitter & { setWindowOpenHandler(h: () => unknown): void; openHandler?: () => unknown };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super();
      const contents = Object.assign(new EventEmitter(), {
        setWindowOpenHandler(h: () => unknown) {
          contents.openHandler = h;
        },
      }) as EventEmitter & { setWindowOpenHandler(h: () => unknown): void; openHandler?: () => unknown };
      this.webContents = contents;
      created.push({ options, contents });
    }
    loadURL = vi.fn(async () => {});
    show = vi.fn();
  }
  return {
    BrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permission.request) => (permission.request = h),
        setPermissionCheckHandler: (h: typeof permission.check) => (permission.check = h),
      },
    },
  };
});

const { createMainWindow, denyAllPermissions } = await import('./window.js');

describe('main window', () => {
  const win = createMainWindow({
    preload: '/app/preload/index.cjs',
    url: 'app://pixmill/index.html',
    allowedPrefixes: ['app://pixmill/'],
  });
  const { options, contents } = created[0]!;

  it('is isolated and sandboxed, with no Node in the page', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload/index.cjs',
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://pixmill/index.html');
  });

  it('denies new windows', () => {
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('refuses navigation away from the app, allows it within', () => {
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const within = { preventDefault: vi.fn() };
    contents.emit('will-navigate', within, 'app://pixmill/index.html#queue');
    expect(within.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses webviews', () => {
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    denyAllPermissions();
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      permission.request?.({}, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(permission.check?.()).toBe(false);
  });
});
