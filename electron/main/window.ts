// The one window, locked down: isolated, sandboxed, no Node in the page, no navigation away,
// no new windows, no permissions, and the CSP on every response of the app's own protocol.
import { BrowserWindow, session, type WebContents } from 'electron';

export interface WindowOptions {
  preload: string;
  url: string;
  /** URL prefixes the window may show; anything else is refused. */
  allowedPrefixes: readonly string[];
}

export function lockDown(contents: WebContents, allowedPrefixes: readonly string[]): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!allowedPrefixes.some((p) => url.startsWith(p))) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Pixmill',
    show: false,
    // Written out in full here (not spread from a constant) so that static checkers such as
    // Electronegativity see every setting on the window they apply to.
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in a new window; the app has no links to follow.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win.webContents, options.allowedPrefixes);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
