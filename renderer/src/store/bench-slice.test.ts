import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppBenchResult, PixmillApi, Result } from '../../../common/ipc';
import { useAppStore } from './index';
import { checkSpec } from './spec';

const result: AppBenchResult = {
  images: 12,
  rounds: 3,
  contenders: [
    { mode: 'processes', workers: 2, medianSeconds: 2, imagesPerSecond: 6, vsInline: 1.8, failedRuns: 0 },
    { mode: 'inline', workers: 2, medianSeconds: 3.6, imagesPerSecond: 3.3, vsInline: 1, failedRuns: 0 },
  ],
  best: { mode: 'processes', workers: 2 },
  autoVsBest: null,
  sentence: 'processes at 2 workers: 1.8× inline on these images (12 photos, 3 rounds).',
};

const sent: unknown[] = [];
function fakeBridge(answer: Result<AppBenchResult>): void {
  const api = {
    benchRun: async (req: unknown) => {
      sent.push(req);
      return answer;
    },
    benchCancel: async () => ({ ok: true, value: null }),
  } as Partial<PixmillApi>;
  (globalThis as unknown as { window: { pixmill: Partial<PixmillApi> } }).window = { pixmill: api };
}

describe('bench slice', () => {
  beforeEach(() => {
    sent.length = 0;
    useAppStore.setState({
      queue: [{ path: '/photos', kind: 'folder', count: 40, counting: false, problem: null }],
      status: 'idle',
      mode: 'auto',
      workers: 3,
      benchStatus: 'idle',
      benchRounds: '1',
      benchResult: null,
      benchError: null,
      benchApplied: null,
    });
  });
  afterEach(() => delete (globalThis as { window?: unknown }).window);

  it('runs on the queued paths with the chosen rounds, then applies the winner to the workers settings', async () => {
    fakeBridge({ ok: true, value: result });
    await useAppStore.getState().runBenchmark();
    const spec = checkSpec(useAppStore.getState());
    expect(spec.ok).toBe(true);
    expect(sent).toEqual([{ inputs: ['/photos'], rounds: 1, spec: spec.ok && spec.value }]);
    expect(useAppStore.getState()).toMatchObject({ benchStatus: 'done', benchResult: result });
    useAppStore.getState().applyBestSetting();
    // From Auto to the fixed setting that won: "Use" applies a setting, never auto.
    expect(useAppStore.getState()).toMatchObject({ mode: 'processes', workers: 2, benchApplied: 'processes × 2' });
  });

  it("sends the person's own chain and output format, and says which it measured", async () => {
    fakeBridge({ ok: true, value: result });
    const store = useAppStore.getState();
    store.addStep('sharpen');
    store.setOutput('format', 'webp');
    await useAppStore.getState().runBenchmark();
    const request = sent[0] as { spec: { steps: { op: string }[]; output: { format: string } } };
    expect(request.spec.steps.map((step) => step.op)).toContain('sharpen');
    expect(request.spec.output.format).toBe('webp');
    expect(useAppStore.getState().benchRecipe).toMatch(/Sharpen → WebP, quality \d+$/);
  });

  it('shows a refusal, says nothing for a cancel, and never runs beside a batch', async () => {
    fakeBridge({
      ok: false,
      code: 'FAILED',
      message: 'A benchmark is already running; wait for it to finish or cancel it first.',
    });
    await useAppStore.getState().runBenchmark();
    expect(useAppStore.getState()).toMatchObject({
      benchStatus: 'idle',
      benchError: expect.stringMatching(/already running/),
    });
    fakeBridge({ ok: false, code: 'CANCELLED', message: 'The benchmark was cancelled.' });
    await useAppStore.getState().runBenchmark();
    expect(useAppStore.getState()).toMatchObject({
      benchStatus: 'idle',
      benchError: null,
      announcement: 'Benchmark cancelled.',
    });
    useAppStore.setState({ status: 'running' });
    sent.length = 0;
    await useAppStore.getState().runBenchmark();
    expect(sent).toEqual([]);
    expect(useAppStore.getState().benchError).toMatch(/batch/);
  });
});
