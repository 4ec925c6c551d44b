// The Benchmark view: race the worker modes and counts on a sample of the queued images, show
// the result as a chart, a table and one sentence, and apply the winner with one click.
import { lazy, Suspense } from 'react';
import { WORKER_MODES } from '../../../common/concurrency';
import { formatRate, pluralNoun } from '../../../common/format';
import { type AppBenchResult, BENCH_LIMITS } from '../../../common/ipc';
import { benchRecipeLine } from '../lib/bench-recipe';
import { useAppStore } from '../store';
import { BENCH_ROUND_CHOICES, settingLabel } from '../store/bench-slice';
import { isBatchActive } from '../store/run-slice';
import { effectiveWorkers } from '../store/settings-slice';
import { useSpecCheck } from '../store/use-spec-check';
import { ProgressBar } from './ProgressBar';
import { SelectField } from './SelectField';

// The charting library is most of the renderer's code and only this view's results use it: it
// loads when the first chart is drawn, not with the window.
const BenchmarkChart = lazy(() => import('./BenchmarkChart').then((m) => ({ default: m.BenchmarkChart })));

/** "processes, threads, inline and auto": every fixed mode races, and auto beside them. */
const RACING_MODES = `${WORKER_MODES.join(', ')} and auto`;

const ROUND_LABELS = { '1': '1 (quick)', '3': '3 (default)', '5': '5 (steadier)' } as const;

/** "Uses 12 of the 40 queued images": what the benchmark will race on, as far as counted. */
function sampleSentence(counts: readonly (number | null)[], counting: boolean): string {
  if (counts.length === 0) return 'Add a folder or image to the queue first: the benchmark runs on your own images.';
  const total = counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  if (total === 0) return counting ? 'Counting the queued images…' : 'The queue holds no images to benchmark.';
  const used = Math.min(BENCH_LIMITS.sampleSize, total);
  const found = `${total}${counting ? '+' : ''}`;
  return `Uses ${used} of the ${found} queued ${pluralNoun(total, 'image')}, spread evenly over the queue.`;
}

