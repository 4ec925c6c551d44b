// A batch's plan without the batch: the same checks, scan, naming and decisions as a real run
// (up to date, taken names, Pixmill's own earlier outputs, suffixes for files on disk), and
// nothing written — no output folder, no journal, no worker started. Names holding {w} or {h}
// stay as patterns: the size of an output is known only once it is made.
import { basename, join } from 'node:path';
import {
  PLAN_STATUSES,
  type PlannedAction as PlanAction,
  type PlannedFile as PlanRow,
  type PlannedStatus as PlanStatus,
} from '../../common/ipc.js';
import { recipeOutputs } from '../../common/recipes.js';
import { decideOutput, exists } from './decide.js';
import { Journal, recipeKey, sourceHash } from './journal.js';
import { OwnOutputs } from './own-outputs.js';
import { createOutputPlanner, type PlannedOutput } from './plan-output.js';
import { isInside, prepareBatch } from './prepare-batch.js';
import { renameTarget } from './renames.js';
import { scanInputs } from './scan.js';
import { ownOutputOf, planStatusOf, recordInputOf, sourceState } from './source-state.js';
import type { BatchOptions } from './types.js';

// The plan's words are the window's too (common/ipc.ts): one set, on both sides of the wire.
export type {
  PlannedAction as PlanAction,
  PlannedFile as PlanRow,
  PlannedStatus as PlanStatus,
} from '../../common/ipc.js';
export { PLAN_STATUSES } from '../../common/ipc.js';

export interface BatchPlan {
  outDir: string;
  counts: Record<PlanAction, number>;
  /** Rows by status (a source with several outputs counts once per output). */
  statuses: Record<PlanStatus, number>;
  /** Some output names hold {w} or {h}, resolved at run time. */
  sizedNames: boolean;
}

export const SIZED_NAME = 'the {w}/{h} in its name are resolved at run time';
const OWN_OUTPUT = 'made by Pixmill (an output of an earlier batch): not compressed again';

