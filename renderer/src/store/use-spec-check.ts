// Hooks over the spec check, for controls that show their own field's message.
import { useMemo } from 'react';
import type { ParseResult, PipelineSpec } from '../../../common/pipeline';
import { useAppStore } from './index';
import { checkSpec } from './spec';

/** Re-validated only when the chain, output or limits change (each is replaced on every edit). */
export function useSpecCheck(): ParseResult<PipelineSpec> {
  const chain = useAppStore((s) => s.chain);
  const output = useAppStore((s) => s.output);
  const limits = useAppStore((s) => s.limits);
  return useMemo(() => checkSpec(chain, output, limits), [chain, output, limits]);
}

/** The validation message for one field, or undefined when that field is fine. */
export function useFieldError(field: string): string | undefined {
  const check = useSpecCheck();
  return !check.ok && check.field === field ? check.message : undefined;
}
