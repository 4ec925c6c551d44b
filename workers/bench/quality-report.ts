// The quality table as `pixmill bench --job quality` prints it, and the goal's answer in one line
// per strategy.
import { formatBytes } from '../../common/format.js';
import { GOAL, type QualityResult } from './quality-summary.js';
import { formatTable } from './report.js';

const fixed = (v: number | null, digits = 1): string => (v === null ? '—' : v.toFixed(digits));
const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(0)} %`);
const saved = (v: number | null): string =>
  v === null ? '— bytes' : v >= 0 ? `${percent(v)} fewer bytes` : `${percent(-v)} more bytes`;

function qualityTable(r: QualityResult): string {
  const rows = r.rows.map((row) => [
    row.label,
    String(row.images),
    formatBytes(row.totalBytes),
    percent(row.bytesVsFixed),
    fixed(row.scoreMean),
    fixed(row.scoreMin),
    `${row.reachTarget}/${row.images}`,
    fixed(row.msPerImage, 0),
    fixed(row.cpuMsPerImage, 0),
    row.timeVsFixed === null ? '—' : `${row.timeVsFixed.toFixed(1)}×`,
    row.encodesPerImage.toFixed(1),
    Object.entries(row.formats)
      .map(([f, n]) => `${f} ${n}`)
      .join(', '),
  ]);
  return formatTable(
    [
      'strategy',
      'images',
      'bytes',
      'vs fixed',
      'score mean',
      'min',
      `≥ ${r.target}`,
      'ms/img',
      'CPU ms',
      'time vs fixed',
      'encodes/img',
      'formats',
    ],
    rows,
  );
}

function qualityGoalLines(r: QualityResult): string[] {
  const label = (s: string) => r.rows.find((row) => row.strategy === s)?.label ?? s;
  return r.goals.map(
    (g) =>
      `${label(g.strategy)}: ${saved(g.bytesSaved)} than fixed q80 (goal ≥ ${percent(GOAL.bytesSaved)} fewer), ` +
      `score ${g.scoreDelta === null ? '—' : `${g.scoreDelta >= 0 ? '+' : ''}${g.scoreDelta.toFixed(1)}`} (goal ≥ +0.0), ` +
      `time ${g.timeRatio === null ? '—' : `${g.timeRatio.toFixed(1)}×`} (goal ≤ ${GOAL.timeRatio}×): ${g.met ? 'met' : 'NOT met'}`,
  );
}

export function formatQualityReport(r: QualityResult, source: string): string {
  return [
    `Quality: ${source}, fitted inside 1600×1600 as JPEG; target score ${r.target} (SSIMULACRA2), size cap ${formatBytes(r.cap)} (70 % of the median fixed-q80 file); ${r.rounds} interleaved rounds.`,
    'Bytes and scores of the files written (each scored on the whole image from its bytes); ms/img: the encoding alone (fixed: one encode; the others: the handover PNG and the whole search), medians over the rounds; time vs fixed: median of the per-round ratios.',
    '',
    qualityTable(r),
    '',
    ...qualityGoalLines(r),
  ].join('\n');
}
