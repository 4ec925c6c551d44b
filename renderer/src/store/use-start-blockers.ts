// Everything that keeps Start from being pressed right now, as sentences for the run bar. Each may
// name the control to fix it (`target`: the element id the run bar moves the focus to).
import { MEMORY_BUDGET_ID, parseMemoryBudget } from '../lib/memory-budget';
import { type StartBlocker, startBlockers } from '../lib/start-blockers';
import { useAppStore } from './index';
import { isBatchActive } from './run-slice';
import { useSettingIssues } from './use-spec-check';

export type { StartBlocker };

export function useStartBlockers(): StartBlocker[] {
  const status = useAppStore((s) => s.status);
  const queueLength = useAppStore((s) => s.queue.length);
  const outDir = useAppStore((s) => s.outDir);
  const benchmarkRunning = useAppStore((s) => s.benchStatus === 'running' || s.benchStatus === 'cancelling');
  const issues = useSettingIssues();
  const budget = parseMemoryBudget(useAppStore((s) => s.memoryBudgetText));
  if (isBatchActive(status)) return [];
  const blockers = startBlockers({ queueLength, outDir, issues, benchmarkRunning });
  // The field lives in the Settings dialog: the run bar opens it before moving the focus there.
  if (!budget.ok) blockers.push({ text: budget.message, kind: 'invalid', target: MEMORY_BUDGET_ID });
  return blockers;
}
