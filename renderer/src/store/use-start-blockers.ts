// Everything that keeps Start from being pressed right now, as sentences for the run bar. Each may
// name the control to fix it (`target`: the element id the run bar moves the focus to).
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
  if (isBatchActive(status)) return [];
  return startBlockers({ queueLength, outDir, issues, benchmarkRunning });
}
