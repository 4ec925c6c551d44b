// The bridge: one typed function per IPC channel, a typed event subscription that returns its
// unsubscribe, and the path lookup for dropped files. The page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from './api.js';

contextBridge.exposeInMainWorld('pixmill', buildApi(ipcRenderer, webUtils));