export function BenchmarkView() {
  const queue = useAppStore((s) => s.queue);
  const appInfo = useAppStore((s) => s.appInfo);
  const batchActive = useAppStore((s) => isBatchActive(s.status));
  const status = useAppStore((s) => s.benchStatus);
  const rounds = useAppStore((s) => s.benchRounds);
  const progress = useAppStore((s) => s.benchProgress);
  const error = useAppStore((s) => s.benchError);
  const result = useAppStore((s) => s.benchResult);
  const setRounds = useAppStore((s) => s.setBenchRounds);
  const run = useAppStore((s) => s.runBenchmark);
  const cancel = useAppStore((s) => s.cancelBenchmark);
  const busy = status === 'running' || status === 'cancelling';
  const cores = effectiveWorkers(0, appInfo);
  const workerCounts = [...new Set([1, cores])].join(' and ');
  const counting = queue.some((item) => item.counting);
  const noImages = queue.length === 0 || (!counting && queue.every((item) => !item.count));
  const spec = useSpecCheck();
  const recipe = useAppStore((s) => s.benchRecipe);
  // While it runs and once it ran: the recipe it measured, not one edited since.
  const measured = busy || result ? recipe : spec.ok ? benchRecipeLine(spec.value) : null;

  return (
    <section className="panel bench-panel" aria-labelledby="bench-heading">
      <header className="panel-header">
        <h2 id="bench-heading">Benchmark</h2>
        <span className="muted">
          {RACING_MODES} at {workerCounts} {pluralNoun(cores, 'worker')}
        </span>
      </header>
      <p className="bench-intro">
        Which is faster on <em>your</em> images and <em>your</em> recipe: threads or processes, and does Auto find it?
        Each setting runs your chain and output format as a real batch, in rounds whose order rotates, and the median
        counts. Worker start-up is left out: a real batch pays it once.
      </p>
      <p className="bench-recipe" data-testid="bench-recipe">
        {measured ? (
          <>
            {busy || result ? 'Measured' : 'Measures'}: <strong>{measured}</strong>
          </>
        ) : (
          'Correct the recipe first: the benchmark runs it.'
        )}
      </p>
      <p className="bench-sample" data-testid="bench-sample">
        {sampleSentence(
          queue.map((item) => item.count),
          counting,
        )}
      </p>
      <div className="bench-controls">
        <fieldset className="plain-fieldset" disabled={busy}>
          <SelectField
            label="Rounds"
            value={rounds}
            options={BENCH_ROUND_CHOICES}
            labels={ROUND_LABELS}
            onChange={setRounds}
          />
        </fieldset>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={busy || noImages || batchActive || !spec.ok}
            onClick={() => void run()}
          >
            Run benchmark
          </button>
          <button type="button" className="danger" disabled={status !== 'running'} onClick={() => void cancel()}>
            {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </div>
      {batchActive && !busy && (
        <p className="hint muted">A batch is running; the benchmark waits for the cores to be free.</p>
      )}
      {busy && (
        <div className="bench-progress">
          <ProgressBar
            value={progress?.done ?? 0}
            max={progress?.total ?? 0}
            label="Benchmark progress"
            testId="bench-progress"
          />
          <p className="hint muted" aria-live="polite">
            {progress?.current
              ? `Running ${progress.current}… (${progress.done} of ${progress.total} runs done)`
              : 'Picking the images…'}
          </p>
        </div>
      )}
      {error && (
        <p className="field-message" role="alert">
          {error}
        </p>
      )}
      {result && <BenchmarkResult result={result} />}
    </section>
  );
}

function BenchmarkResult({ result }: { result: AppBenchResult }) {
  const locked = useAppStore((s) => isBatchActive(s.status));
  const applied = useAppStore((s) => s.benchApplied);
  const apply = useAppStore((s) => s.applyBestSetting);
  const best = result.best;
  const isBest = (c: AppBenchResult['contenders'][number]) => best?.mode === c.mode && best.workers === c.workers;

  return (
    <div className="bench-result">
      <p className="bench-sentence" data-testid="bench-sentence">
        {result.sentence}
      </p>
      {best && (
        <div className="bench-apply">
          <button type="button" className="primary-outline" disabled={locked} onClick={apply}>
            Use {settingLabel(best)}
          </button>
          {applied === settingLabel(best) && (
            <span className="muted">The Workers panel now runs {applied}; it is saved with your settings.</span>
          )}
        </div>
      )}
      <Suspense fallback={<p className="muted">Drawing the chart…</p>}>
        <BenchmarkChart
          contenders={result.contenders}
          label={`Images per second by worker count: ${result.sentence}`}
        />
      </Suspense>
      <table className="bench-table">
        <caption className="visually-hidden">Benchmark figures per setting</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Images/s</th>
            <th scope="col">Median time</th>
            <th scope="col">vs inline</th>
            <th scope="col">vs fastest</th>
          </tr>
        </thead>
        <tbody>
          {result.contenders.map((c) => (
            <tr key={`${c.mode}-${c.workers}`} className={isBest(c) ? 'bench-best' : undefined}>
              <th scope="row">
                <span className={`bench-swatch bench-mode-${c.mode}`} aria-hidden="true" />
                {settingLabel(c)}
                {isBest(c) && <span className="visually-hidden"> (fastest)</span>}
              </th>
              <td>{c.imagesPerSecond === null ? 'failed' : formatRate(c.imagesPerSecond)}</td>
              <td>{c.medianSeconds === null ? '–' : `${c.medianSeconds.toFixed(2)} s`}</td>
              <td>{c.vsInline === null ? '–' : `${c.vsInline.toFixed(2)}×`}</td>
              <td>{c.mode === 'auto' && result.autoVsBest !== null ? `${result.autoVsBest.toFixed(2)}×` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.contenders.some((c) => c.failedRuns > 0) && (
        <p className="hint muted">Some runs processed no image and were left out of the figures.</p>
      )}
    </div>
  );
}
