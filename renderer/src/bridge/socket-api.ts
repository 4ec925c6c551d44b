// `window.pixmill` over the WebSocket of `pixmill serve`: one function per channel, as the
// preload builds it over IPC (electron/preload/api.ts), so the page cannot tell the two apart.
// The server's dialogs come back as `pick` messages, which the in-page folder browser answers.
import { CHANNELS, EVENT_NAMES, type EventName, methodName, type PixmillApi, type Result } from '../../../common/ipc';
import { type ClientMessage, type ServerMessage, SOCKET_PATH } from '../../../common/serve-messages';
import { showPick } from './picker';

const STOPPED: Result<never> = {
  ok: false,
  code: 'FAILED',
  message:
    'The connection to Pixmill was lost: the server has stopped. Start pixmill serve again and reload this page.',
};

export function socketApi(url = `ws://${location.host}${SOCKET_PATH}`): PixmillApi {
  const socket = new WebSocket(url);
  let nextId = 1;
  let closed = false;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>(EVENT_NAMES.map((e) => [e, new Set()]));
  // Settles on close as well: a socket that never opened must not leave its callers waiting.
  const opened = new Promise<void>((done) => {
    socket.addEventListener('open', () => done(), { once: true });
    socket.addEventListener(
      'close',
      () => {
        closed = true;
        done();
      },
      { once: true },
    );
  });

  const request = async <T>(message: (id: number) => ClientMessage): Promise<Result<T>> => {
    await opened;
    if (closed) return STOPPED;
    const id = nextId++;
    return new Promise((done) => {
      waiting.set(id, done as (result: Result<unknown>) => void);
      socket.send(JSON.stringify(message(id)));
    });
  };

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    switch (message.type) {
      case 'result':
      case 'browse-result':
      case 'pick-result':
        waiting.get(message.id)?.(message.result);
        waiting.delete(message.id);
        return;
      case 'error':
        if (message.id === undefined) return;
        waiting.get(message.id)?.({ ok: false, code: 'FAILED', message: message.message });
        waiting.delete(message.id);
        return;
      case 'event':
        for (const listener of [...(listeners.get(message.event) ?? [])]) listener(message.payload);
        return;
      case 'pick': {
        const pickId = message.id;
        showPick({
          id: pickId,
          kind: message.kind,
          browse: (path) => request((id) => ({ type: 'browse', id, path })),
          answer: async (paths) => {
            const result = await request<null>((id) => ({ type: 'pick-answer', id, pick: pickId, paths }));
            if (result.ok || paths === null) showPick(null);
            return result;
          },
        });
        return;
      }
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const done of waiting.values()) done(STOPPED);
    waiting.clear();
    showPick(null);
  });

  const functions = Object.fromEntries(
    CHANNELS.map((channel) => [
      methodName(channel),
      (payload?: unknown) => request((id) => ({ type: 'call', id, channel, payload })),
    ]),
  );
  return {
    ...functions,
    on(event: EventName, listener: (payload: never) => void) {
      const set = listeners.get(event);
      if (!set) throw new Error(`Unknown event ${String(event)}`);
      const wrapped = (payload: unknown) => listener(payload as never);
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    // A browser gives no path for a dropped file; the drop zone says so in this window.
    pathForFile: () => '',
  } as unknown as PixmillApi;
}
