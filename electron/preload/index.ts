// The bridge: one typed function per channel, never a raw ipcRenderer.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('pixmill', {
  platform: process.platform,
});
