// IPC wiring: every channel registered, and requests from anything but the app's own top frame
// refused before they reach a handler.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../common/ipc.js';
import type { Handlers } from './handlers.js';
import { type InvokeEvent, type IpcMainLike, isTrustedSender, registerIpc } from './ipc.js';

function wire() {
  const registered = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  const calls: [string, unknown][] = [];
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void registered.set(channel, listener) };
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      async (p: unknown) => {
        calls.push([c, p]);
        return { ok: true, value: null };
      },
    ]),
  ) as unknown as Handlers;
  registerIpc(ipcMain, handlers, ['app://pixmill/']);
  return { registered, calls };
}

describe('registerIpc', () => {
  it('registers exactly one handler per channel', () => {
    expect([...wire().registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('passes requests from the app page through to the handler', async () => {
    const { registered, calls } = wire();
    const r = await registered.get('batch:pause')!(
      { senderFrame: { url: 'app://pixmill/index.html', parent: null } },
      { id: 'b1' },
    );
    expect(r).toEqual({ ok: true, value: null });
    expect(calls).toEqual([['batch:pause', { id: 'b1' }]]);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a look-alike host', { url: 'app://pixmill.evil/index.html', parent: null }],
    ['a file URL', { url: 'file:///etc/passwd', parent: null }],
    ['a sub-frame of the app', { url: 'app://pixmill/index.html', parent: {} }],
    ['a destroyed frame', null],
  ])('refuses %s without calling the handler', async (_what, frame) => {
    const { registered, calls } = wire();
    const r = await registered.get('batch:start')!({ senderFrame: frame }, {});
    expect(r).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(calls).toEqual([]);
  });
});

describe('isTrustedSender', () => {
  it('accepts the dev server in development only when it is listed', () => {
    const frame = { url: 'http://localhost:5173/', parent: null };
    expect(isTrustedSender(frame, ['app://pixmill/'])).toBe(false);
    expect(isTrustedSender(frame, ['http://localhost:5173/'])).toBe(true);
  });
});
