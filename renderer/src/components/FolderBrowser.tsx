// The dialogs of a window served by `pixmill serve`: the browser cannot name a path on the
// server, so folders and files are picked from the server's own listing (only inside the folders
// it may use). A modal <dialog> (focus stays inside, Esc cancels); the listing is a listbox:
// arrows move, Enter or → opens a folder (or picks a file), Space selects, Backspace or ← goes up.
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { BrowseEntry, BrowseListing, PickKind } from '../../../common/serve-messages';
import { currentPick, type OpenPick, onPickChange } from '../bridge/picker';
import { FolderIcon } from './FolderIcon';

const WORDS: Record<PickKind, { title: string; action: string }> = {
  folders: { title: 'Add folders', action: 'Add' },
  files: { title: 'Add images', action: 'Add' },
  output: { title: 'Output folder', action: 'Use this folder' },
  watermark: { title: 'Watermark image', action: 'Choose' },
  csv: { title: 'Save errors as CSV', action: 'Save here' },
};

const wantsFiles = (kind: PickKind): boolean => kind === 'files' || kind === 'watermark';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), [tabindex="0"]';

/**
 * A modal <dialog> keeps the page behind it inert, but Tab past its last control would leave
 * for the browser's own toolbar: it goes round to the first instead (and Shift+Tab the other way).
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const at = document.activeElement;
  if (!event.shiftKey && (at === last || !event.currentTarget.contains(at))) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && (at === first || !event.currentTarget.contains(at))) {
    event.preventDefault();
    last.focus();
  }
}

function childPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** "3 folders · 12 files": what the folder holds, beside Up. */
function contentsLine(entries: readonly BrowseEntry[]): string {
  const folders = entries.filter((e) => e.kind === 'folder').length;
  const files = entries.length - folders;
  const count = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  return entries.length === 0
    ? 'Empty'
    : [folders && count(folders, 'folder'), files && count(files, 'file')].filter(Boolean).join(' · ');
}

export function FolderBrowser() {
  const pick = useSyncExternalStore(onPickChange, currentPick);
  return pick ? <PickDialog key={pick.id} pick={pick} /> : null;
}

