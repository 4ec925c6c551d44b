// Wires the handlers to ipcMain: one `handle` per channel, and every request checked to come from
// the app's own top-level page before its payload is even parsed.
import { CHANNELS, type Result } from '../../common/ipc.js';
import type { Handlers } from './handlers.js';

/** The part of Electron's IpcMainInvokeEvent a sender check needs. */
export interface InvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
}

const refused: Result<never> = {
  ok: false,
  code: 'INVALID_REQUEST',
  message: "Refused: the request did not come from Pixmill's own window.",
};

/**
 * Only the app's own page, in its top frame, may call the main process. `appPrefixes` are URL
 * prefixes ending in '/', e.g. 'app://pixmill/' (and the dev server's origin in development).
 */
export function isTrustedSender(frame: InvokeEvent['senderFrame'], appPrefixes: readonly string[]): boolean {
  if (!frame || frame.parent) return false;
  return appPrefixes.some((prefix) => frame.url.startsWith(prefix));
}

export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, appPrefixes: readonly string[]): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload) =>
      isTrustedSender(event.senderFrame, appPrefixes) ? handlers[channel](payload) : refused,
    );
  }
}
