// One batch: scan the inputs as a stream, plan each output, keep the pool fed through a bounded
// window of jobs, and report every file exactly once. Pause holds dispatch; cancel stops the scan,
// stops running jobs and removes their temp files.
import { rm } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { debuglog } from 'node:util';
import { fileError, fileSystemError } from '../../common/errors.js';
import type { EngineEvent } from '../../common/events.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import { type RecipeOutput, recipeOutputs } from '../../common/recipes.js';
import { fileWarning } from '../../common/warnings.js';
import { decideOutput } from './decide.js';
import {
  Journal,
  type RecordEntry,
  type RecordInput,
  recipeKey,
  type SourceHash,
  sourceHash,
  type Verdict,
} from './journal.js';
import { lookAhead } from './look-ahead.js';
import { writeManifest } from './manifest.js';
import { OutputFolders } from './output-folders.js';
import { OwnOutputs } from './own-outputs.js';
import { createOutputPlanner, type PlannedOutput } from './plan-output.js';
import { PoolDriver } from './pool-driver.js';
import { type PreparedBatch, prepareBatch } from './prepare-batch.js';
import { ProgressTracker } from './progress.js';
import { type PlannedRecipe, planRecipe, withSkipped, writtenPaths } from './recipe-targets.js';
import { followRename, renameTarget } from './renames.js';
import { type ScanImage, type ScanItem, scanInputs } from './scan.js';
import { ownOutputOf, recordInputOf, type SourceState, sourceState } from './source-state.js';
import type { BatchHandle, BatchOptions, JobQueue } from './types.js';

const debug = debuglog('pixmill');

type Examined = { own: true } | { own: false; journalInput: RecordInput; hash: SourceHash; state: SourceState };

export function startBatch(options: BatchOptions): BatchHandle {
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) abort.abort();
  const tracker = new ProgressTracker(options.inputs ?? []);
  let queue: JobQueue | undefined;
  let wake: () => void = () => {};
  let inHand: () => number = () => 0;

  const emit = (event: EngineEvent) => options.onEvent?.(event);
  let dirty = true;
  let lastRunning = -1;
  const emitProgress = () => {
    dirty = false;
    const progress = tracker.snapshot(inHand());
    lastRunning = progress.running;
    emit({ type: 'progress', ...progress });
  };
  const control = {
    pause() {
      tracker.setPaused(true);
      queue?.pause();
      emitProgress();
    },
    resume() {
      tracker.setPaused(false);
      queue?.resume();
      wake();
      emitProgress();
    },
    cancel() {
      abort.abort();
      wake();
    },
  };
  abort.signal.addEventListener('abort', () => wake(), { once: true });

  const done = (async () => {
    const prepared = await prepareBatch(options);
    // The batch is where the pool meets the image worker: its callers may bring spawners of their
    // own, or a queue that other machines take the jobs from.
    const local = options.queue ? undefined : new PoolDriver(prepared, options, emit);
    const driver: JobQueue = local ?? options.queue!(prepared, emit);
    queue = driver;
    if (tracker.paused) driver.pause();
    const interval = options.progressIntervalMs ?? 100;
    // A change in the files in hand is news even when no count moved: the last running job
    // leaving its worker is what makes a pause take effect.
    const timer = setInterval(() => {
      if (dirty || inHand() !== lastRunning) emitProgress();
    }, interval);
    const onResult = () => {
      dirty = true;
      wake();
    };
    try {
      await feed(
        prepared,
        driver,
        tracker,
        emit,
        abort.signal,
        onResult,
        (w) => (wake = w),
        (count) => (inHand = count),
      );
    } finally {
      clearInterval(timer);
      await driver.close();
      options.signal?.removeEventListener('abort', onOuterAbort);
      if (local) options.onPoolStats?.(local.pool.stats);
    }
    emitProgress();
    const summary = { ...tracker.summary(abort.signal.aborted), ...driver.reports() };
    emit({ type: 'summary', ...summary });
    return summary;
  })();
  return { ...control, done };
}