/** Plans the batch, handing each file's row to `onRow` in scan order. */
export async function planBatch(options: BatchOptions, onRow: (row: PlanRow) => void): Promise<BatchPlan> {
  const batch = await prepareBatch(options, { create: false });
  const journal = await Journal.read(batch.outDir, batch.resume);
  const recipeHash = recipeKey(batch.spec);
  // A recipe with several outputs plans a row per output.
  const recipe = batch.spec.outputs.length > 0 ? recipeOutputs(batch.spec) : undefined;
  const labelOf = (i: number): { label?: string } => (recipe?.[i] ? { label: recipe[i].label } : {});
  const policy = batch.spec.output.conflict;
  const ownOutputs = new OwnOutputs();
  const outputIndexes = recipe ? recipe.map((o) => o.index) : [undefined];
  const planner = createOutputPlanner({
    outDir: batch.outDir,
    output: batch.spec.output,
    now: new Date(),
    roots: batch.inputs,
  });
  const counts: Record<PlanAction, number> = { write: 0, skip: 0, ignore: 0, fail: 0 };
  const statuses = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
  let sizedNames = false;
  let n = 0;
  const row = (r: PlanRow) => {
    counts[r.action]++;
    statuses[r.status]++;
    onRow(r);
  };

  for await (const item of scanInputs(batch.inputs, { exclude: batch.exclude, only: batch.only, known: journal })) {
    if (item.kind === 'root-done') continue;
    if (item.kind === 'error') {
      row({ file: item.path, status: 'failed', action: 'fail', reason: `${item.code}: ${item.message}` });
      continue;
    }
    if (item.kind === 'ignored') {
      row({ file: item.path, status: 'ignored', action: 'ignore', reason: item.message });
      continue;
    }
    if (isInside(item.path, batch.outDir)) {
      row({
        file: item.path,
        status: 'failed',
        action: 'fail',
        reason: 'OUTPUT_IS_INPUT: this file is inside the output folder',
      });
      continue;
    }
    if (!batch.recompress && (await ownOutputs.has(item.path, item.size))) {
      row({ file: item.path, output: item.path, status: 'skipped', action: 'skip', reason: OWN_OUTPUT });
      continue;
    }
    const identity = recordInputOf(item, batch.inputs, recipeHash);
    const state = await sourceState(journal, identity, outputIndexes, sourceHash(item.path));
    if (state.kind === 'done') {
      for (const [i, output] of state.outputs.entries()) {
        planner.claim(output);
        const reason = state.reason === 'up-to-date' ? 'up to date' : 'finished by an interrupted run';
        row({ file: item.path, output, status: 'up-to-date', action: 'skip', reason, ...labelOf(i) });
      }
      continue;
    }
    n++;
    for (const [i, o] of (recipe ?? [undefined]).entries()) {
      // Nothing is running, so a name is never held by an unsettled job: plan() answers at once.
      const as = o ? { output: o.output, ...(o.folder ? { folder: o.folder } : {}) } : undefined;
      const planned = await planner.plan(item, n, as);
      const label = labelOf(i);
      if (state.kind === 'renamed') {
        const from = state.from[i]!;
        const target = renameTarget(from, planned, batch.spec.manifest !== 'none');
        const output = target && !(await exists(target)) ? target : from.out;
        planner.settle(planned, output);
        const reason = `renamed from ${basename(from.in)}: ${output === from.out ? 'its output keeps its name' : 'its output is renamed to match'}, nothing is encoded`;
        row({ file: item.path, output, status: 'renamed', action: 'skip', reason, ...label });
        continue;
      }
      const verdict = state.verdicts[i]!;
      const known = planStatusOf(verdict);
      const decision = await decideOutput(planned, policy, ownOutputOf(verdict));
      if (decision.action === 'skip') {
        planner.settle(planned);
        const reason = 'a file of that name exists; skipped (conflict policy: skip)';
        row({ file: item.path, output: decision.output, status: 'conflict', action: 'skip', reason, ...label });
        continue;
      }
      if (planned.names.length === 0) {
        planner.settle(planned);
        row({ file: item.path, status: 'failed', action: 'fail', reason: 'no decoder reads this file' });
        break;
      }
      const predicted = decision.replaces
        ? { output: decision.replaces, reason: known.reason ?? 'replaces its earlier output', taken: false }
        : await predictName(planned, policy);
      if (!planned.finalPaths) sizedNames = true;
      planner.settle(planned, predicted.output);
      // A name held by someone else's file is a conflict whatever the record says; the record's word comes first in the reason.
      const status: PlanStatus = predicted.taken || known.status === 'conflict' ? 'conflict' : known.status;
      const reasons = [...new Set([decision.replaces ? undefined : known.reason, predicted.reason])].filter(Boolean);
      const reason = reasons.join('; ');
      row({
        file: item.path,
        output: predicted.output,
        status,
        action: 'write',
        ...(reason ? { reason } : {}),
        ...label,
      });
    }
  }
  return { outDir: batch.outDir, counts, statuses, sizedNames };
}

/** The name the worker's commit would take, given the files on disk now. */
async function predictName(
  planned: PlannedOutput,
  policy: 'skip' | 'suffix' | 'overwrite',
): Promise<{ output: string; reason?: string; taken: boolean }> {
  const at = (names: string[]) => names.map((name) => join(planned.outDir, name));
  if (!planned.finalPaths) return { output: at(planned.names).join(' or '), reason: SIZED_NAME, taken: false };
  const taken = async (paths: string[]) => (await Promise.all(paths.map(exists))).some(Boolean);
  const first = planned.finalPaths;
  const either = first.length > 1 ? 'JPEG or PNG, by transparency' : undefined;
  if (!(await taken(first)) || policy === 'skip')
    return { output: first.join(' or '), ...(either ? { reason: either } : {}), taken: false };
  if (policy === 'overwrite') return { output: first.join(' or '), reason: 'replaces the file there', taken: true };
  for (let i = 1; ; i++) {
    const paths = first.map((p) => p.replace(/(\.[^./]+)$/, `-${i}$1`));
    if (!(await taken(paths)))
      return { output: paths.join(' or '), reason: 'suffixed: a file of that name exists', taken: true };
  }
}
