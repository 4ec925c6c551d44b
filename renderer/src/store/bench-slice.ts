// The Benchmark view: which view shows, the benchmark's rounds, progress, result or refusal, and
// applying its winner to the Workers panel (which the settings sync then saves).
import type { AppBenchResult, EventMap } from '../../../common/ipc';
import { benchRecipeLine } from '../lib/bench-recipe';
import { call, refusalText } from '../lib/bridge';
import type { SliceCreator } from './app-state';
import { isBatchActive } from './run-slice';
import { checkSpec } from './spec';

/** What the middle of the window shows: the preview (batch), the Benchmark, or the plan before Start. */
export type AppView = 'batch' | 'benchmark' | 'plan';
export type BenchStatus = 'idle' | 'running' | 'cancelling' | 'done';

export const BENCH_ROUND_CHOICES = ['1', '3', '5'] as const;
export type BenchRounds = (typeof BENCH_ROUND_CHOICES)[number];

export interface BenchSlice {
  view: AppView;
  benchStatus: BenchStatus;
  benchRounds: BenchRounds;
  benchProgress: EventMap['bench:progress'] | null;
  benchResult: AppBenchResult | null;
  /** The recipe the running or last benchmark measured, in words ("Resize → WebP, quality 80"). */
  benchRecipe: string | null;
  benchError: string | null;
  /** Set once the winner has been applied, so the view can say so. */
  benchApplied: string | null;
  setView(view: AppView): void;
  setBenchRounds(rounds: BenchRounds): void;
  runBenchmark(): Promise<void>;
  cancelBenchmark(): Promise<void>;
  applyBenchProgress(progress: EventMap['bench:progress']): void;
  applyBestSetting(): void;
}

/** "processes × 2" (auto: "auto, at most 2"): the button's, the table's and the announcement's name for a setting. */
export const settingLabel = (c: { mode: string; workers: number }): string =>
  c.mode === 'auto' ? `auto, at most ${c.workers}` : `${c.mode} × ${c.workers}`;

export const createBenchSlice: SliceCreator<BenchSlice> = (set, get) => ({
  view: 'batch',
  benchStatus: 'idle',
  benchRounds: '3',
  benchProgress: null,
  benchResult: null,
  benchRecipe: null,
  benchError: null,
  benchApplied: null,
  setView(view) {
    set({ view });
  },
  setBenchRounds(benchRounds) {
    set({ benchRounds });
  },

  async runBenchmark() {
    const s = get();
    if (s.benchStatus === 'running' || s.benchStatus === 'cancelling') return;
    // A batch and a benchmark would share the cores, and the benchmark's answer would be wrong.
    if (isBatchActive(s.status)) {
      set({ benchError: 'Wait for the batch to finish: the benchmark needs the cores to itself.' });
      return;
    }
    // The person's own recipe is what is measured: its steps and its format decide the fastest setting.
    const spec = checkSpec(s);
    if (!spec.ok) {
      set({ benchError: `Correct the recipe first: the benchmark runs it. ${spec.message}` });
      return;
    }
    const inputs = s.queue.map((item) => item.path);
    set({
      benchStatus: 'running',
      benchRecipe: benchRecipeLine(spec.value),
      benchProgress: null,
      benchResult: null,
      benchError: null,
      benchApplied: null,
      announcement: 'Benchmark started.',
    });
    const result = await call((api) => api.benchRun({ inputs, rounds: Number(s.benchRounds), spec: spec.value }));
    if (result.ok) {
      set({
        benchStatus: 'done',
        benchResult: result.value,
        announcement: `Benchmark finished: ${result.value.sentence}`,
      });
    } else {
      const cancelled = result.code === 'CANCELLED';
      set({
        benchStatus: 'idle',
        benchProgress: null,
        benchError: cancelled ? null : refusalText(result),
        announcement: cancelled ? 'Benchmark cancelled.' : 'The benchmark could not run.',
      });
    }
  },

  async cancelBenchmark() {
    if (get().benchStatus !== 'running') return;
    set({ benchStatus: 'cancelling' });
    const result = await call((api) => api.benchCancel());
    // NOT_FOUND: it ended on its own meanwhile; runBenchmark has already settled the state.
    if (!result.ok && result.code !== 'NOT_FOUND') set({ benchStatus: 'running', benchError: refusalText(result) });
  },

  applyBenchProgress(benchProgress) {
    if (get().benchStatus === 'running' || get().benchStatus === 'cancelling') set({ benchProgress });
  },

  applyBestSetting() {
    const s = get();
    const best = s.benchResult?.best;
    if (!best || isBatchActive(s.status)) return;
    s.setMode(best.mode);
    s.setWorkers(best.workers);
    const label = settingLabel(best);
    set({ benchApplied: label, announcement: `Workers set to ${label}.` });
  },
});
