// The three tables `pixmill bench` prints: the race, where the time goes, the targets. Plain
// text with aligned columns, so the README can hold them as they came out of a run.
import type { DecoderRow, DecodersResult } from './decoder-bench.js';
import { formatQueueReport } from './queue-bench.js';
import { shapesSection } from './shapes-report.js';
import type { BenchResult, ContenderResult } from './summarise.js';

/** Left-aligns the first column, right-aligns the others (numbers), pads to the widest cell. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const num = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
const times = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v.toFixed(2)}×`);
const percent = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(0)} %`;

function statusCell(c: ContenderResult): string {
  if (c.status === 'ok') return c.rounds ? 'ok' : '—';
  return `${c.status}: ${c.problem ?? ''}`.slice(0, 90);
}

export function contendersTable(r: BenchResult): string {
  const rows = r.contenders.map((c) => [
    `${c.job} ${c.name}`,
    String(c.workers),
    num(c.wallSeconds, 2),
    num(c.imagesPerSecond),
    num(c.mbPerSecond),
    num(c.outKBPerImage, 0),
    percent(c.cpuUtilisation),
    num(c.peakRssMB, 0),
    times(c.vsBareSharp),
    times(c.vsBestExternal),
    c.workerStartupMs === undefined ? '' : num(c.workerStartupMs, 0),
    c.eventLoopDelayP99Ms === undefined ? '' : num(c.eventLoopDelayP99Ms),
    statusCell(c),
  ]);
  return formatTable(
    [
      'contender',
      'N',
      'wall s',
      'img/s',
      'MB/s',
      'out KB',
      'CPU',
      'peak MB',
      'vs sharp',
      'vs ext',
      'start ms',
      'ELD p99',
      'status',
    ],
    rows,
  );
}

export function stagesTable(r: BenchResult): string {
  const rows = r.whereTheTimeGoes.map((w) => [
    w.id,
    num(w.stages.scanMs, 0),
    num(w.stages.queue),
    num(w.stages.read),
    num(w.stages.pipeline),
    num(w.stages.write),
    num(w.stages.ipc),
    num(w.wallMsPerImage),
  ]);
  return formatTable(['best Pixmill mode', 'scan ms', 'queue', 'read', 'pipeline', 'write', 'IPC', 'wall/img'], rows);
}

export function targetsTable(r: BenchResult): string {
  const rows = r.targets.map((t) => [t.target, t.goal, t.measured, t.met === null ? '—' : t.met ? 'yes' : 'NO']);
  return formatTable(['target', 'goal', 'measured', 'met?'], rows);
}

/** "1,020": whole milliseconds with a thousands separator that does not depend on the locale. */
const ms = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function decodersTable(d: DecodersResult): string {
  const rows = d.rows.map((row) => [
    row.label,
    num(row.fileMB),
    ms(row.wallMs),
    ms(row.readMs),
    num(row.readMsPerMP),
    ms(row.pipelineMs),
    times(row.wallVsJpeg),
    num(row.peakRssMB, 0),
    row.status === 'ok' ? 'ok' : `${row.status === 'failed' ? 'failed: ' : ''}${row.problem ?? ''}`.slice(0, 90),
  ]);
  return formatTable(
    ['format', 'file MB', 'wall ms', 'read ms', 'read ms/MP', 'pipeline', 'vs JPEG', 'peak MB', 'status'],
    rows,
  );
}

/**
 * One sentence per format, e.g. "HEIC 12 MP: decode 1,020 ms (85 ms/MP), whole job 1.6× the
 * JPEG's". The JPEG's own read is its header only (libvips decodes it inside the pipeline).
 */
export function decoderLine(row: DecoderRow, megapixels: number): string {
  const size = `${row.label} ${Math.round(megapixels)} MP`;
  if (row.status !== 'ok') return `${size}: ${row.status === 'failed' ? `failed (${row.problem ?? ''})` : row.problem}`;
  if (row.format === 'jpeg')
    return `${size}: whole job ${ms(row.wallMs)} ms, read ${ms(row.readMs)} ms (header; libvips decodes it in the pipeline)`;
  const ratio = row.wallVsJpeg === null ? '' : `, whole job ${factor(row.wallVsJpeg)} the JPEG's`;
  return `${size}: decode ${ms(row.readMs)} ms (${num(row.readMsPerMP, 0)} ms/MP)${ratio}`;
}

