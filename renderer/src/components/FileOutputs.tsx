// What the last batch wrote for the image in the preview: each of its outputs with its size and
// dimensions, how a quality search chose its encoding, and why an output is missing.
import { formatBytes } from '../../../common/format';
import { splitPath } from '../lib/format';
import { encodingText, type FileOutput, fixedQuality } from '../lib/output-results';
import { useAppStore } from '../store';
import { fileIndex } from '../store/file-index';
import { savingText } from './FileStatus';

export function FileOutputs({ path }: { path: string }) {
  // The file index changes in place; its version says when.
  useAppStore((s) => s.filesVersion);
  const runSpec = useAppStore((s) => s.runSpec);
  const file = path ? fileIndex.find(path) : undefined;
  if (!file) return null;
  const outputs: FileOutput[] | null =
    file.outputs ??
    (file.encoding && file.output && file.bytesOut !== null
      ? [
          {
            index: 0,
            label: 'The output',
            status: 'done',
            path: file.output,
            bytes: file.bytesOut,
            width: null,
            height: null,
            message: null,
            encoding: file.encoding,
          },
        ]
      : null);
  if (!outputs) return null;
  return (
    <section className="file-outputs" aria-labelledby="file-outputs-heading" data-testid="file-outputs">
      <h3 id="file-outputs-heading" className="file-outputs-heading">
        Written by the last run
      </h3>
      <ul className="file-outputs-list">
        {outputs.map((o) => (
          <li key={o.index} className={`file-output file-output-${o.status}`} data-testid="file-output">
            <span className="file-output-label">{o.label}</span>
            {o.status === 'done' ? (
              <span className="file-output-facts">
                {o.path && <span title={o.path}>{splitPath(o.path).name}</span>}
                {o.width && o.height && (
                  <span>
                    {o.width} × {o.height} px
                  </span>
                )}
                <span className="file-output-bytes">{formatBytes(o.bytes ?? 0)}</span>
                {file.size !== null && <span className="muted">{savingText(file.size, o.bytes ?? 0)}</span>}
              </span>
            ) : (
              <span className={o.status === 'failed' ? 'text-error' : 'muted'}>
                {o.status === 'failed' ? 'Failed' : 'Skipped'}: {o.message}
              </span>
            )}
            {o.status === 'done' && o.encoding && (
              <span className="file-output-encoding">
                {encodingText(o.encoding, o.bytes ?? 0, fixedQuality(runSpec, o.index))}
              </span>
            )}
            {o.status === 'done' && o.message && <span className="file-output-warning">{o.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
