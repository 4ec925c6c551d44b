// Before and after, side by side, for one image through the current chain.
import { useId, useState } from 'react';
import { usePreview } from '../hooks/use-preview';
import { call } from '../lib/bridge';
import { previewWarnings } from '../lib/preview-warnings';
import { useAppStore } from '../store';
import { useSpecCheck } from '../store/use-spec-check';
import { PathInput } from './PathInput';

export function PreviewPanel() {
  const ids = { pick: useId(), path: useId() };
  const queue = useAppStore((s) => s.queue);
  const files = queue.filter((item) => item.kind === 'file').map((item) => item.path);
  const [input, setInput] = useState('');
  const check = useSpecCheck();
  const chosen = input || files[0] || '';
  const { rendering, result, error } = usePreview(chosen, check.ok ? check.value : null);
  const format = useAppStore((s) => s.output.format);
  const warnings = result ? previewWarnings(result.warnings, format) : [];

  const chooseImage = async (): Promise<void> => {
    const picked = await call((api) => api.dialogAddFiles());
    const first = picked.ok ? picked.value[0] : undefined;
    if (first) setInput(first);
  };

  return (
    <section className="panel preview-panel" aria-labelledby="preview-heading" aria-busy={rendering}>
      <header className="panel-header">
        <h2 id="preview-heading">Preview</h2>
        <span className="muted">
          {rendering
            ? 'rendering…'
            : result
              ? `${result.before.width}×${result.before.height} → ${result.after.width}×${result.after.height}`
              : ''}
        </span>
      </header>
      <div className="preview-pickers">
        <div className="field">
          <label htmlFor={ids.pick}>Queued image</label>
          <select
            id={ids.pick}
            value={files.includes(chosen) ? chosen : ''}
            onChange={(e) => setInput(e.target.value)}
            disabled={files.length === 0}
          >
            {!files.includes(chosen) && (
              <option value="">{files.length === 0 ? 'No images queued directly' : 'Other image'}</option>
            )}
            {files.map((path) => (
              <option key={path} value={path}>
                {path.split(/[\\/]/).pop()}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={ids.path}>Image to preview</label>
          <PathInput
            id={ids.path}
            value={chosen}
            placeholder="/path/to/image.jpg"
            chooseLabel="Choose image…"
            onChange={setInput}
            onChoose={() => void chooseImage()}
          />
        </div>
      </div>
      {!check.ok && <p className="hint text-error">The preview waits until the settings are valid.</p>}
      {error && <p className="field-message">{error}</p>}
      {warnings.length > 0 && (
        <ul className="warnings" aria-label="What the output loses" data-testid="preview-warnings">
          {warnings.map((warning) => (
            <li key={`${warning.code} ${warning.message}`} title={warning.code}>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      {result ? (
        <div className={`preview-pair${rendering ? ' preview-stale' : ''}`}>
          <figure>
            <img src={result.before.src} alt="Before" width={result.before.width} height={result.before.height} />
            <figcaption>
              Before · {result.before.width}×{result.before.height}
            </figcaption>
          </figure>
          <figure>
            <img src={result.after.src} alt="After" width={result.after.width} height={result.after.height} />
            <figcaption>
              After · {result.after.width}×{result.after.height}
            </figcaption>
          </figure>
        </div>
      ) : (
        <div className="preview-empty muted">
          {chosen
            ? rendering
              ? 'Rendering…'
              : ''
            : 'Add an image to the queue, or choose one, to see it before and after the chain.'}
        </div>
      )}
    </section>
  );
}
