// `pixmill watch`: keeps the inputs watched and processes what arrives, burst by burst, until
// Ctrl-C. Each burst prints as a run does (a progress bar on a terminal, a line per failed file)
// and ends with one summary line; `--json` prints every event as one JSON line instead. Exit codes:
// 0 stopped by Ctrl-C or SIGTERM, 1 the watch stopped by itself (the output folder went away),
// 2 bad usage.
import { stat } from 'node:fs/promises';
import type { EngineEvent, WatchEvent } from '../../common/events.js';
import { BatchOptionsError } from '../../workers/batch/prepare-batch.js';
import { asUsageError } from '../batch-refusal.js';
import { engineOptionsOf, runSettingsFromFlags } from '../options.js';
import { createProgressView, type ProgressView } from '../progress-bar.js';
import { formatAnswer, formatFailure, formatWarnings } from '../report.js';
import { onInterrupt } from '../signals.js';
import { EXIT } from '../usage-error.js';
import { DEBOUNCE_MS, parseMilliseconds, STABLE_MS, type WatchFlags } from './watch-options.js';
import { addBatch, backLine, burstLine, emptyWatchTotals, goneLine, totalsLine, watchingLine } from './watch-report.js';

export async function watchCommand(inputs: string[], flags: WatchFlags): Promise<number> {
  const settings = await runSettingsFromFlags(inputs, flags);
  const debounceMs = parseMilliseconds('--debounce', flags.debounce, DEBOUNCE_MS);
  const stableMs = parseMilliseconds('--stable', flags.stable, STABLE_MS);
  const folders = (await Promise.all(settings.inputs.map((p) => stat(p).then((s) => s.isDirectory())))).filter(
    Boolean,
  ).length;
  // Loaded only when a watch really runs, so `--help` starts instantly.
  const { startWatch } = await import('../../workers/batch/watch.js');

  const totals = emptyWatchTotals();
  let view: ProgressView | undefined;
  let stoppedBy: string | undefined;
  const say = (line: string): void => (view ? view.log(line) : void process.stderr.write(`${line}\n`));
  const onEvent = (event: EngineEvent | WatchEvent): void => {
    if (settings.json) process.stdout.write(`${JSON.stringify(event)}\n`);
    const answer = flags.verbose && !settings.json ? formatAnswer(event as EngineEvent) : undefined;
    if (answer) say(answer);
    switch (event.type) {
      case 'watch-batch':
        view = createProgressView();
        return;
      case 'progress':
        if (!settings.quiet) view?.update(event);
        return;
      case 'summary':
        view?.stop();
        view = undefined;
        addBatch(totals, event);
        if (!settings.json) process.stdout.write(`${burstLine(event, settings.outDir)}\n`);
        return;
      case 'watch-ready':
        if (!settings.quiet) say(watchingLine(folders, settings.inputs.length - folders));
        return;
      case 'watch-folder-gone':
        if (!settings.quiet) say(goneLine(event.root));
        return;
      case 'watch-folder-back':
        if (!settings.quiet) say(backLine(event.root));
        return;
      case 'watch-stopped':
        stoppedBy = event.reason;
        return;
      case 'file-failed':
        if (!settings.json) say(formatFailure(event));
        return;
      case 'file-done':
      case 'file-skipped':
        if (event.warnings && !settings.json && !settings.quiet)
          for (const line of formatWarnings({ file: event.file, warnings: event.warnings })) say(line);
        return;
    }
  };

  const handle = startWatch({
    ...engineOptionsOf(settings),
    debounceMs,
    stableMs,
    onEvent,
  });
  // Ctrl-C stops the watch: the running batch is cancelled as `run` cancels; a second one quits at once.
  const signals = onInterrupt(() => void handle.stop(), say, 'Stopping…');
  try {
    await handle.done;
  } catch (err) {
    throw err instanceof BatchOptionsError ? asUsageError(err) : err;
  } finally {
    signals.dispose();
    view?.stop();
  }
  if (!settings.json) process.stdout.write(`${totalsLine(totals, settings.outDir)}\n`);
  if (signals.received()) return EXIT.ok;
  // The watch ended by itself: say why where a person looks.
  process.stderr.write(`pixmill watch: ${stoppedBy ?? 'the watch ended'}\n`);
  return EXIT.someFailed;
}
