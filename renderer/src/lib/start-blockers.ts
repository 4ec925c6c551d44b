// Why Start cannot be pressed yet, as sentences shown beside it. Only what the renderer knows for
// sure is checked here; everything else (an output folder inside an input, a folder that vanished)
// is the engine's to refuse after Start, with its own message.

export interface StartReadiness {
  queueLength: number;
  outDir: string;
  /** The spec check's field when the settings are invalid, or null when they are valid. */
  invalidField: string | null;
  /** A benchmark needs the cores to itself; a batch beside it would skew both. */
  benchmarkRunning?: boolean;
}

export interface StartBlocker {
  text: string;
  /** `missing`: something still to add; `invalid`: a setting to correct (shown as an error). */
  kind: 'missing' | 'invalid';
  /** The id of the control that fixes it, when there is one: the run bar can move the focus there. */
  target?: string;
}

export function startBlockers({
  queueLength,
  outDir,
  invalidField,
  benchmarkRunning = false,
}: StartReadiness): StartBlocker[] {
  const blockers: StartBlocker[] = [];
  if (benchmarkRunning) blockers.push({ text: 'Wait for the benchmark to finish, or cancel it', kind: 'missing' });
  if (queueLength === 0) blockers.push({ text: 'Add a folder or image to the queue', kind: 'missing' });
  if (outDir.trim() === '')
    blockers.push({ text: 'Choose an output folder', kind: 'missing', target: 'output-folder' });
  if (invalidField !== null)
    blockers.push({ text: `Start is disabled until the settings are valid (${invalidField}).`, kind: 'invalid' });
  return blockers;
}
