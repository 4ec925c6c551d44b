// Why Start cannot be pressed yet, as sentences shown beside it. Only what the renderer knows for
// sure is checked here; everything else (an output folder inside an input, a folder that vanished)
// is the engine's to refuse after Start, with its own message.

/** The id the output folder's field carries, so a blocker can move the focus there. */
export const OUTPUT_FOLDER_ID = 'output-folder';
/** The id of the control that adds a step (the filter picker). */
export const ADD_STEP_ID = 'add-step';

export interface StartReadiness {
  queueLength: number;
  outDir: string;
  /** Every invalid setting, in words, each with the id of its control. */
  issues?: readonly { summary: string; target: string }[];
  /** Older callers: the first invalid field, or null when the settings are valid. */
  invalidField?: string | null;
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

/** Dialogs and drops give full paths; a typed one must be too (the engine refuses anything else). */
export function isFullPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export function startBlockers({
  queueLength,
  outDir,
  issues,
  invalidField = null,
  benchmarkRunning = false,
}: StartReadiness): StartBlocker[] {
  const blockers: StartBlocker[] = [];
  if (benchmarkRunning) blockers.push({ text: 'Wait for the benchmark to finish, or cancel it', kind: 'missing' });
  if (queueLength === 0) blockers.push({ text: 'Add a folder or image to the queue', kind: 'missing' });
  const folder = outDir.trim();
  if (folder === '') blockers.push({ text: 'Choose an output folder', kind: 'missing', target: OUTPUT_FOLDER_ID });
  else if (!isFullPath(folder))
    blockers.push({
      text: 'The output folder must be a full path, e.g. /home/you/Pictures/out',
      kind: 'invalid',
      target: OUTPUT_FOLDER_ID,
    });
  if (issues) for (const { summary, target } of issues) blockers.push({ text: summary, kind: 'invalid', target });
  else if (invalidField !== null) blockers.push({ text: 'Some settings need correcting', kind: 'invalid' });
  return blockers;
}
