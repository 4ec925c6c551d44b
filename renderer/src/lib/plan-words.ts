// The plan's words: each status as the chips and rows name it, why a file gets what it gets in a
// sentence, and a destination as the person reads it (inside the output folder). Pure, so the
// wording is tested without a window.
import type { PlannedFile, PlannedStatus, PlanTotals } from '../../../common/ipc';
import { count } from './run-status';

export const PLAN_STATUS_LABELS: Record<PlannedStatus, string> = {
  new: 'New',
  changed: 'Changed',
  'up-to-date': 'Up to date',
  renamed: 'Renamed',
  conflict: 'Conflicting',
  skipped: 'Skipped',
  ignored: 'Ignored',
  failed: 'Failed',
};

/** What a status means when the engine gives no reason of its own. */
const STATUS_MEANING: Record<PlannedStatus, string> = {
  new: 'Nothing made from it yet: it will be written.',
  changed: 'It changed since its output was made: the output is made again in place.',
  'up-to-date': 'Already made by this recipe from this very file: skipped.',
  renamed: 'Known under another name: its output is renamed to match, nothing is encoded.',
  conflict: 'A file Pixmill did not make holds the output’s name.',
  skipped: 'Not processed.',
  ignored: 'Not an image Pixmill processes.',
  failed: 'It cannot be processed.',
};

/** The engine's short reasons, said as sentences; anything else is shown as it comes, tidied. */
const REASON_SENTENCES: Record<string, string> = {
  'up to date': 'Already made by this recipe from this very file: skipped.',
  'finished by an interrupted run': 'An interrupted run already made its output: skipped.',
  'a file of that name exists': 'A file of that name is already there.',
  'skipped (conflict policy: skip)': 'Skipped, as the recipe says for taken names.',
  'replaces its earlier output': 'It changed since its output was made: the output is made again in place.',
  'replaces the file there': 'A file of that name is already there: it is replaced, as the recipe says.',
  'suffixed: a file of that name exists':
    'A file of that name is already there: this one gets a number after its name.',
  'JPEG or PNG, by transparency': 'JPEG, or PNG if it has transparency.',
  'the {w}/{h} in its name are resolved at run time': 'Its width and height are put in the name once it is made.',
  'no decoder reads this file': 'Pixmill has no decoder for this kind of file.',
};

/** "OUTPUT_IS_INPUT: this file is inside …" → "This file is inside …." */
function tidy(reason: string): string {
  const text = reason.replace(/^[A-Z][A-Z_]+:\s*/, '').trim();
  if (!text) return '';
  const sentence = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The engine joins several reasons with "; ": each is said as a sentence of its own. */
export function planReasonText(row: Pick<PlannedFile, 'status' | 'reason'>): string {
  if (!row.reason) return STATUS_MEANING[row.status];
  const whole = REASON_SENTENCES[row.reason];
  if (whole) return whole;
  const said = row.reason
    .split('; ')
    .map((part) => REASON_SENTENCES[part] ?? tidy(part))
    .filter(Boolean)
    .join(' ');
  return said || STATUS_MEANING[row.status];
}

/** The part of `path` below `dir` ("sub/a.webp"), or the whole path when it lies elsewhere. */
export function below(dir: string, path: string): string {
  if (!dir) return path;
  const base = dir.replace(/[\\/]+$/, '');
  for (const sep of ['/', '\\']) if (path.startsWith(base + sep)) return path.slice(base.length + 1);
  return path;
}

/** "a.jpg or a.png", each inside the output folder; a row without an output has none. */
export function destinationText(output: string | undefined, outDir: string): string | null {
  if (!output) return null;
  return output
    .split(' or ')
    .map((p) => below(outDir, p))
    .join(' or ');
}

/** "Start would write 3 files, skip 2 and leave 1 out; 1 cannot be processed." */
export function planOutcome(totals: Pick<PlanTotals, 'counts'>): string {
  const { write, skip, ignore, fail } = totals.counts;
  const parts = [`write ${count(write)} ${write === 1 ? 'file' : 'files'}`];
  if (skip > 0) parts.push(`skip ${count(skip)}`);
  if (ignore > 0) parts.push(`pass over ${count(ignore)}`);
  const head = `Start would ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}`;
  return fail > 0 ? `${head}; ${count(fail)} cannot be processed.` : `${head}.`;
}
