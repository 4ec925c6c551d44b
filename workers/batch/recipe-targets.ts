// The batch's side of a recipe with several outputs: each output is named and decided on its own
// (a taken name under "skip" needs no decode), the rest go to one job as its targets, and a source
// is up to date only when every one of its outputs is.
import type { JobResult, JobTarget, OutputOutcome } from '../../common/job.js';
import type { ConflictPolicy } from '../../common/pipeline.js';
import type { RecipeOutput } from '../../common/recipes.js';
import { decideOutput } from './decide.js';
import type { Finished, Journal, RecordInput } from './journal.js';
import type { OutputPlanner, PlanItem, PlannedOutput } from './plan-output.js';

export interface PlannedRecipe {
  /** One per recipe output, in order; settled by the batch once the job has ended. */
  planned: PlannedOutput[];
  targets: JobTarget[];
  /** Outputs decided before any decode: a file of their name exists and the policy is skip. */
  skipped: OutputOutcome[];
}

/** Every output this recipe made from this very source earlier, intact: the source needs no work. */
export async function finishedRecipe(
  journal: Journal | undefined,
  input: RecordInput,
  outputs: readonly RecipeOutput[],
): Promise<Finished[] | undefined> {
  if (!journal) return undefined;
  const found: Finished[] = [];
  for (const o of outputs) {
    const earlier = await journal.finishedOutput({ ...input, output: o.index });
    if (!earlier) return undefined;
    found.push(earlier);
  }
  return found;
}

export async function planRecipe(
  planner: OutputPlanner,
  item: PlanItem,
  id: number,
  outputs: readonly RecipeOutput[],
  conflict: ConflictPolicy,
  journal: Journal | undefined,
  input: RecordInput,
): Promise<PlannedRecipe> {
  const recipe: PlannedRecipe = { planned: [], targets: [], skipped: [] };
  try {
    for (const o of outputs) {
      recipe.planned.push(
        await planner.plan(item, id, { output: o.output, ...(o.folder ? { folder: o.folder } : {}) }),
      );
    }
  } catch (e) {
    // Names already held are given back before the file's error is reported.
    for (const p of recipe.planned) planner.settle(p);
    throw e;
  }
  for (const [i, planned] of recipe.planned.entries()) {
    const o = outputs[i]!;
    const own = await journal?.ownOutput({ ...input, output: o.index });
    const decision = await decideOutput(planned, conflict, own);
    if (decision.action === 'skip') {
      const result: JobResult = { status: 'skipped', output: decision.output, reason: 'exists', bytesIn: input.size };
      recipe.skipped.push({ output: o.index, label: o.label, result });
      continue;
    }
    recipe.targets.push({
      output: o.index,
      outDir: planned.outDir,
      nameTemplate: planned.nameTemplate,
      tempPath: planned.tempPath,
      ...(decision.replaces ? { replaces: true } : {}),
    });
  }
  return recipe;
}

/** The job's outcomes with the outputs skipped before it, in the recipe's order. */
export function withSkipped(result: JobResult, skipped: readonly OutputOutcome[]): JobResult {
  if (skipped.length === 0) return result;
  const outputs = [...(result.outputs ?? []), ...skipped].sort((a, b) => a.output - b.output);
  return { ...result, outputs };
}

/** The path each planned output was written to, for the planner's settle. */
export function writtenPaths(result: JobResult): Map<number, string> {
  const paths = new Map<number, string>();
  for (const o of result.outputs ?? []) if (o.result.status === 'done') paths.set(o.output, o.result.output);
  return paths;
}
