// What the CLI says about a recipe's outputs: the line announcing them before a run or a plan,
// each output of a file (its path and size, or why it was not written), how a quality target, a
// size cap or a format shoot-out chose its encoding, and the totals: outputs written, and the
// bytes a search saved against the fixed quality.
import type { EngineEvent } from '../common/events.js';
import { formatBytes, plural } from '../common/format.js';
import type { EncodingChoice, JobResult, OutputOutcome } from '../common/job.js';
import { type ConcreteFormat, OUTPUT_EXTENSIONS, type PipelineSpec } from '../common/pipeline.js';
import { formatName, recipeOutputs } from '../common/recipes.js';
import type { FileWarning } from '../common/warnings.js';
import type { Layout } from './recipe-flags.js';
import { displayPath } from './report.js';

type FileDone = Extract<EngineEvent, { type: 'file-done' }>;

const LAYOUT_WORDS: Record<Layout, string> = {
  suffix: '--layout suffix: the size added to the name',
  folders: '--layout folders: a sub-folder per size',
};
const SHOWN_NAMES = 6;

/**
 * "Each image → 6 outputs (--layout suffix: the size added to the name): {name}-320.avif, …", or
 * undefined for a recipe with one output. The format's extension stands last; `*` is the
 * original's, a shoot-out shows its candidates.
 */
export function recipeHeader(spec: Pick<PipelineSpec, 'output' | 'outputs'>, layout?: Layout): string | undefined {
  if (spec.outputs.length === 0) return undefined;
  const names = recipeOutputs(spec).map(({ output, folder }) => {
    const ext =
      output.pickFormat.length > 0
        ? `(${output.pickFormat.map((f) => OUTPUT_EXTENSIONS[f]).join('|')})`
        : output.format === 'keep'
          ? '*'
          : OUTPUT_EXTENSIONS[output.format];
    return `${folder ? `${folder}/` : ''}${output.pattern}.${ext}`;
  });
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  const more = names.length > SHOWN_NAMES ? `, … and ${names.length - SHOWN_NAMES} more` : '';
  const how = layout ? ` (${LAYOUT_WORDS[layout]})` : '';
  return `Each image → ${plural(names.length, 'output')}${how}: ${shown}${more}`;
}

/** "quality 64, score 80.3, 52 kB at fixed quality (saved 21%)" — how a search chose an output's encoding. */
export function formatEncoding(choice: EncodingChoice, bytesOut: number): string {
  const parts = [`${formatName(choice.format)} quality ${choice.quality}`];
  if (choice.score !== undefined) parts.push(`score ${choice.score.toFixed(1)}`);
  if (choice.candidates && choice.candidates.length > 1) {
    const tried = choice.candidates.map((c) => `${formatName(c.format)} ${formatBytes(c.bytes)}`).join(', ');
    parts.push(`smallest of ${tried}`);
  }
  if (choice.downscaledTo)
    parts.push(`downscaled to ${choice.downscaledTo.width}×${choice.downscaledTo.height} to fit`);
  if (choice.bytesAtFixed !== undefined && choice.bytesAtFixed > 0) {
    const change = Math.round((100 * (bytesOut - choice.bytesAtFixed)) / choice.bytesAtFixed);
    const saved = change <= 0 ? `saved ${-change}%` : `${change}% larger`;
    parts.push(`${formatBytes(choice.bytesAtFixed)} at fixed quality (${saved})`);
  }
  parts.push(plural(choice.encodes, 'encode'));
  return parts.join(', ');
}

/** One output of a file with several, as `--json` lists it. */
export interface OutputEntry {
  /** Index into the recipe's outputs. */
  index: number;
  /** "800 px WebP". */
  label: string;
  status: JobResult['status'];
  /** Where it was written (done), or the name it would have had (skipped). */
  output?: string;
  bytes?: number;
  width?: number;
  height?: number;
  format?: string;
  encoding?: EncodingChoice;
  /** Why it was skipped. */
  reason?: string;
  error?: { code: string; message: string };
  warnings?: { code: string; message: string }[];
}

/** Which source became which output, for each processed file; the fields past `output` are added when they say something. */
export interface FileOutput {
  file: string;
  output: string;
  /** With `encoding`: the bytes written. */
  bytes?: number;
  /** How a quality target, a size cap or a format shoot-out chose the encoding. */
  encoding?: EncodingChoice;
  /** A recipe with several outputs: each one. */
  outputs?: OutputEntry[];
}

const warningRows = (warnings: FileWarning[] | undefined) => warnings?.map(({ code, message }) => ({ code, message }));

export function outputEntry({ output: index, label, result }: OutputOutcome): OutputEntry {
  const head = { index, label, status: result.status };
  const warnings = result.status === 'failed' ? undefined : warningRows(result.warnings);
  const tail = warnings?.length ? { warnings } : {};
  if (result.status === 'failed') return { ...head, error: { code: result.code, message: result.message } };
  if (result.status === 'skipped') return { ...head, output: result.output, reason: result.reason, ...tail };
  return {
    ...head,
    output: result.output,
    bytes: result.bytesOut,
    width: result.width,
    height: result.height,
    format: result.format,
    ...(result.encoding ? { encoding: result.encoding } : {}),
    ...tail,
  };
}

export function fileOutput(event: FileDone): FileOutput {
  return {
    file: event.file,
    output: event.output,
    ...(event.encoding ? { bytes: event.bytesOut, encoding: event.encoding } : {}),
    ...(event.outputs && event.outputs.length > 0 ? { outputs: event.outputs.map(outputEntry) } : {}),
  };
}

