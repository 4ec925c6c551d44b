// Which recipe a benchmark measured, in one line: the figures hold for that chain and format only
// (an AVIF encode and a JPEG resize want different workers), so the view says which it was.
import { FILTERS } from '../../../common/filters';
import { plural } from '../../../common/format';
import type { PipelineSpec } from '../../../common/pipeline';
import { outputLine } from './step-summary';

/** "Resize → Sharpen → WebP, quality 80"; "no steps → JPEG, quality 80"; "Resize → 3 outputs". */
export function benchRecipeLine(spec: Pick<PipelineSpec, 'steps' | 'output' | 'outputs'>): string {
  const steps = spec.steps.filter((step) => step.enabled).map((step) => FILTERS[step.op].label);
  const outputs = spec.outputs ?? [];
  const only = outputs.length === 1 ? outputs[0]! : {};
  // One row of the outputs list carries its own encoding over the recipe's output.
  const output = {
    format: only.format ?? spec.output.format,
    quality: only.quality ?? spec.output.quality,
    lossless: only.lossless ?? spec.output.lossless,
  };
  const written = outputs.length > 1 ? plural(outputs.length, 'output') : outputLine(output);
  return [...(steps.length ? steps : ['no steps']), written].join(' → ');
}
