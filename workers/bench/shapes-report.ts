// The "threads or processes?" table: one row per job shape, printed by `pixmill bench` and held
// in the README as it came out of a run.
import { formatTable } from './report.js';
import type { AutoChoice, JobShape } from './shapes.js';

const times = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(digits)}×`;
const ips = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(1));

/** "threads ×2, 2 libvips threads" or "processes ×3". */
export function choiceLabel(c: AutoChoice | null): string {
  if (!c) return 'not reported';
  return `${c.mode} ×${c.workers}${c.libvipsThreads > 1 ? `, ${c.libvipsThreads} libvips threads` : ''}`;
}

/** The grid of fixed configurations, e.g. "processes/threads/inline × 2,3". */
export function fixedTried(s: JobShape): string {
  const modes = [...new Set(s.fixed.map((f) => f.mode))];
  const counts = [...new Set(s.fixed.map((f) => f.workers))].sort((a, b) => a - b);
  return s.fixed.length ? `${modes.join('/')} × ${counts.join(',')}` : '—';
}

export function shapesTable(shapes: readonly JobShape[]): string {
  const rows = shapes.map((s) => [
    `${s.job} (${s.label})`,
    fixedTried(s),
    s.bestFixed ? `${s.bestFixed.label} ${ips(s.bestFixed.imagesPerSecond)}/s` : '—',
    s.auto ? `${ips(s.auto.imagesPerSecond)}/s` : '—',
    choiceLabel(s.autoChoice),
    times(s.autoVsBestFixed, 3),
    times(s.pixmillVsBareSharp),
    ...s.anchors.map((a) => (a.skipped ? 'skipped' : times(a.vsPixmill))),
  ]);
  return formatTable(
    [
      'job',
      'fixed tried',
      'best fixed',
      'auto',
      "auto's choice",
      'auto ÷ best',
      'vs bare sharp',
      'vs vipsthumbnail',
      'vs mogrify',
    ],
    rows,
  );
}

/** Why an anchor sat a job out, one line per tool and reason. */
export function skippedLines(shapes: readonly JobShape[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of shapes)
    for (const a of s.anchors) {
      if (!a.skipped) continue;
      const key = `${a.tool}: ${a.skipped}`;
      byReason.set(key, [...(byReason.get(key) ?? []), s.job]);
    }
  return [...byReason.entries()].map(([why, jobs]) => `${why} (skipped for ${jobs.join(', ')})`);
}

/** Auto's reason per job, as the engine wrote it: the table has no room for sentences. */
export function autoReasonLines(shapes: readonly JobShape[]): string[] {
  return shapes.flatMap((s) => (s.autoChoice?.reason ? [`${s.job}: ${s.autoChoice.reason}`] : []));
}

export function shapesSection(shapes: readonly JobShape[]): string[] {
  if (shapes.length === 0) return [];
  const skipped = skippedLines(shapes);
  const reasons = autoReasonLines(shapes);
  return [
    'Threads or processes? Per job: the fastest fixed configuration (mode × workers), what auto chose (its most frequent choice over the rounds) and auto ÷ best fixed, both medians of per-round speed ratios (goal ≥ 0.97); "vs" columns are Pixmill (auto) ÷ the fastest bare sharp / anchor run:',
    shapesTable(shapes),
    ...(skipped.length ? ['', ...skipped] : []),
    ...(reasons.length ? ['', "Auto's reasons (last choice of the commonest kind):", ...reasons] : []),
  ];
}