/** The outputs of files with several, counted; and what searches wrote against the fixed quality. */
export interface OutputTotals {
  written: number;
  skipped: number;
  failed: number;
  /** Outputs whose quality a search chose and whose fixed-quality size is known. */
  searched: number;
  bytes: number;
  bytesAtFixed: number;
  /** Format shoot-outs: how many outputs each format won. */
  wins: Partial<Record<ConcreteFormat, number>>;
}

export const emptyTotals = (): OutputTotals => ({
  written: 0,
  skipped: 0,
  failed: 0,
  searched: 0,
  bytes: 0,
  bytesAtFixed: 0,
  wins: {},
});

type WithOutputs = Extract<EngineEvent, { type: 'file-done' | 'file-skipped' | 'file-failed' }>;

/** Adds a file's answer to the totals: each of its outputs, and what a search wrote. */
export function countOutputs(totals: OutputTotals, event: WithOutputs): void {
  const searched = (choice: EncodingChoice | undefined, bytes: number): void => {
    if (choice?.candidates && choice.candidates.length > 1)
      totals.wins[choice.format] = (totals.wins[choice.format] ?? 0) + 1;
    if (choice?.bytesAtFixed === undefined) return;
    totals.searched++;
    totals.bytes += bytes;
    totals.bytesAtFixed += choice.bytesAtFixed;
  };
  if (!event.outputs?.length) {
    if (event.type === 'file-done') searched(event.encoding, event.bytesOut);
    return;
  }
  for (const { result } of event.outputs) {
    if (result.status === 'done') {
      totals.written++;
      searched(result.encoding, result.bytesOut);
    } else if (result.status === 'skipped') totals.skipped++;
    else totals.failed++;
  }
}

/** `--json`: the totals, each only when it has something to say. */
export function jsonTotals(t: OutputTotals): {
  outputTotals?: { written: number; skipped: number; failed: number };
  search?: { outputs: number; bytes: number; bytesAtFixed: number; bytesSaved: number };
  shootOutWins?: Partial<Record<ConcreteFormat, number>>;
} {
  return {
    ...(t.written + t.skipped + t.failed > 0
      ? { outputTotals: { written: t.written, skipped: t.skipped, failed: t.failed } }
      : {}),
    ...(t.searched > 0
      ? {
          search: {
            outputs: t.searched,
            bytes: t.bytes,
            bytesAtFixed: t.bytesAtFixed,
            bytesSaved: t.bytesAtFixed - t.bytes,
          },
        }
      : {}),
    ...(Object.keys(t.wins).length > 0 ? { shootOutWins: t.wins } : {}),
  };
}

/** The summary's lines about outputs and searches: none when there were neither. */
export function totalsLines(t: OutputTotals): string[] {
  const lines: string[] = [];
  if (t.written + t.skipped + t.failed > 0) {
    const parts = [`${t.written} written`];
    if (t.skipped) parts.push(`${t.skipped} skipped`);
    if (t.failed) parts.push(`${t.failed} failed (listed above)`);
    lines.push(`Outputs: ${parts.join(', ')}.`);
  }
  if (t.searched > 0 && t.bytesAtFixed > 0) {
    const saved = t.bytesAtFixed - t.bytes;
    const percent = Math.round((100 * Math.abs(saved)) / t.bytesAtFixed);
    const verdict =
      saved >= 0
        ? `${formatBytes(saved)} saved vs fixed quality (${percent}%)`
        : `${formatBytes(-saved)} more than fixed quality (${percent}%), to reach the target`;
    lines.push(
      `Quality search on ${plural(t.searched, 'output')}: wrote ${formatBytes(t.bytes)} where fixed quality would have written ${formatBytes(t.bytesAtFixed)}: ${verdict}.`,
    );
  }
  const wins = Object.entries(t.wins).sort((a, b) => b[1] - a[1]);
  if (wins.length > 0) {
    const said = wins.map(([f, n]) => `${formatName(f as ConcreteFormat)} ${n}×`).join(', ');
    lines.push(`Smallest format, by shoot-out: ${said}.`);
  }
  return lines;
}

/** One indented line per output of a file with several: where it went and its size, or why not. */
export function outputLines(outputs: readonly OutputOutcome[] | undefined): string[] {
  return (outputs ?? []).map(({ label, result }) => {
    if (result.status === 'failed') return `    ✗ ${label} — ${result.code}: ${result.message}`;
    if (result.status === 'skipped')
      return `    – ${label} → ${displayPath(result.output)} (skipped: ${result.reason})`;
    const how = result.encoding ? `; ${formatEncoding(result.encoding, result.bytesOut)}` : '';
    return `    ✓ ${label} → ${displayPath(result.output)} (${formatBytes(result.bytesOut)}${how})`;
  });
}

/**
 * `--verbose` for a finished file: `✓ a.jpg → out/a.webp`, with how a search chose its encoding;
 * for several outputs, the file and then one indented line per output.
 */
export function formatDone(event: FileDone): string {
  const file = displayPath(event.file);
  if (!event.outputs?.length) {
    const how = event.encoding ? ` (${formatEncoding(event.encoding, event.bytesOut)})` : '';
    return `✓ ${file} → ${displayPath(event.output)}${how}`;
  }
  return [`✓ ${file} → ${plural(event.outputs.length, 'output')}`, ...outputLines(event.outputs)].join('\n');
}
