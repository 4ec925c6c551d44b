// Before a job is dispatched: what the batch can decide about its output without decoding the
// image. A name holding {w} or {h} is known only once the worker has the result, so such outputs
// are always left to the worker's commit.
import { access } from 'node:fs/promises';
import type { ConflictPolicy } from '../../common/pipeline.js';
import type { PlannedOutput } from './plan-output.js';

export type Decision =
  /** `replaces`: the planned name holds this batch's own earlier output of the same source, replaced in place. */
  { action: 'write'; replaces?: string } | { action: 'skip'; output: string; reason: 'exists' };

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * `own`: the output an earlier run made from this source, still intact (journal.ts). Replacing
 * it is what a re-run of a changed source or recipe means; a suffix is for someone else's file.
 * A taken name under "skip" is decided here, before any decode, unless {w}/{h} leave it open.
 */
export async function decideOutput(
  planned: Pick<PlannedOutput, 'finalPaths'>,
  policy: ConflictPolicy,
  own: string | undefined,
): Promise<Decision> {
  const finals = planned.finalPaths;
  if (!finals || finals.length === 0) return { action: 'write' };
  // With two possible extensions the worker picks one by transparency: replace only a sure match.
  // "skip" promises to leave every existing file as it is, Pixmill's own included.
  if (policy !== 'skip' && own !== undefined && finals.length === 1 && finals[0] === own)
    return { action: 'write', replaces: own };
  // Its earlier output took a suffix because someone else's file had the name: it is still the one to replace.
  if (policy === 'suffix' && own !== undefined && finals.length === 1 && isSuffixedForm(own, finals[0]!))
    return { action: 'write', replaces: own };
  if (policy === 'skip' && (await Promise.all(finals.map(exists))).every(Boolean))
    return { action: 'skip', output: finals[0]!, reason: 'exists' };
  return { action: 'write' };
}

/** `photo-2.webp` is a suffixed form of `photo.webp`, in the same folder. */
function isSuffixedForm(path: string, of: string): boolean {
  const dot = of.lastIndexOf('.');
  const [stem, ext] = dot > of.lastIndexOf('/') ? [of.slice(0, dot), of.slice(dot)] : [of, ''];
  return (
    path.startsWith(`${stem}-`) &&
    path.endsWith(ext) &&
    /^\d+$/.test(path.slice(stem.length + 1, path.length - ext.length))
  );
}
