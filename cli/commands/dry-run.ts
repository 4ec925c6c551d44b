// `pixmill run --dry-run`: the batch's plan — each file's destination, or why it would be skipped,
// passed over or refused — on stdout, one line a file (or one JSON object), and nothing written.
import { relative } from 'node:path';
import { plural } from '../../common/format.js';
import type { BatchOptions } from '../../workers/batch/types.js';
import { recipeHeader } from '../output-report.js';
import type { Layout } from '../recipe-flags.js';

/** Paths below the working folder are shown relative: shorter, and what the person typed. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * One planned output of a file, for a recipe with several: the planner lists them on the file's
 * row (`outputs`), each with the action and reason a file's row has.
 */
interface PlannedOutputRow {
  label: string;
  output?: string;
  action: string;
  reason?: string;
}

const outputsOf = (row: object): PlannedOutputRow[] =>
  'outputs' in row && Array.isArray(row.outputs) ? (row.outputs as PlannedOutputRow[]) : [];

const arrow = (output: string | undefined): string =>
  output ? ` → ${output.split(' or ').map(shown).join(' or ')}` : '';

export async function dryRun(options: BatchOptions, json: boolean, layout?: Layout): Promise<void> {
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
    const why = (reason: string | undefined) => (reason ? ` (${reason})` : '');
    const several = outputsOf(r);
    // A file with several outputs: its own line, then one a planned output.
    const to = several.length > 0 ? ` → ${plural(several.length, 'output')}` : arrow(r.output);
    process.stdout.write(`${r.action.padEnd(6)} ${shown(r.file)}${to}${why(r.reason)}\n`);
    for (const o of several)
      process.stdout.write(`  ${o.action.padEnd(6)} ${o.label}${arrow(o.output)}${why(o.reason)}\n`);
  };
  const header = recipeHeader(options.spec, layout);
  if (header && !json) process.stdout.write(`${header}\n`);
  const plan = await planBatch(options, print);
  if (json) {
    const recipe =
      options.spec.outputs.length > 0
        ? { outputsPerImage: options.spec.outputs.length, ...(layout ? { layout } : {}) }
        : {};
    process.stdout.write(
      `${JSON.stringify({ dryRun: true, outDir: plan.outDir, ...recipe, ...plan.counts, plan: rows })}\n`,
    );
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
