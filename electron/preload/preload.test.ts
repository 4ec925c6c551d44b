// The preload with `electron` mocked: what reaches the page is exactly one function per channel,
// the event subscription and the path lookup — never ipcRenderer or an IpcRendererEvent.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '../../common/channels.js';
import type { PixmillApi } from '../../common/ipc.js';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, payload?: unknown) => ({ ok: true, value: { channel, payload } }));
const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (event: unknown, payload: unknown) => void) =>
      listeners.get(channel)?.delete(l),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

let api: PixmillApi;
beforeEach(async () => {
  vi.resetModules();
  exposed.clear();
  await import('./index.js');
  api = exposed.get('pixmill') as PixmillApi;
});

describe('preload bridge', () => {
  it('exposes only window.pixmill, with one function per channel plus on and pathForFile', () => {
    expect([...exposed.keys()]).toEqual(['pixmill']);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS.map((c) => methodName(c)), 'on', 'pathForFile'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('each function invokes its own channel with the payload', async () => {
    await api.batchPause({ id: 'b7' });
    expect(invoke).toHaveBeenLastCalledWith('batch:pause', { id: 'b7' });
    await api.appInfo();
    expect(invoke).toHaveBeenLastCalledWith('app:info', undefined);
  });

  it('delivers event payloads without the IpcRendererEvent, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('queue:count', (p) => got.push(p));
    const secretEvent = { sender: { send: () => {} } };
    for (const l of listeners.get('queue:count')!) l(secretEvent, { path: '/a', count: 3, done: false });
    expect(got).toEqual([{ path: '/a', count: 3, done: false }]);
    off();
    expect(listeners.get('queue:count')!.size).toBe(0);
  });

  it('refuses to subscribe to an event that is not in the contract', () => {
    expect(() => api.on('shell:exec' as never, () => {})).toThrow(/Unknown event/);
  });

  it('maps dropped files to paths through webUtils', () => {
    expect(api.pathForFile({ name: 'holiday' } as File)).toBe('/dropped/holiday');
  });
});
