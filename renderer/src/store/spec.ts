// The spec the editors describe, and whether it is valid right now (pure: no React, no store).
import {
  fieldPath,
  type Limits,
  type OutputSettings,
  type ParseResult,
  type PipelineSpec,
  pipelineSchema,
} from '../../../common/pipeline';
import { specProblem } from '../lib/plain-messages';
import type { ChainStep } from './pipeline-slice';

export function specInput(chain: readonly ChainStep[], output: OutputSettings, limits: Limits): unknown {
  return { version: 1, steps: chain.map((entry) => entry.step), output, limits };
}

/** One setting that keeps the batch from starting, in words, and where to fix it. */
export interface SettingIssue {
  /** The spec's path of the setting ("steps.0.params.width"): how a control finds its own message. */
  field: string;
  /** Shown at the field: "Width must be between 1 and 65,535 px". */
  text: string;
  /** Shown away from the field, naming the step: "Resize, step 1: Width must be …". */
  summary: string;
  /** The id of the control that fixes it. */
  target: string;
}

export interface SpecCheck {
  /** As parsePipeline answers, with the first problem's message in words. */
  result: ParseResult<PipelineSpec>;
  /** Every problem at once, one per setting, in the order the window shows them. */
  issues: SettingIssue[];
}

/** Ids the controls of the chain and output carry, so a message can move the focus to its field. */
export function fieldControlId(field: string, chain: readonly ChainStep[]): string {
  const [area, index, part, name] = field.split('.');
  if (area === 'steps' && index !== undefined) {
    const id = chain[Number(index)]?.id;
    if (!id) return 'add-step';
    return part === 'params' && name ? paramControlId(id, name) : stepToggleId(id);
  }
  if (area === 'output' && index) return `output-${index}`;
  if (area === 'limits') return 'time-limit';
  return field;
}

export const paramControlId = (stepId: string, param: string): string => `${stepId}-${param}`;
export const stepToggleId = (stepId: string): string => `${stepId}-toggle`;

function collectIssues(chain: readonly ChainStep[], output: OutputSettings, limits: Limits) {
  const parsed = pipelineSchema.safeParse(specInput(chain, output, limits));
  const steps = chain.map((entry) => entry.step);
  const issues: SettingIssue[] = [];
  const add = (field: string, message: string): void => {
    if (issues.some((i) => i.field === field)) return;
    const summary = specProblem(field, message, steps);
    // At the field the step is obvious; the run bar's list needs it.
    const text = field.startsWith('steps.') ? summary.replace(/^[^:]*: /, '') : summary;
    issues.push({ field, text: capitalise(text), summary, target: fieldControlId(field, chain) });
  };
  if (!parsed.success) for (const issue of parsed.error.issues) add(fieldPath(issue.path), issue.message);
  // The schema allows an empty path (a step being set up); a batch cannot run with one.
  for (const [i, { step }] of chain.entries())
    if (step.op === 'watermark' && step.enabled && !step.params.path) add(`steps.${i}.params.path`, '');
  issues.sort((a, b) => order(a.field) - order(b.field));
  const result: ParseResult<PipelineSpec> = parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, field: issues[0]!.field, message: issues[0]!.summary };
  return { result, issues };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Steps top to bottom, then the output, then the limits: the order of the inspector. */
function order(field: string): number {
  const [area, index] = field.split('.');
  if (area === 'steps') return Number(index ?? 0) || 0;
  return area === 'output' ? 1000 : 2000;
}

// Every field's control asks for the verdict; one parse per edit serves them all.
let last: {
  chain: readonly ChainStep[];
  output: OutputSettings;
  limits: Limits;
  check: SpecCheck;
} | null = null;

export function checkSettings(chain: readonly ChainStep[], output: OutputSettings, limits: Limits): SpecCheck {
  if (last && last.chain === chain && last.output === output && last.limits === limits) return last.check;
  const check = collectIssues(chain, output, limits);
  last = { chain, output, limits, check };
  return check;
}

export function checkSpec(
  chain: readonly ChainStep[],
  output: OutputSettings,
  limits: Limits,
): ParseResult<PipelineSpec> {
  return checkSettings(chain, output, limits).result;
}
