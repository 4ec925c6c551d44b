// Before a source is dispatched: where each of its outputs stands against the output folder's
// record (journal.ts), summed up into what the batch does with it. A source needs no worker when
// every output is in place, or when every output was made from this very content under an old
// name (a renamed or moved file: its outputs follow it, see renames.ts).
import type { PlanStatus } from './dry-run.js';
import type { Journal, RecordEntry, RecordInput, SourceHash, Verdict } from './journal.js';
import type { ScanImage } from './scan.js';

/** How the record knows a source the scan found: its path, size, date, root and the recipe's hash. */
export function recordInputOf(item: ScanImage, roots: readonly string[], recipe: string): RecordInput {
  return {
    in: item.path,
    size: item.size,
    mtime: item.mtimeMs,
    root: roots[item.root] ?? '',
    recipe,
    format: item.format,
  };
}

export type SourceState =
  | { kind: 'done'; reason: 'up-to-date' | 'resumed'; outputs: string[] }
  | { kind: 'renamed'; from: RecordEntry[] }
  | { kind: 'work'; verdicts: Verdict[] };

/**
 * `outputs`: the recipe's output indexes, or [undefined] for a recipe with one output. Without a
 * journal (none could be opened) every output is new.
 */
export async function sourceState(
  journal: Journal | undefined,
  input: RecordInput,
  outputs: readonly (number | undefined)[],
  hash: SourceHash,
): Promise<SourceState> {
  if (!journal) return { kind: 'work', verdicts: outputs.map(() => ({ state: 'new' })) };
  const verdicts: Verdict[] = [];
  for (const output of outputs)
    verdicts.push(await journal.examine(output === undefined ? input : { ...input, output }, hash));
  const finished = verdicts.flatMap((v) => (v.state === 'up-to-date' || v.state === 'resumed' ? [v] : []));
  if (finished.length === verdicts.length) {
    const reason = finished.some((v) => v.state === 'resumed') ? 'resumed' : 'up-to-date';
    return { kind: 'done', reason, outputs: finished.map((v) => v.output) };
  }
  const renamed = verdicts.flatMap((v) => (v.state === 'renamed' ? [v.from] : []));
  // Every output from one and the same old source, or the file is simply new.
  if (renamed.length === verdicts.length && renamed.every((e) => e.in === renamed[0]!.in))
    return { kind: 'renamed', from: renamed };
  return { kind: 'work', verdicts: verdicts.map((v) => (v.state === 'renamed' ? { state: 'new' } : v)) };
}

/**
 * The output an earlier run made from this source, still intact: replaced in place, not suffixed
 * (one in place beside a recipe output that must be redone is rewritten with it).
 */
export function ownOutputOf(verdict: Verdict | undefined): string | undefined {
  if (verdict?.state === 'changed') return verdict.own;
  return verdict?.state === 'up-to-date' || verdict?.state === 'resumed' ? verdict.output : undefined;
}

/** How a dry run names a verdict, before the conflict policy has its say about the name. */
export function planStatusOf(verdict: Verdict): { status: PlanStatus; reason?: string } {
  switch (verdict.state) {
    case 'new':
    case 'renamed':
      return { status: 'new' };
    case 'up-to-date':
      return { status: 'up-to-date', reason: 'up to date' };
    case 'resumed':
      return { status: 'up-to-date', reason: 'finished by an interrupted run' };
    case 'changed':
      return { status: 'changed', reason: CHANGED[verdict.why] };
    case 'output-missing':
      return { status: 'changed', reason: 'its earlier output was deleted: made again' };
    case 'output-altered':
      return {
        status: 'conflict',
        reason: "its earlier output was changed since, so it is not replaced as Pixmill's own",
      };
  }
}

const CHANGED: Record<Extract<Verdict, { state: 'changed' }>['why'], string> = {
  source: 'the original changed since: its output is replaced',
  recipe: 'the recipe changed since: its output is replaced',
  asked: 'made again, as asked (resume off): its output is replaced',
};
