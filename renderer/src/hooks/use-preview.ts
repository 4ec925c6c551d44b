// Renders before/after through the current chain, 300 ms after the last change. Only the newest
// request's answer is shown: a slow render for an old chain never replaces a newer one.
import { useEffect, useRef, useState } from 'react';
import type { ResponseMap } from '../../../common/ipc';
import type { PipelineSpec } from '../../../common/pipeline';
import { call, refusalText } from '../lib/bridge';

export const PREVIEW_SIZE = 640;
const DEBOUNCE_MS = 300;

export interface PreviewState {
  rendering: boolean;
  result: ResponseMap['preview:render'] | null;
  error: string | null;
}

export function usePreview(input: string, spec: PipelineSpec | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ rendering: false, result: null, error: null });
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    if (!input || !spec) {
      setState((s) => ({ ...s, rendering: false }));
      return;
    }
    setState((s) => ({ ...s, rendering: true }));
    const timer = setTimeout(() => {
      void call((api) => api.previewRender({ input, spec, size: PREVIEW_SIZE })).then((result) => {
        if (request !== latest.current) return;
        setState(
          result.ok
            ? { rendering: false, result: result.value, error: null }
            : (s) => ({ ...s, rendering: false, error: refusalText(result) }),
        );
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, spec]);

  return state;
}