function decodersSection(d: DecodersResult): string[] {
  return [
    `Decoders (one ${d.width}×${d.height} photo per format, \`pixmill run FILE -w 1 --format jpeg\`, medians of ${d.rounds} interleaved rounds; read = the worker's read stage, the whole fallback decode included; vs JPEG = median per-round wall-time ratio):`,
    decodersTable(d),
    '',
    ...d.rows.map((row) => decoderLine(row, d.megapixels)),
  ];
}

export function formatReport(r: BenchResult): string {
  const e = r.environment;
  const tools = `vipsthumbnail ${e.vipsthumbnail ?? 'not installed'}, ImageMagick ${e.imagemagick ?? 'not installed'}`;
  const head = [
    `Pixmill bench — ${e.date.slice(0, 10)}, ${e.cores} cores (${e.cpu}), ${e.memoryGB} GB, ${e.platform}`,
    `Node ${e.node}, sharp ${e.sharp} / libvips ${e.libvips}, ${tools}`,
  ];
  const decoders = r.decoders ? ['', ...decodersSection(r.decoders)] : [];
  const queue = r.queue ? ['', formatQueueReport(r.queue)] : [];
  // The decoder or queue row alone (`--job decoders`, `--job queue`): no race, so none of its tables.
  if (r.contenders.length === 0) return [...head, ...decoders, ...queue].join('\n');
  const sets = (r.datasets ?? [{ ...r.dataset, jobs: r.jobs }]).map(
    (d) =>
      `${d.jobs.join(', ')}: ${d.images} images, ${d.megabytes.toFixed(0)} MB${d.generated ? ' (generated)' : ''}${d.slices > 1 ? `, a different 1/${d.slices} each round` : ''}: ${d.dir}`,
  );
  const shapes = r.shapes?.length ? ['', ...shapesSection(r.shapes)] : [];
  return [
    ...head,
    ...sets,
    `Medians of ${r.rounds} interleaved rounds${r.dataset.slices > 1 ? ' (wall s of a sliced set is per slice)' : ''}; "vs" columns are medians of per-round speed ratios; out KB is the mean size of one output.`,
    ...shapes,
    '',
    contendersTable(r),
    '',
    'Where the time goes (ms per image, means; scan = wall time until the scan was complete):',
    stagesTable(r),
    '',
    'Targets:',
    targetsTable(r),
    ...decoders,
    ...queue,
  ].join('\n');
}

/** "1.3×", or "1.04×" where one decimal would round a real difference to "1.0×". */
const factor = (v: number): string => `${v < 1.1 ? v.toFixed(2) : v.toFixed(1)}×`;

/**
 * The answer the bench exists for, in one line: per job, the fastest Pixmill mode (with its
 * worker count) and how much faster it was than the best run of each other mode, e.g.
 * "On these images: threads ×2, 1.3× processes, 1.05× inline". Medians of images per second.
 */
export function verdict(r: BenchResult): string {
  const parts = r.jobs.flatMap((job) => {
    const best = new Map<string, ContenderResult>();
    for (const c of r.contenders) {
      if (c.job !== job || c.status !== 'ok' || !c.name.startsWith('pixmill-') || !c.imagesPerSecond) continue;
      const mode = c.name.slice('pixmill-'.length);
      // The fixed modes answer "which would I pick by hand"; auto has its own table and ratio.
      if (mode === 'auto') continue;
      if ((best.get(mode)?.imagesPerSecond ?? 0) < c.imagesPerSecond) best.set(mode, c);
    }
    const ranked = [...best.entries()].sort(([, a], [, b]) => (b.imagesPerSecond ?? 0) - (a.imagesPerSecond ?? 0));
    const [first, ...rest] = ranked;
    if (!first) return [];
    const [mode, winner] = first;
    const than = rest.map(([m, c]) => `${factor((winner.imagesPerSecond ?? 0) / (c.imagesPerSecond ?? 1))} ${m}`);
    const head = `${r.jobs.length > 1 ? `${job}: ` : ''}${mode} ×${winner.workers}`;
    return [[head, ...than].join(', ')];
  });
  return parts.length > 0
    ? `On these images: ${parts.join('; ')}`
    : 'On these images: no Pixmill mode finished without errors, so there is no verdict.';
}
