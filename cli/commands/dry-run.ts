// `pixmill run --dry-run`: the batch's plan — each file's destination, or why it would be skipped,
// passed over or refused — on stdout, one line a file (a line an output for a recipe with
// several, named by its label), or one JSON object, and nothing written.
import { plural } from '../../common/format.js';
import { PLAN_STATUSES, type PlanStatus } from '../../workers/batch/dry-run.js';
import type { BatchOptions } from '../../workers/batch/types.js';
import { recipeHeader } from '../output-report.js';
import type { Layout } from '../recipe-flags.js';
import { displayPath } from '../report.js';

const STATUS_WORDS: Record<PlanStatus, string> = {
  new: 'new',
  changed: 'changed',
  'up-to-date': 'up to date',
  renamed: 'renamed',
  conflict: 'conflicting',
  skipped: 'skipped',
  ignored: 'ignored',
  failed: 'failing',
};

export async function dryRun(options: BatchOptions, json: boolean, layout?: Layout): Promise<void> {
  // A plan piped into `head` or `less` that is quit early: the reader has all it wanted.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const { planBatch } = await import('../../workers/batch/dry-run.js');
  type Row = Parameters<Parameters<typeof planBatch>[1]>[0];
  const rows: Row[] = [];
  // With several outputs a file has a row per output: the summary counts files apart from rows.
  const files = new Set<string>();
  const print = (r: Row): void => {
    files.add(r.file);
    if (json) {
      rows.push(r);
      return;
    }
    const which = r.label ? ` (${r.label})` : '';
    const to = r.output ? ` → ${r.output.split(' or ').map(displayPath).join(' or ')}` : '';
    const why = r.reason ? ` (${r.reason})` : '';
    process.stdout.write(`${r.action.padEnd(6)} ${displayPath(r.file)}${which}${to}${why}\n`);
  };
  const several = options.spec.outputs.length;
  const header = recipeHeader(options.spec, layout);
  if (header && !json) process.stdout.write(`${header}\n`);
  const plan = await planBatch(options, print);
  if (json) {
    const recipe = several > 0 ? { outputsPerImage: several, ...(layout ? { layout } : {}) } : {};
    process.stdout.write(
      `${JSON.stringify({ dryRun: true, outDir: plan.outDir, ...recipe, ...plan.counts, statuses: plan.statuses, plan: rows })}\n`,
    );
    return;
  }
  const c = plan.counts;
  const parts = [`${c.write} to write`, `${c.skip} to skip`, `${c.ignore} to ignore`, `${c.fail} to fail`];
  const counted = several > 0 ? ` (${plural(several, 'output')} per image)` : '';
  process.stdout.write(
    `Dry run, nothing written: ${parts.join(', ')}${counted} of ${plural(files.size, 'file')} → ${displayPath(plan.outDir)}\n`,
  );
  const standing = PLAN_STATUSES.filter((st) => plan.statuses[st] > 0).map(
    (st) => `${plan.statuses[st]} ${STATUS_WORDS[st]}`,
  );
  if (standing.length) process.stdout.write(`Against the output folder's record: ${standing.join(', ')}\n`);
  if (plan.sizedNames)
    process.stdout.write(
      'Output sizes are known only once images are processed: {w} and {h} are resolved at run time.\n',
    );
}