async function feed(
  batch: PreparedBatch,
  driver: JobQueue,
  tracker: ProgressTracker,
  emit: (e: EngineEvent) => void,
  signal: AbortSignal,
  onResult: () => void,
  setWake: (w: () => void) => void,
  setInHand: (count: () => number) => void,
): Promise<void> {
  const planner = createOutputPlanner({
    outDir: batch.outDir,
    output: batch.spec.output,
    now: new Date(),
    roots: batch.inputs,
  });
  // Without a journal the batch still runs; only an interrupted run would redo its files.
  const journal = await Journal.open(batch.outDir, batch.resume).catch((e: unknown): undefined => {
    debug('journal: none for this batch: %s', e);
    return undefined;
  });
  const recipeHash = recipeKey(batch.spec);
  // A recipe with several outputs; undefined for the one output `spec.output` describes.
  const recipe = batch.spec.outputs.length > 0 ? recipeOutputs(batch.spec) : undefined;
  const dirs = new OutputFolders(batch.outDir);
  const ownOutputs = new OwnOutputs();
  const outputIndexes = recipe ? recipe.map((o) => o.index) : [undefined];
  // Enough jobs in hand that no worker idles between two, and the scan is pulled only as fast as
  // the workers drain, so memory stays flat however large the tree.
  const window = driver.window;
  const running = new Set<Promise<void>>();
  let n = 0;
  let checkingJournal = false;
  // Jobs on no worker (held by a pause among them: they cannot finish until resume) are not in
  // hand; nor are files waiting for another job to settle before they can be named.
  setInHand(() => running.size - driver.waiting - planner.waiting + (checkingJournal ? 1 : 0));

  const waitForRoom = () =>
    new Promise<void>((resolve) => {
      setWake(resolve);
      if ((running.size < window && !tracker.paused) || signal.aborted) resolve();
    });

  // Dispatch pulls the scan only as fast as the pool drains; a second walk that only counts runs
  // ahead, so the total and the time left are known long before the last file is dispatched.
  const countStop = new AbortController();
  // Counting is advisory: should it fail, the scan that dispatches still gives the final total.
  const counting = countAhead(batch, journal, tracker, AbortSignal.any([signal, countStop.signal]), onResult).catch(
    (e: unknown) => debug('batch: the look-ahead count stopped: %s', e),
  );
  const scan = scanInputs(batch.inputs, {
    exclude: batch.exclude,
    signal,
    only: batch.only,
    known: journal,
  });
  // Each image's standing against the record is looked up while the ones before it are handled.
  // The scan's paths are normalised: a prefix test says what path.relative would, 100,000 times cheaper.
  const outPrefix = batch.outDir.endsWith(sep) ? batch.outDir : batch.outDir + sep;
  const inOutput = (path: string) => path === batch.outDir || path.startsWith(outPrefix);
  const examine = (item: ScanItem) => (item.kind === 'image' && !inOutput(item.path) ? examineSource(item) : undefined);
  for await (const { item, early } of lookAhead(scan, examine, 32)) {
    // A pause holds every outcome, not only dispatch: resumed files and scan errors wait too.
    while (tracker.paused && !signal.aborted) await waitForRoom();
    if (signal.aborted) break;
    if (item.kind === 'root-done') {
      tracker.scanDone(item.root);
      onResult();
      continue;
    }
    if (item.kind === 'error') {
      const row = { file: item.path, root: item.root, ...fileError(item.code, 'scan', item.detail, item.message) };
      tracker.fail(row, false);
      emit({ type: 'file-failed', ...row });
      onResult();
      continue;
    }
    if (item.kind === 'ignored') {
      const row = { file: item.path, root: item.root, reason: item.reason, message: item.message };
      tracker.ignore(row);
      emit({ type: 'file-ignored', ...row });
      onResult();
      continue;
    }
    tracker.dispatched(item.root);
    if (inOutput(item.path)) {
      const row = {
        file: item.path,
        root: item.root,
        ...fileError(
          'OUTPUT_IS_INPUT',
          'plan',
          undefined,
          'This file is inside the output folder; Pixmill never processes its own output folder, so that no original can be replaced.',
        ),
      };
      tracker.fail(row, true);
      emit({ type: 'file-failed', ...row });
      continue;
    }
    checkingJournal = true;
    const examined = await early!;
    checkingJournal = false;
    // Pixmill's own outputs met again are not compressed again, unless asked.
    if (examined.own) {
      tracker.skip(item.root, 'own-output');
      emit({ type: 'file-skipped', file: item.path, root: item.root, output: item.path, reason: 'own-output' });
      onResult();
      continue;
    }
    // Files up to date (or finished by an interrupted run, or renamed) need no worker, so they do not wait for one.
    const { journalInput, hash, state } = examined;
    if (state.kind === 'done') {
      for (const output of state.outputs) planner.claim(output);
      tracker.skip(item.root, state.reason);
      emit({ type: 'file-skipped', file: item.path, root: item.root, output: state.outputs[0]!, reason: state.reason });
      onResult();
      continue;
    }
    // Looked up ahead: a copy of the same content met earlier may have taken this rename already.
    if (state.kind === 'renamed' && journal && state.from.every((e) => journal.holds(e))) {
      const output = await moveRenamed(item, ++n, journalInput, state.from, journal);
      tracker.skip(item.root, 'renamed');
      emit({ type: 'file-skipped', file: item.path, root: item.root, output, reason: 'renamed' });
      onResult();
      continue;
    }
    if (hash.known) journalInput.hash = hash.known;
    const verdicts: Verdict[] = state.kind === 'work' ? state.verdicts : outputIndexes.map(() => ({ state: 'new' }));
    while ((running.size >= window || tracker.paused) && !signal.aborted) await waitForRoom();
    if (signal.aborted) break;
    const task = (
      recipe ? runRecipeJob(item, ++n, journalInput, recipe, verdicts) : runJob(item, ++n, journalInput, verdicts[0])
    ).finally(() => {
      running.delete(task);
      onResult();
    });
    running.add(task);
  }
  await Promise.all(running);
  countStop.abort();
  await counting;
  await journal?.close(!signal.aborted);

  /** What the record and the folders above say of a source, before it is handled. */
  async function examineSource(item: ScanImage): Promise<Examined> {
    if (!batch.recompress && (await ownOutputs.has(item.path, item.size))) return { own: true };
    const journalInput = recordInputOf(item, batch.inputs, recipeHash);
    const hash = sourceHash(item.path);
    return { own: false, journalInput, hash, state: await sourceState(journal, journalInput, outputIndexes, hash) };
  }

  /** Names the output (waiting, if need be, for a job holding the name), then runs the job. */
  async function runJob(item: ScanImage, id: number, journalInput: RecordInput, verdict?: Verdict): Promise<void> {
    let planned: PlannedOutput;
    try {
      planned = await planner.plan(item, id);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const row = { file: item.path, root: item.root, ...fileError('WRITE_FAILED', 'plan', detail) };
      tracker.fail(row, true);
      emit({ type: 'file-failed', ...row });
      return;
    }
    let written: string | undefined;
    try {
      if (signal.aborted) return;
      // --conflict skip with the name taken needs no decode; the batch's own earlier output of
      // this source is replaced where it stands rather than joined by a suffixed copy.
      const decision = await decideOutput(planned, batch.spec.output.conflict, ownOutputOf(verdict));
      if (decision.action === 'skip') {
        tracker.skip(item.root, 'exists');
        emit({ type: 'file-skipped', file: item.path, root: item.root, output: decision.output, reason: 'exists' });
        return;
      }
      const spec = decision.replaces
        ? { ...batch.spec, output: { ...batch.spec.output, conflict: 'overwrite' as const } }
        : batch.spec;
      const job: ImageJob = {
        id,
        input: item.path,
        outDir: planned.outDir,
        nameTemplate: planned.nameTemplate,
        tempPath: planned.tempPath,
        spec,
        ...(journal?.path ? { journal: { path: journal.path, entry: journalInput } } : {}),
      };
      emit({ type: 'file-started', file: item.path, root: item.root });
      written = reportResult(job, item.root, await runOnPool(job));
    } finally {
      planner.settle(planned, written);
    }
  }

  /** A source with several outputs: each named and decided on its own, the rest done by one job. */
  async function runRecipeJob(
    item: ScanImage,
    id: number,
    journalInput: RecordInput,
    outputs: RecipeOutput[],
    verdicts: Verdict[],
  ): Promise<void> {
    let plan: PlannedRecipe;
    const own = (output: number) => ownOutputOf(verdicts[outputs.findIndex((o) => o.index === output)]);
    try {
      plan = await planRecipe(planner, item, id, outputs, batch.spec.output.conflict, own, item.size);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const row = { file: item.path, root: item.root, ...fileError('WRITE_FAILED', 'plan', detail) };
      tracker.fail(row, true);
      emit({ type: 'file-failed', ...row });
      return;
    }
    let written = new Map<number, string>();
    try {
      if (signal.aborted) return;
      const [first] = plan.targets;
      if (!first) {
        const skip = plan.skipped[0]!.result as Extract<JobResult, { status: 'skipped' }>;
        tracker.skip(item.root, 'exists');
        emit({ type: 'file-skipped', file: item.path, root: item.root, output: skip.output, reason: 'exists' });
        return;
      }
      const job: ImageJob = {
        id,
        input: item.path,
        outDir: first.outDir,
        nameTemplate: first.nameTemplate,
        tempPath: first.tempPath,
        spec: batch.spec,
        targets: plan.targets,
        ...(journal?.path ? { journal: { path: journal.path, entry: journalInput } } : {}),
      };
      emit({ type: 'file-started', file: item.path, root: item.root });
      let result = withSkipped(await runOnPool(job), plan.skipped);
      written = writtenPaths(result);
      if (batch.spec.manifest !== 'none' && result.status === 'done' && result.outputs)
        result = await withManifest(result, item);
      reportResult(job, item.root, result);
    } finally {
      for (const [i, planned] of plan.planned.entries()) planner.settle(planned, written.get(outputs[i]!.index));
    }
  }

  /**
   * A renamed source: each output follows it to the name it now gives (renames.ts); the name is
   * planned like any output's, so it is held against the rest of the batch. Returns the first.
   */
  async function moveRenamed(
    item: ScanImage,
    id: number,
    input: RecordInput,
    from: RecordEntry[],
    record: Journal,
  ): Promise<string> {
    const moved: string[] = [];
    for (const [i, o] of (recipe ?? [undefined]).entries()) {
      const entryInput = o ? { ...input, output: o.index } : input;
      const as = o ? { output: o.output, ...(o.folder ? { folder: o.folder } : {}) } : undefined;
      const planned = await planner.plan(item, id, as).catch((e: unknown) => debug('rename: not planned: %s', e));
      const target = planned ? renameTarget(from[i]!, planned, batch.spec.manifest !== 'none') : undefined;
      const out = await followRename(record, from[i]!, entryInput, target);
      if (planned) planner.settle(planned, out);
      else planner.claim(out);
      moved.push(out);
    }
    return moved[0]!;
  }

  /** Writes the source's manifest; one that cannot be written is a warning on the file, never silent. */
  async function withManifest(result: Extract<JobResult, { status: 'done' }>, item: ScanImage): Promise<JobResult> {
    const { manifest, output } = batch.spec;
    try {
      await writeManifest(manifest, item.path, planner.folderOf(item), result.outputs ?? [], output.conflict);
      return result;
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const warning = fileWarning(
        'MANIFEST_NOT_WRITTEN',
        `The ${manifest.toUpperCase()} manifest could not be written: ${detail}`,
      );
      return { ...result, warnings: [...(result.warnings ?? []), warning] };
    }
  }

  async function runOnPool(job: ImageJob): Promise<JobResult> {
    let result: JobResult;
    const dirsOf = [...new Set([job.outDir, ...(job.targets ?? []).map((t) => t.outDir)])];
    const entered: string[] = [];
    try {
      for (const dir of dirsOf) {
        await dirs.enter(dir);
        entered.push(dir);
      }
      tracker.started();
      const left = tracker.totalKnown
        ? tracker.total - tracker.processed - tracker.failed - tracker.skipped
        : undefined;
      result = await driver.run(job, signal, left);
    } catch (e) {
      result = { status: 'failed', ...fileSystemError(e, 'write') };
    }
    // A worker that died leaves the temp files of every target; one that answered removed its own.
    if (result.status !== 'done') {
      const temps = [job.tempPath, ...(job.targets ?? []).map((t) => t.tempPath)];
      await Promise.all(
        temps.map((t) => rm(t, { force: true }).catch((e: unknown) => debug('temp file %s not removed: %s', t, e))),
      );
    }
    const wrote = new Set(
      (result.outputs ?? []).flatMap((o) => (o.result.status === 'done' ? [dirname(o.result.output)] : [])),
    );
    for (const dir of entered) await dirs.leave(dir, job.targets ? wrote.has(dir) : result.status === 'done');
    return result;
  }

  /** Counts and emits a job's outcome; returns the output it wrote, if any. */
  function reportResult(job: ImageJob, root: number, result: JobResult): string | undefined {
    if (result.status === 'done') {
      tracker.done(root, result.bytesIn, result.bytesOut);
      if (result.warnings?.length)
        tracker.warn({ file: job.input, root, output: result.output, warnings: result.warnings });
      emit({
        type: 'file-done',
        file: job.input,
        root,
        output: result.output,
        width: result.width,
        height: result.height,
        bytesIn: result.bytesIn,
        bytesOut: result.bytesOut,
        timings: result.timings,
        ...(result.warnings ? { warnings: result.warnings } : {}),
        ...(result.encoding ? { encoding: result.encoding } : {}),
        ...(result.outputs ? { outputs: result.outputs } : {}),
      });
      return result.output;
    }
    if (result.status === 'skipped') {
      tracker.skip(root, result.reason === 'larger' ? 'larger' : 'exists', true);
      if (result.warnings?.length)
        // Nothing was written, so the row names no output.
        tracker.warn({ file: job.input, root, output: '', warnings: result.warnings });
      emit({
        type: 'file-skipped',
        file: job.input,
        root,
        output: result.output,
        reason: result.reason,
        ...(result.warnings ? { warnings: result.warnings } : {}),
        ...(result.outputs ? { outputs: result.outputs } : {}),
      });
    } else if (result.code !== 'CANCELLED' || !signal.aborted) {
      const { status: _, outputs, ...error } = result;
      const row = { file: job.input, root, ...error };
      tracker.fail(row, true, true);
      emit({ type: 'file-failed', ...row, ...(outputs ? { outputs } : {}) });
    }
    return undefined;
  }
}

/** Counts images (and scan errors, rows like them) per root without holding any: numbers only, so memory stays flat. */
async function countAhead(
  batch: PreparedBatch,
  known: Journal | undefined,
  tracker: ProgressTracker,
  signal: AbortSignal,
  onChange: () => void,
): Promise<void> {
  const options = { exclude: batch.exclude, signal, only: batch.only, known, countOnly: true };
  for await (const item of scanInputs(batch.inputs, options)) {
    if (item.kind === 'image' || item.kind === 'error') tracker.counted(item.root);
    else if (item.kind === 'root-done') {
      tracker.countDone(item.root);
      onChange();
    }
  }
}
