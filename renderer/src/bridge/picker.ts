// Where the socket bridge hands a dialog to the page: the in-page folder browser subscribes here
// and shows whatever pick is open. Under Electron nothing is ever opened, so it never shows.
import type { Result } from '../../../common/ipc';
import type { BrowseListing, PickKind } from '../../../common/serve-messages';

export interface OpenPick {
  /** Tells one dialog from the next. */
  id: number;
  kind: PickKind;
  /** One folder's listing (null: the folders the server may use). */
  browse(path: string | null): Promise<Result<BrowseListing>>;
  /** The person's choice (null: cancelled); a refusal keeps the browser open and says why. */
  answer(paths: string[] | null): Promise<Result<null>>;
}

let open: OpenPick | null = null;
const listeners = new Set<() => void>();

export function showPick(pick: OpenPick | null): void {
  open = pick;
  for (const listener of listeners) listener();
}

export const currentPick = (): OpenPick | null => open;

export function onPickChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
