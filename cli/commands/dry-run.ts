// `pixmill run --dry-run`: the batch's plan — each file's destination, or why it would be skipped,
// passed over or refused — on stdout, one line a file (or one JSON object), and nothing written.
import { relative } from 'node:path';
import { plural } from '../../common/format.js';
import type { BatchOptions } from '../../workers/batch/types.js';

/** Paths below the working folder are shown relative: shorter, and what the person typed. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export async function dryRun(options: BatchOptions, json: boolean): Promise<void> {
  // A plan piped into `head` or `less` that is quit early: the reader has all it wanted.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const { planBatch } = await import('../../workers/batch/dry-run.js');
  type Row = Parameters<Parameters<typeof planBatch>[1]>[0];
  const rows: Row[] = [];
  const print = (r: Row): void => {
    if (json) {
      rows.push(r);
      return;
    }
    const to = r.output ? ` → ${r.output.split(' or ').map(shown).join(' or ')}` : '';
    const why = r.reason ? ` (${r.reason})` : '';
    process.stdout.write(`${r.action.padEnd(6)} ${shown(r.file)}${to}${why}\n`);
  };
  const plan = await planBatch(options, print);
  if (json) {
    process.stdout.write(`${JSON.stringify({ dryRun: true, outDir: plan.outDir, ...plan.counts, plan: rows })}\n`);
    return;
  }
  const c = plan.counts;
  const parts = [`${c.write} to write`, `${c.skip} to skip`, `${c.ignore} to ignore`, `${c.fail} to fail`];
  process.stdout.write(
    `Dry run, nothing written: ${parts.join(', ')} of ${plural(c.write + c.skip + c.ignore + c.fail, 'file')} → ${shown(plan.outDir)}\n`,
  );
  if (plan.sizedNames)
    process.stdout.write(
      'Output sizes are known only once images are processed: {w} and {h} are resolved at run time.\n',
    );
}
