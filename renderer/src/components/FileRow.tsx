// One file of the list: thumbnail, name, size, format and dimensions, and after the run its output size
// and saving, with its status (the error or warning in words beside it and in its tooltip).
// Selecting the row shows the file in the preview; the folder button shows it (or its output) in
// the file manager.
import type { ReactNode } from 'react';
import { formatBytes } from '../../../common/format';
import { call } from '../lib/bridge';
import { encodingText, fixedQuality, outputsLine, outputText } from '../lib/output-results';
import { useAppStore } from '../store';
import { duplicateText, type FileEntry, fileIndex } from '../store/file-index';
import { effectiveStatus } from '../store/files-slice';
import { FileStatus, savingText } from './FileStatus';
import { FolderIcon } from './FolderIcon';
import { Thumbnail, useThumbnail } from './Thumbnail';

interface FileRowProps {
  file: FileEntry;
  selected: boolean;
  /** The row that Tab reaches; the others are reached with the arrow keys. */
  tabbable: boolean;
  paused: boolean;
  onSelect(path: string): void;
  onReveal(message: string | null): void;
  /** Extra buttons (a file queued by itself can be moved and removed). */
  actions?: ReactNode;
  /** Hidden text for the queue's own hooks (a queued file's image count). */
  extra?: ReactNode;
}

function detailText(file: FileEntry, status: ReturnType<typeof effectiveStatus>, fixed?: number): string | null {
  if (status === 'duplicate' && file.status !== 'duplicate') {
    const owner = fileIndex.ownerOf(file);
    return owner ? duplicateText(owner.root) : null;
  }
  // Several outputs: each one's label and size (or why it is missing), after any warning.
  if (file.outputs && file.outputs.length > 1)
    return [file.message, ...file.outputs.map(outputText)].filter(Boolean).join(' · ');
  if (file.encoding && file.bytesOut !== null) {
    const chosen = encodingText(file.encoding, file.bytesOut, fixed);
    return file.message ? `${file.message} · ${chosen}` : chosen;
  }
  return file.message;
}

export function FileRow({ file, selected, tabbable, paused, onSelect, onReveal, actions, extra }: FileRowProps) {
  const status = effectiveStatus(file);
  const runSpec = useAppStore((s) => (file.encoding ? s.runSpec : null));
  const isImage = file.kind === 'image';
  const thumb = useThumbnail(file.path, isImage);
  const dims =
    thumb.state === 'ready' && thumb.thumbnail.width && thumb.thumbnail.height
      ? `${thumb.thumbnail.width} × ${thumb.thumbnail.height}`
      : file.width && file.height
        ? `${file.width} × ${file.height}`
        : null;
  // After the run the sizes and the saving come first: in a narrow list the dimensions are what
  // the ellipsis takes, never the result.
  const several = file.outputs !== null && file.outputs.length > 1 ? file.outputs : null;
  const sizes =
    file.size === null
      ? null
      : several
        ? `${formatBytes(file.size)} → ${outputsLine(several)}`
        : file.bytesOut !== null
          ? `${formatBytes(file.size)} → ${formatBytes(file.bytesOut)} ${savingText(file.size, file.bytesOut)}`
          : formatBytes(file.size);
  const meta = [sizes, file.format, dims].filter(Boolean);
  const detail = detailText(file, status, fixedQuality(runSpec, 0));
  const revealOutput = file.output !== null && (status === 'done' || status === 'warning' || status === 'skipped');
  const revealTarget = revealOutput ? file.output! : file.path;
  const tab = tabbable ? 0 : -1;

  const reveal = async (): Promise<void> => {
    const result = await call((api) => api.shellShowItem({ path: revealTarget }));
    onReveal(result.ok ? null : result.message);
  };

  return (
    <div
      className={`file-row${selected ? ' file-row-selected' : ''}`}
      data-testid="file-row"
      data-status={status}
      title={[file.path, ...(several ? [file.message, ...several.map(outputText)] : [detail])]
        .filter(Boolean)
        .join('\n')}
    >
      <button
        type="button"
        className="file-row-main row-primary"
        aria-pressed={selected}
        tabIndex={tab}
        aria-disabled={isImage ? undefined : true}
        onClick={() => isImage && onSelect(file.path)}
      >
        <Thumbnail state={isImage ? thumb : null} glyph={isImage ? undefined : '—'} />
        <span className="file-row-text">
          <span className="file-row-top">
            <span className="file-name">{file.name}</span>
            <FileStatus status={status} paused={paused} file={file} />
          </span>
          <span className="file-meta">
            {meta.join(' · ')}
            {detail && (
              <span className={status === 'failed' ? 'file-detail text-error' : 'file-detail'}>
                {meta.length > 0 ? ' · ' : ''}
                {detail}
              </span>
            )}
          </span>
        </span>
      </button>
      {extra}
      <div className="row-actions">
        <button
          type="button"
          className="icon-button"
          tabIndex={tab}
          aria-label={
            revealOutput ? `Show the output of ${file.name} in its folder` : `Show ${file.name} in its folder`
          }
          title={revealOutput ? 'Show the output in its folder' : 'Show in its folder'}
          onClick={() => void reveal()}
        >
          <FolderIcon />
        </button>
        {actions}
      </div>
    </div>
  );
}
