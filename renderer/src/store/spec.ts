// The spec the editors describe, and whether it is valid right now (pure: no React, no store).
import {
  fieldPath,
  type Limits,
  type ManifestKind,
  type OutputSettings,
  type ParseResult,
  type PipelineSpec,
  pipelineSchema,
} from '../../../common/pipeline';
import { ROW_FIELDS, sharedOutput } from '../lib/output-rows';
import { specProblem } from '../lib/plain-messages';
import type { OutputRow } from './outputs-slice';
import type { ChainStep } from './pipeline-slice';

/** What the recipe's editors hold: the chain, the output, the outputs list, the limits. */
export interface RecipeDraft {
  chain: readonly ChainStep[];
  output: OutputSettings;
  outputRows: readonly OutputRow[];
  manifest: ManifestKind;
  limits: Limits;
}

export function specInput({ chain, output, outputRows, manifest, limits }: RecipeDraft): unknown {
  const outputs = outputRows.map((row) => row.variant);
  return {
    version: 1,
    steps: chain.map((entry) => entry.step),
    output: outputs[0] ? sharedOutput(output, outputs[0]) : output,
    outputs,
    // Shown, and so sent, only with several outputs.
    manifest: outputs.length >= 2 ? manifest : 'none',
    limits,
  };
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
export function fieldControlId(field: string, draft: Pick<RecipeDraft, 'chain' | 'outputRows'>): string {
  const [area, index, part, name] = field.split('.');
  if (area === 'steps' && index !== undefined) {
    const id = draft.chain[Number(index)]?.id;
    if (!id) return 'add-step';
    return part === 'params' && name ? paramControlId(id, name) : stepToggleId(id);
  }
  if (area === 'outputs') {
    const id = index === undefined ? undefined : draft.outputRows[Number(index)]?.id;
    return id && part ? rowControlId(id, part) : ADD_OUTPUT_ID;
  }
  if (area === 'output' && index) return outputControlId(index);
  if (area === 'limits') return 'time-limit';
  return field;
}

export const paramControlId = (stepId: string, param: string): string => `${stepId}-${param}`;
export const stepToggleId = (stepId: string): string => `${stepId}-toggle`;
/** "output-quality": the control of one of the recipe's output settings. */
export const outputControlId = (field: string): string => `output-${field}`;
/** "output-row-3-width": the control of one setting of a row of the outputs list. */
export const rowControlId = (rowId: string, field: string): string => `${rowId}-${field}`;
/** The "Add output" button: where the focus goes when the last row is removed. */
export const ADD_OUTPUT_ID = 'add-output';

/** Issues at the row of the list and at the output they stand for name one setting twice. */
const ROW_FIELD_PATHS = new Set<string>(ROW_FIELDS.map((f) => `output.${f}`));

function collectIssues(draft: RecipeDraft) {
  const parsed = pipelineSchema.safeParse(specInput(draft));
  const steps = draft.chain.map((entry) => entry.step);
  const listed = draft.outputRows.length > 0;
  const issues: SettingIssue[] = [];
  const add = (field: string, message: string): void => {
    if (issues.some((i) => i.field === field)) return;
    // With a list, the output's encoding is the first row's: the row's own control says it.
    if (listed && ROW_FIELD_PATHS.has(field)) return;
    const summary = specProblem(field, message, steps);
    // At the field the step or row is obvious; the run bar's list needs it.
    const text = /^(steps|outputs)\./.test(field)
      ? summary.replace(/^(?:[^:]*, step \d+|Step \d+|Output \d+): /, '')
      : summary;
    issues.push({ field, text: capitalise(text), summary, target: fieldControlId(field, draft) });
  };
  if (!parsed.success) for (const issue of parsed.error.issues) add(fieldPath(issue.path), issue.message);
  // The schema allows an empty path (a step being set up); a batch cannot run with one.
  for (const [i, { step }] of draft.chain.entries())
    if (step.op === 'watermark' && step.enabled && !step.params.path) add(`steps.${i}.params.path`, '');
  issues.sort((a, b) => order(a.field) - order(b.field));
  const result: ParseResult<PipelineSpec> = parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, field: issues[0]!.field, message: issues[0]!.summary };
  return { result, issues };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The output's settings (and a row's) in the order their controls are laid out. */
const CONTROL_ORDER = [
  'width',
  'height',
  'format',
  'pickFormat',
  'quality',
  'targetScore',
  'minQuality',
  'maxBytes',
  'sizeCapOutcome',
  'folder',
  'pattern',
  'metadata',
  'metadataKeep',
  'keepDates',
  'effort',
  'lossless',
  'toSrgb',
  'background',
  'structure',
  'sourceFolders',
  'conflict',
  'skipLarger',
];
const controlRank = (name: string | undefined): number => {
  const rank = CONTROL_ORDER.indexOf(name ?? '');
  return (rank < 0 ? CONTROL_ORDER.length : rank) / 100;
};

/** Steps top to bottom, then the outputs list row by row, the output, and the limits: the order of the inspector. */
function order(field: string): number {
  const [area, index, part] = field.split('.');
  if (area === 'steps') return Number(index ?? 0) || 0;
  if (area === 'outputs') return 1000 + (Number(index ?? 0) || 0) + controlRank(part);
  if (area === 'output') return 1100 + controlRank(index);
  return area === 'limits' ? 2000 : 1100.9;
}

// Every field's control asks for the verdict; one parse per edit serves them all.
let last: { draft: RecipeDraft; check: SpecCheck } | null = null;

const DRAFT_KEYS = ['chain', 'output', 'outputRows', 'manifest', 'limits'] as const;

export function checkSettings(draft: RecipeDraft): SpecCheck {
  if (last && DRAFT_KEYS.every((key) => last!.draft[key] === draft[key])) return last.check;
  const check = collectIssues(draft);
  last = { draft: pickDraft(draft), check };
  return check;
}

/** Only the recipe's own fields: a draft may be the whole store, which must not be kept alive here. */
const pickDraft = ({ chain, output, outputRows, manifest, limits }: RecipeDraft): RecipeDraft => ({
  chain,
  output,
  outputRows,
  manifest,
  limits,
});

export function checkSpec(draft: RecipeDraft): ParseResult<PipelineSpec> {
  return checkSettings(draft).result;
}
