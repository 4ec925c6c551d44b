// Renders before/after through the current chain, 300 ms after the last change. Only the newest
// request's answer is shown: a slow render for an old chain never replaces a newer one, and the
// last picture stays on screen (marked as rendering) until the new one arrives.
import { useEffect, useRef, useState } from 'react';
import type { PreviewRendering } from '../../../common/ipc';
import type { PipelineSpec } from '../../../common/pipeline';
import { call } from '../lib/bridge';

const DEBOUNCE_MS = 300;

export interface PreviewState {
  rendering: boolean;
  result: PreviewRendering | null;
  /** The image `result` shows: the last picture may be of another image while a new one renders. */
  resultFor: string | null;
  error: string | null;
}

export function usePreview(input: string, spec: PipelineSpec | null, size: number): PreviewState {
  const [state, setState] = useState<PreviewState>({ rendering: false, result: null, resultFor: null, error: null });
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    if (!input || !spec) {
      setState((s) => ({ ...s, rendering: false }));
      return;
    }
    setState((s) => ({ ...s, rendering: true }));
    const timer = setTimeout(() => {
      void call((api) => api.previewRender({ input, spec, size })).then((answer) => {
        if (request !== latest.current) return;
        setState((s) =>
          answer.ok
            ? { rendering: false, result: answer.value, resultFor: input, error: null }
            : {
                rendering: false,
                // A picture of another image would pass for this one's.
                result: s.resultFor === input ? s.result : null,
                resultFor: s.resultFor === input ? input : null,
                // The handler's message is for people, except a refused request's, which names a field.
                error: answer.code === 'INVALID_REQUEST' ? 'The preview could not be made.' : answer.message,
              },
        );
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, spec, size]);

  return state;
}
