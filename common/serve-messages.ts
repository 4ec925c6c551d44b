// What the browser window and `pixmill serve` say over their WebSocket: the IPC channels' calls
// and events, plus what only a browser needs (the in-page folder browser's listings and the
// dialogs it stands in for). No dependencies: the page and the server both import it.
import type { Result } from './ipc.js';

/** The dialogs the page's folder browser answers, one per Dialogs function of the handlers. */
export type PickKind = 'folders' | 'files' | 'output' | 'watermark' | 'csv';

export const SOCKET_PATH = '/socket';
/** The largest message either side accepts (an error list saved as CSV may be tens of MB). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface BrowseEntry {
  name: string;
  path: string;
  kind: 'folder' | 'file';
}

/** One folder's listing; `path` null is the top: the folders the server may use. */
export interface BrowseListing {
  path: string | null;
  parent: string | null;
  entries: BrowseEntry[];
  /** More entries than a listing carries: the rest are left out. */
  truncated: boolean;
}

export type ClientMessage =
  | { type: 'call'; id: number; channel: string; payload?: unknown }
  | { type: 'browse'; id: number; path: string | null }
  /** The folder browser's answer to a `pick`: the chosen paths, or null when cancelled. */
  | { type: 'pick-answer'; id: number; pick: number; paths: string[] | null };

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'browse-result'; id: number; result: Result<BrowseListing> }
  | { type: 'pick'; id: number; kind: PickKind }
  /** Whether a pick-answer was taken (the dialog closes) or refused (it says why and stays open). */
  | { type: 'pick-result'; id: number; result: Result<null> }
  | { type: 'error'; id?: number; message: string };
