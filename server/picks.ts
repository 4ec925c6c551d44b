// The handlers' dialogs, answered by the page's folder browser: a dialog asks the connection
// whose call opened it (found through AsyncLocalStorage, as the call runs inside it) and waits for
// the person's choice. Each chosen path is checked against the roots and for its kind before the
// dialog returns it; a refused choice is told to the browser, which stays open and says why.
import { AsyncLocalStorage } from 'node:async_hooks';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PickKind } from '../common/serve-messages.js';
import type { Dialogs } from '../electron/main/handlers.js';
import type { Roots } from './roots.js';

/** One open socket, as the dialogs see it. */
export interface PickTarget {
  /** Shows the browser for `kind`; resolves with what was taken (null: cancelled or disconnected). */
  pick(kind: PickKind, accept: (paths: string[]) => Promise<string | null>): Promise<string[] | null>;
}

export const callingConnection = new AsyncLocalStorage<PickTarget>();

const CSV_NAME = /\.csv$/i;

/** Why `paths` cannot be the answer to a `kind` dialog, or null when they can. */
export async function pickRefusal(roots: Roots, kind: PickKind, paths: string[]): Promise<string | null> {
  const single = kind !== 'folders' && kind !== 'files';
  if (paths.length === 0) return 'Choose something first.';
  if (single && paths.length > 1) return 'Choose only one.';
  for (const path of paths) {
    const checked = await roots.check(path);
    if (!checked.ok) return checked.message;
    const info = await stat(checked.real).catch(() => null);
    if (kind === 'csv') {
      if (info?.isDirectory()) return `${path} is a folder: give the file a name.`;
      // A native save dialog asks before replacing a file; this one never replaces.
      if (info) return `${basename(path)} already exists here: choose another name.`;
      if (!CSV_NAME.test(basename(path))) return 'The file name should end in .csv.';
      continue;
    }
    if (!info) return `${path} does not exist.`;
    const wantFolder = kind === 'folders' || kind === 'output';
    if (wantFolder && !info.isDirectory()) return `${basename(path)} is a file: choose a folder.`;
    if (!wantFolder && !info.isFile()) return `${basename(path)} is a folder: choose a file.`;
  }
  return null;
}

export function socketDialogs(roots: Roots): Dialogs {
  const ask = async (kind: PickKind): Promise<string[]> => {
    const target = callingConnection.getStore();
    if (!target) return [];
    return (await target.pick(kind, (paths) => pickRefusal(roots, kind, paths))) ?? [];
  };
  return {
    addFolders: () => ask('folders'),
    addFiles: () => ask('files'),
    chooseOutput: async () => (await ask('output'))[0] ?? null,
    chooseWatermark: async () => (await ask('watermark'))[0] ?? null,
    chooseCsvPath: async () => (await ask('csv'))[0] ?? null,
  };
}
