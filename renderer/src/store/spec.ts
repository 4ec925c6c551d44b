// The spec the editors describe, and whether it is valid right now (pure: no React, no store).
import {
  type Limits,
  type OutputSettings,
  type ParseResult,
  type PipelineSpec,
  parsePipeline,
} from '../../../common/pipeline';
import type { ChainStep } from './pipeline-slice';

export function specInput(chain: readonly ChainStep[], output: OutputSettings, limits: Limits): unknown {
  return { version: 1, steps: chain.map((entry) => entry.step), output, limits };
}

// Every field's control asks for the verdict; one parse per edit serves them all.
let last: {
  chain: readonly ChainStep[];
  output: OutputSettings;
  limits: Limits;
  result: ParseResult<PipelineSpec>;
} | null = null;

export function checkSpec(
  chain: readonly ChainStep[],
  output: OutputSettings,
  limits: Limits,
): ParseResult<PipelineSpec> {
  if (last && last.chain === chain && last.output === output && last.limits === limits) return last.result;
  const result = parsePipeline(specInput(chain, output, limits));
  last = { chain, output, limits, result };
  return result;
}