function PickDialog({ pick }: { pick: OpenPick }) {
  const { kind } = pick;
  const words = WORDS[kind];
  const ref = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [listing, setListing] = useState<BrowseListing | null>(null);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  const [fileName, setFileName] = useState('pixmill-errors.csv');
  const [busy, setBusy] = useState(false);

  const go = useCallback(
    async (path: string | null, focusList = true): Promise<void> => {
      setBusy(true);
      const result = await pick.browse(path);
      setBusy(false);
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      setMessage('');
      setListing(result.value);
      setTyped(result.value.path ?? '');
      setActive(0);
      setSelected([]);
      if (focusList) listRef.current?.focus();
    },
    [pick],
  );

  useEffect(() => {
    // The focus goes back where it was (the button that opened the dialog) once it is answered.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    void go(null);
    return () => opener?.focus();
  }, [go]);

  const entries = listing?.entries ?? [];
  const selectable = (entry: BrowseEntry): boolean =>
    wantsFiles(kind) ? entry.kind === 'file' : entry.kind === 'folder';
  const multiple = kind === 'folders' || kind === 'files';

  const answer = async (paths: string[] | null): Promise<void> => {
    const result = await pick.answer(paths);
    if (!result.ok) setMessage(result.message);
  };

  const toggle = (entry: BrowseEntry): void => {
    if (!selectable(entry)) return;
    setSelected((now) =>
      now.includes(entry.path) ? now.filter((p) => p !== entry.path) : multiple ? [...now, entry.path] : [entry.path],
    );
  };

  const activate = (entry: BrowseEntry): void => {
    if (entry.kind === 'folder') void go(entry.path);
    else if (!multiple && selectable(entry)) void answer([entry.path]);
    else toggle(entry);
  };

  const up = (): void => {
    if (listing?.path !== null && listing !== null) void go(listing.parent);
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entry = entries[active];
    const move = (to: number): void => {
      event.preventDefault();
      setActive(Math.max(0, Math.min(entries.length - 1, to)));
    };
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: entries.length - 1,
      PageDown: active + 10,
      PageUp: active - 10,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      move(to);
      return;
    }
    switch (event.key) {
      case 'Enter':
      case 'ArrowRight':
        if (entry && (event.key === 'Enter' || entry.kind === 'folder')) {
          event.preventDefault();
          activate(entry);
        }
        return;
      case ' ':
        if (entry) {
          event.preventDefault();
          toggle(entry);
        }
        return;
      case 'Backspace':
      case 'ArrowLeft':
        event.preventDefault();
        up();
        return;
    }
  };

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const here = listing?.path ?? null;
  const chosen = ((): string[] => {
    if (kind === 'output') return here ? [here] : [];
    if (kind === 'csv') return here && fileName.trim() ? [childPath(here, fileName.trim())] : [];
    if (selected.length) return selected;
    return kind === 'folders' && here ? [here] : [];
  })();
  const actionLabel =
    kind === 'folders'
      ? selected.length > 1
        ? `Add ${selected.length} folders`
        : selected.length === 1
          ? 'Add the selected folder'
          : 'Add this folder'
      : kind === 'files'
        ? selected.length > 1
          ? `Add ${selected.length} images`
          : 'Add the selected image'
        : words.action;

  const onGo = (event: FormEvent): void => {
    event.preventDefault();
    void go(typed.trim() || null);
  };

  const activeId = entries[active] ? `folder-browser-entry-${active}` : undefined;
  return (
    <dialog
      ref={ref}
      className="settings-dialog folder-browser"
      aria-labelledby="folder-browser-heading"
      aria-describedby="folder-browser-where"
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        event.preventDefault();
        void answer(null);
      }}
    >
      <header className="dialog-header">
        <h2 id="folder-browser-heading">{words.title}</h2>
        <button type="button" onClick={() => void answer(null)}>
          Cancel
        </button>
      </header>
      <p id="folder-browser-where" className="settings-why">
        Folders and files on the machine running Pixmill, inside the folders it was allowed to use.
      </p>
      <form className="folder-browser-go" onSubmit={onGo}>
        <label htmlFor="folder-browser-path">Folder</label>
        <input
          id="folder-browser-path"
          type="text"
          value={typed}
          placeholder="Type a folder's full path"
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit">Go</button>
      </form>
      <p className="hint text-error" role="alert">
        {message}
      </p>
      <div className="folder-browser-bar">
        <button type="button" disabled={here === null} onClick={up} aria-label="Up one folder">
          ↑ Up
        </button>
        <span className="muted">{here === null ? 'The folders Pixmill may use' : contentsLine(entries)}</span>
      </div>
      <div
        ref={listRef}
        className="folder-browser-list"
        role="listbox"
        // Focused as one control; its options are named by aria-activedescendant.
        tabIndex={0}
        aria-label={here ? `Contents of ${here}` : 'Folders Pixmill may use'}
        aria-multiselectable={multiple || undefined}
        aria-activedescendant={activeId}
        aria-busy={busy || undefined}
        onKeyDown={onListKey}
      >
        {entries.map((entry, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the listbox takes the focus and the keys for its options (aria-activedescendant, onListKey)
          <div
            key={entry.path}
            id={`folder-browser-entry-${index}`}
            data-index={index}
            role="option"
            aria-selected={selected.includes(entry.path)}
            aria-disabled={entry.kind === 'file' && !selectable(entry) ? true : undefined}
            className={`folder-browser-entry${index === active ? ' folder-browser-active' : ''}${
              entry.kind === 'file' && !selectable(entry) ? ' muted' : ''
            }`}
            onClick={() => {
              setActive(index);
              toggle(entry);
            }}
            onDoubleClick={() => activate(entry)}
          >
            {entry.kind === 'folder' ? <FolderIcon /> : <span className="folder-browser-file" aria-hidden="true" />}
            <span className="folder-browser-name">{entry.name}</span>
          </div>
        ))}
        {listing && entries.length === 0 && <p className="folder-browser-empty muted">This folder is empty.</p>}
      </div>
      {listing?.truncated && (
        <p className="hint muted">Only the first {entries.length.toLocaleString('en-US')} entries are listed.</p>
      )}
      {kind === 'csv' && (
        <div className="field">
          <label htmlFor="folder-browser-file-name">File name</label>
          <input
            id="folder-browser-file-name"
            type="text"
            value={fileName}
            onChange={(e) => setFileName(e.target.value)}
          />
        </div>
      )}
      <footer className="folder-browser-actions">
        <span className="muted">
          {multiple ? 'Space selects several; Enter opens a folder.' : 'Enter opens a folder.'}
        </span>
        <button type="button" className="primary" disabled={chosen.length === 0} onClick={() => void answer(chosen)}>
          {actionLabel}
        </button>
      </footer>
    </dialog>
  );
}
