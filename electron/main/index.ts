// The Electron main process: lifecycle and wiring only. The engine lives in workers/ (Electron-
// free); the handlers in handlers.ts; this file hands them Electron's dialogs, shell, store,
// notifications and utility processes.
import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Notification, protocol, shell, utilityProcess } from 'electron';
import log from 'electron-log/main';
import { imageWorkerEntry } from '../../workers/image/worker-entry-path.js';
import { nativeDialogs } from './dialogs.js';
import { createHandlers } from './handlers.js';
import { registerIpc } from './ipc.js';
import { APP_ORIGIN, serveAppRequest } from './protocol.js';
import { createStore } from './store.js';
import { sharedHostEnv, sharedSpawner, threadHostEnvFor, utilitySpawner } from './utility-spawner.js';
import { createMainWindow, denyAllPermissions } from './window.js';

const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');
const workerEntry = imageWorkerEntry().file;
const threadHostEntry = join(here, 'thread-host.js');
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const appUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
const appPrefixes = devUrl ? [`${new URL(devUrl).origin}/`] : [`${APP_ORIGIN}/`];

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
log.initialize();

let mainWindow: BrowserWindow | undefined;

function start(): void {
  denyAllPermissions();
  protocol.handle('app', (request) => serveAppRequest(rendererDir, request));
  const handlers = createHandlers({
    version: app.getVersion(),
    dialogs: nativeDialogs(() => mainWindow),
    store: createStore(),
    openPath: (path) => shell.openPath(path),
    showItem: (path) => shell.showItemInFolder(path),
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    onBatchEnd: (title, body) => {
      if (mainWindow && !mainWindow.isFocused() && Notification.isSupported()) new Notification({ title, body }).show();
    },
    // sharp never loads into this process: every mode runs in utility processes.
    spawners: {
      processes: utilitySpawner(utilityProcess.fork, workerEntry),
      threads: sharedSpawner(utilitySpawner(utilityProcess.fork, threadHostEntry, threadHostEnvFor(workerEntry))),
      inline: sharedSpawner(utilitySpawner(utilityProcess.fork, workerEntry, sharedHostEnv())),
    },
    log: (level, message) => log[level](message),
  });
  registerIpc(ipcMain, handlers, appPrefixes);
  mainWindow = createMainWindow({
    preload: join(here, '../preload/index.cjs'),
    url: appUrl,
    allowedPrefixes: appPrefixes,
  });
  mainWindow.on('closed', () => (mainWindow = undefined));
  app.on('before-quit', () => void handlers.dispose());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
}
