// Loads app info and saved settings at start, then saves outDir, mode, workers, the memory budget
// (the last valid one: a size being typed is not saved half-way) and a valid spec
// whenever they change (debounced: dragging a slider should not write the settings file 60×/s).
import { useEffect } from 'react';
import type { Settings } from '../../../common/ipc';
import { parsePipeline } from '../../../common/pipeline';
import { call } from '../lib/bridge';
import { parseRedisUrl } from '../lib/redis-url';
import { useAppStore } from '../store';
import type { AppState } from '../store/app-state';
import { checkSpec } from '../store/spec';

const SAVE_DELAY_MS = 500;

function settingsOf(s: AppState): Settings {
  const check = checkSpec(s);
  return {
    outDir: s.outDir,
    mode: s.mode,
    workers: s.workers,
    ...(s.memoryBudgetMb === null ? {} : { memoryBudgetMb: s.memoryBudgetMb }),
    ...(check.ok ? { spec: check.value } : {}),
    // Saved once it is a whole address (or cleared); one being typed is not saved half-way.
    ...(parseRedisUrl(s.redisText).url ? { redis: s.redisText.trim() } : {}),
  };
}

export function useSettingsSync(): void {
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let unsubscribe = (): void => {};

    void (async () => {
      const [info, saved] = await Promise.all([call((api) => api.appInfo()), call((api) => api.settingsGet())]);
      if (cancelled) return;
      const store = useAppStore.getState();
      if (info.ok) store.setAppInfo(info.value);
      if (saved.ok) {
        const { outDir, mode, workers, memoryBudgetMb, spec, redis } = saved.value;
        store.setRedisText(redis ?? '');
        store.setOutDir(outDir);
        store.setMode(mode);
        store.setWorkers(workers);
        store.loadMemoryBudget(memoryBudgetMb ?? null);
        // Re-parsed rather than trusted: a spec saved by an older version may not fit today's registry.
        const parsed = spec ? parsePipeline(spec) : null;
        if (parsed?.ok) {
          store.loadSteps(parsed.value.steps, parsed.value.limits);
          store.loadOutput(parsed.value.output);
          store.loadOutputs(parsed.value);
        }
      }
      store.markSettingsLoaded();
      unsubscribe = useAppStore.subscribe((state, previous) => {
        const changed =
          state.outDir !== previous.outDir ||
          state.mode !== previous.mode ||
          state.workers !== previous.workers ||
          state.memoryBudgetMb !== previous.memoryBudgetMb ||
          state.redisText !== previous.redisText ||
          state.chain !== previous.chain ||
          state.output !== previous.output ||
          state.outputRows !== previous.outputRows ||
          state.manifest !== previous.manifest;
        if (!changed) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(
          () => void call((api) => api.settingsSet(settingsOf(useAppStore.getState()))),
          SAVE_DELAY_MS,
        );
      });
    })();

    return () => {
      cancelled = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, []);
}
