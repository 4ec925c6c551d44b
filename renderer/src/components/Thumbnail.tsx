// A queued image's small picture, asked for while its row is on screen (the workers make it; the
// list never waits for it), and the image's size from the same answer.
import { useEffect, useState } from 'react';
import { type ThumbnailState, thumbnails } from '../lib/thumbnail-queue';

export function useThumbnail(path: string, wanted: boolean): ThumbnailState {
  const [state, setState] = useState<ThumbnailState>(() => thumbnails.peek(path) ?? { state: 'loading' });
  useEffect(() => {
    const known = thumbnails.peek(path);
    if (known) {
      setState(known);
      return;
    }
    setState({ state: 'loading' });
    if (!wanted) return;
    return thumbnails.request(path, setState);
  }, [path, wanted]);
  return state;
}

export function Thumbnail({ state, glyph }: { state: ThumbnailState | null; glyph?: string | undefined }) {
  if (state?.state === 'ready')
    return (
      <span className="thumb">
        <img src={state.thumbnail.src} alt="" draggable={false} data-testid="thumbnail" />
      </span>
    );
  return (
    <span className={`thumb thumb-empty${state?.state === 'loading' ? ' thumb-loading' : ''}`} aria-hidden="true">
      {glyph ?? (state?.state === 'failed' ? '!' : '')}
    </span>
  );
}
