// Builds `window.pixmill` from the channel list, so that every channel has exactly one function
// and nothing else crosses the bridge. Kept apart from index.ts so tests can build it with fakes.
import { CHANNELS, EVENT_NAMES, type EventName, methodName } from '../../common/channels.js';
import type { PixmillApi } from '../../common/ipc.js';

export interface IpcRendererLike {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildApi(ipc: IpcRendererLike, webUtils: { getPathForFile(file: File): string }): PixmillApi {
  const functions = Object.fromEntries(
    CHANNELS.map((channel) => [methodName(channel), (payload?: unknown) => ipc.invoke(channel, payload)]),
  );
  return {
    ...functions,
    on(event: EventName, listener: (payload: never) => void) {
      if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
      // The IpcRendererEvent stays here: it carries `sender`, which must not reach the page.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
      ipc.on(event, wrapped);
      return () => void ipc.removeListener(event, wrapped);
    },
    pathForFile: (file: File) => webUtils.getPathForFile(file),
  } as unknown as PixmillApi;
}
