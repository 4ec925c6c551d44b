// Hooks over the spec check, for controls that show their own field's message.
import { useMemo } from 'react';
import type { ParseResult, PipelineSpec } from '../../../common/pipeline';
import { isFullPath } from '../lib/start-blockers';
import { useAppStore } from './index';
import { checkSettings, type SettingIssue, type SpecCheck } from './spec';

export type { SettingIssue };

/** Re-validated only when a part of the recipe changes (each is replaced on every edit). */
function useSettingsCheck(): SpecCheck {
  const chain = useAppStore((s) => s.chain);
  const output = useAppStore((s) => s.output);
  const outputRows = useAppStore((s) => s.outputRows);
  const manifest = useAppStore((s) => s.manifest);
  const limits = useAppStore((s) => s.limits);
  return useMemo(
    () => checkSettings({ chain, output, outputRows, manifest, limits }),
    [chain, output, outputRows, manifest, limits],
  );
}

/** The spec as the engine will take it, or the first problem (its message in words). */
export function useSpecCheck(): ParseResult<PipelineSpec> {
  return useSettingsCheck().result;
}

/** Every invalid setting at once, each in words with the id of its control. */
export function useSettingIssues(): SettingIssue[] {
  return useSettingsCheck().issues;
}

/**
 * The validation message for one field ("output.quality", "steps.0.params.width", "outDir"), or
 * undefined when it is fine.
 */
export function useFieldError(field: string): string | undefined {
  const issues = useSettingIssues();
  const outDir = useAppStore((s) => s.outDir.trim());
  if (field === 'outDir')
    return outDir && !isFullPath(outDir)
      ? 'The output folder must be a full path, e.g. /home/you/Pictures/out'
      : undefined;
  return issues.find((issue) => issue.field === field)?.text;
}

/** A control's side of its field's message: whether it is invalid, and the id of the message it is described by. */
export function useFieldState(field: string, controlId: string) {
  const error = useFieldError(field);
  const errorId = `${controlId}-error`;
  return { error, errorId, invalid: error !== undefined, describedBy: error ? errorId : undefined };
}
