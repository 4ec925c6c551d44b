// What the auto mode chose and why, and what the memory budget held back, as the run bar's
// sentences. Pure, so the wording is tested without a window.

import type { DistributedReport } from '../../../common/events';
import { plural } from '../../../common/format';
import { type MemoryReport, shapeLabel, type TuningReport } from '../../../common/tuning';
import { memoryBudgetText } from './memory-budget';

/** The shape the report settled on, in words: "3 processes × 1 libvips thread". */
export function tuningShape(report: Pick<TuningReport, 'mode' | 'workers' | 'libvipsThreads'>): string {
  const { mode, workers, libvipsThreads } = report;
  return shapeLabel({
    processes: mode === 'threads' ? 0 : workers,
    threads: mode === 'threads' ? workers : 0,
    libvipsThreads,
  });
}

/**
 * "Auto: 3 processes × 1 libvips thread — 4 processes × 1 libvips thread gave 6 % less". The
 * engine's reason begins with the shape it chose; the rest is the why, kept in its own words.
 * While the batch runs the choice may still change, and the line says so.
 */
export function tuningLine(report: TuningReport, finished: boolean): string {
  // The reason names the shape the pool really has ("1 process + 1 thread" while the kinds are
  // still compared), which the report's mode and count cannot say: it wins when it leads with one.
  const at = report.reason.indexOf(': ');
  const lead = at >= 0 ? report.reason.slice(0, at) : report.reason;
  const named = /× \d+ libvips threads?$/.test(lead);
  const shape = named ? lead : tuningShape(report);
  const why = named ? (at >= 0 ? report.reason.slice(at + 2) : '') : report.reason;
  const head = finished ? `Auto chose ${shape}` : `Auto, so far: ${shape}`;
  return why ? `${head} — ${why}` : head;
}

/** "4 large images waited for memory; budget 1 GB", or null when the budget held nothing back. */
export function memoryLine(memory: MemoryReport): string | null {
  const parts: string[] = [];
  if (memory.heldBack > 0) parts.push(`${plural(memory.heldBack, 'large image')} waited for memory`);
  if (memory.ranAlone > 0) parts.push(`${plural(memory.ranAlone, 'image')} larger than the budget ran alone`);
  if (parts.length === 0) return null;
  const budget = memoryBudgetText(memory.budgetMb);
  const source = memory.source === 'free-memory' ? ' (half the free memory)' : '';
  return `${parts.join(', ')}; budget ${budget}${source}`;
}

/** "Shared: nas:812 12 images, laptop:77 8 images", or null when no machine answered. */
export function distributedLine(report: DistributedReport): string | null {
  if (report.machines.length === 0) return null;
  const machines = report.machines.map((m) => `${m.machine} ${plural(m.jobs, 'image')}`).join(', ');
  const over =
    report.recovered > 0 ? `; ${plural(report.recovered, 'image')} taken over from a machine that stopped` : '';
  return `Shared over ${report.redis}: ${machines}${over}`;
}
