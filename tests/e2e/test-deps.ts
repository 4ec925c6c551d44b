// The Electron-side dependencies of the real handlers, as a test drives them: dialogs answer
// with paths the test queued (as if a person picked them), openPath is recorded, and settings and
// presets live in memory behind the real store (electron/main/store.ts) with a Map for electron-conf.
import { vi } from 'vitest';
import type { Dialogs, Store } from '../../electron/main/handlers.js';

// store.ts imports electron-conf/main, which imports 'electron' — and under plain Node that
// module tries to download the Electron binary. Tests pass their own conf, so stub the class.
vi.mock('electron-conf/main', () => ({ Conf: class {} }));
const { createStore } = await import('../../electron/main/store.js');

type DialogName = keyof Dialogs;
type DialogAnswer<K extends DialogName> = Awaited<ReturnType<Dialogs[K]>>;

export class QueuedDialogs implements Dialogs {
  private readonly answers = new Map<DialogName, unknown[]>();
  /** Every dialog the app opened, in order. */
  readonly opened: DialogName[] = [];

  /** What the next `kind` dialog returns; with nothing queued it behaves as if cancelled. */
  next<K extends DialogName>(kind: K, answer: DialogAnswer<K>): void {
    this.answers.set(kind, [...(this.answers.get(kind) ?? []), answer]);
  }

  private take<K extends DialogName>(kind: K, cancelled: DialogAnswer<K>): Promise<DialogAnswer<K>> {
    this.opened.push(kind);
    const queue = this.answers.get(kind) ?? [];
    return Promise.resolve(queue.length ? (queue.shift() as DialogAnswer<K>) : cancelled);
  }

  addFolders = () => this.take('addFolders', []);
  addFiles = () => this.take('addFiles', []);
  chooseOutput = () => this.take('chooseOutput', null);
  chooseWatermark = () => this.take('chooseWatermark', null);
  chooseCsvPath = () => this.take('chooseCsvPath', null);
}

export function memoryStore(): Store {
  const data = new Map<string, unknown>([
    ['settings', {}],
    ['presets', []],
  ]);
  const conf = { get: (key: string) => data.get(key), set: (key: string, value: unknown) => void data.set(key, value) };
  return createStore(conf as unknown as Parameters<typeof createStore>[0]);
}
