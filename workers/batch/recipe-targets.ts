// The batch's side of a recipe with several outputs: each output is named and decided on its own
// (a taken name under "skip" needs no decode), and the rest go to one job as its targets. A source
// is up to date only when every one of its outputs is (source-state.ts).
import type { JobResult, JobTarget, OutputOutcome } from '../../common/job.js';
import type { ConflictPolicy } from '../../common/pipeline.js';
import type { RecipeOutput } from '../../common/recipes.js';
import { decideOutput } from './decide.js';
import type { OutputPlanner, PlanItem, PlannedOutput } from './plan-output.js';

export interface PlannedRecipe {
  /** One per recipe output, in order; settled by the batch once the job has ended. */
  planned: PlannedOutput[];
  targets: JobTarget[];
  /** Outputs decided before any decode: a file of their name exists and the policy is skip. */
  skipped: OutputOutcome[];
}

export async function planRecipe(
  planner: OutputPlanner,
  item: PlanItem,
  id: number,
  outputs: readonly RecipeOutput[],
  conflict: ConflictPolicy,
  /** The intact output an earlier run made for this recipe output (source-state.ts), replaced in place. */
  own: (output: number) => string | undefined,
  bytesIn: number,
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
    const decision = await decideOutput(planned, conflict, own(o.index));
    if (decision.action === 'skip') {
      const result: JobResult = { status: 'skipped', output: decision.output, reason: 'exists', bytesIn };
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
