// What the batch will write for this image: its real pixel size, its format, its bytes (exact
// when the preview made the very file, else an estimate that says so) and the change against the
// original file.

import { formatBytes } from '../../../common/format';
import type { PreviewRendering } from '../../../common/ipc';
import { FORMAT_NAMES } from '../../../common/sniff';

function change(bytes: number, original: number, about: string): string {
  if (original <= 0) return '';
  const pct = Math.round((bytes / original - 1) * 100);
  const was = `the original (${formatBytes(original)})`;
  if (pct === 0) return `${about}the same size as ${was}`;
  return `${about}${Math.abs(pct)} % ${pct < 0 ? 'smaller' : 'larger'} than ${was}`;
}

export function PreviewInfo({ result, scale }: { result: PreviewRendering; scale: number }) {
  const { output, originalBytes } = result;
  // Until (or, past the request's limit, instead of) a full-size render, the copy is enlarged.
  const enlarged = output.width * scale > result.after.width + 1;
  const about = output.exact ? '' : 'about ';
  return (
    <p className="preview-info" data-testid="preview-info">
      <span className="preview-info-strong">
        {output.width} × {output.height} px
      </span>
      <span>{FORMAT_NAMES[output.format]}</span>
      <span className="preview-info-strong" title={output.exact ? undefined : 'Estimated from a part of the image'}>
        {about}
        {formatBytes(output.bytes)}
      </span>
      <span className={output.bytes > originalBytes ? 'preview-info-larger' : undefined}>
        {change(output.bytes, originalBytes, about)}
      </span>
      {enlarged && <span className="muted">shown enlarged from a smaller copy</span>}
    </p>
  );
}
