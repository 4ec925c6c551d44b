// A finished file's outputs in words: how many were written and their total size, one line per
// output (its label, size, or why it was not written), and how a quality search chose its encoding
// ("quality 74 · score 81 · 32 % smaller than q82").
import { formatBytes, plural } from '../../../common/format';
import type { EncodingChoice, OutputOutcome } from '../../../common/job';
import type { PipelineSpec } from '../../../common/pipeline';
import { formatName, recipeOutputs } from '../../../common/recipes';

export const SKIP_REASONS: Record<string, string> = {
  'up-to-date': 'Its output from an earlier run is up to date.',
  resumed: 'Finished by an earlier, interrupted run.',
  exists: 'A file of the output’s name exists already.',
  larger: 'Kept out: the output would be larger than the original.',
};

/** One output of a file, as the window keeps it. */
export interface FileOutput {
  /** Index into the recipe's outputs. */
  index: number;
  label: string;
  status: 'done' | 'skipped' | 'failed';
  path: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  /** Why it was not written, or what it lost on the way, in words. */
  message: string | null;
  encoding: EncodingChoice | null;
}

export function fileOutputs(outcomes: readonly OutputOutcome[]): FileOutput[] {
  return outcomes.map(({ output, label, result }) => {
    const base = { index: output, label, width: null, height: null, encoding: null };
    switch (result.status) {
      case 'done':
        return {
          ...base,
          status: 'done',
          path: result.output,
          bytes: result.bytesOut,
          width: result.width,
          height: result.height,
          message: result.warnings?.map((w) => w.message).join(' ') || null,
          encoding: result.encoding ?? null,
        };
      case 'skipped':
        return {
          ...base,
          status: 'skipped',
          path: result.output,
          bytes: null,
          message: result.warnings?.[0]?.message ?? SKIP_REASONS[result.reason] ?? 'Skipped.',
        };
      default:
        return { ...base, status: 'failed', path: null, bytes: null, message: result.message };
    }
  });
}

/** "3 outputs · 120 kB", or "2 of 3 outputs · 80 kB" when some were not written. */
export function outputsLine(outputs: readonly FileOutput[]): string {
  const written = outputs.filter((o) => o.status === 'done');
  const bytes = written.reduce((sum, o) => sum + (o.bytes ?? 0), 0);
  const count =
    written.length === outputs.length
      ? plural(outputs.length, 'output')
      : `${written.length} of ${plural(outputs.length, 'output')}`;
  return written.length > 0 ? `${count} · ${formatBytes(bytes)}` : count;
}

/** "800 px WebP · 32 kB", "800 px WebP: failed. The disk is full." */
export function outputText(o: FileOutput): string {
  if (o.status === 'done') return `${o.label} · ${formatBytes(o.bytes ?? 0)}${o.message ? ` · ${o.message}` : ''}`;
  return `${o.label}: ${o.status === 'failed' ? 'failed' : 'skipped'}. ${o.message ?? ''}`.trim();
}

/**
 * "quality 74 · score 81 · 32 % smaller than q82": what a search chose, the score it reached and
 * the bytes it saved against the recipe's fixed quality; a shoot-out names the winner.
 */
export function encodingText(encoding: EncodingChoice, bytes: number, fixedQuality?: number): string {
  const parts: string[] = [];
  if (encoding.candidates && encoding.candidates.length > 1) parts.push(`${formatName(encoding.format)} was smallest`);
  parts.push(`quality ${encoding.quality}`);
  if (encoding.score !== undefined) parts.push(`score ${Math.round(encoding.score)}`);
  if (encoding.bytesAtFixed !== undefined && encoding.bytesAtFixed > 0) {
    const pct = Math.round((1 - bytes / encoding.bytesAtFixed) * 100);
    const than = fixedQuality === undefined ? 'the fixed quality' : `q${fixedQuality}`;
    parts.push(
      pct === 0 ? `the same size as ${than}` : `${Math.abs(pct)} % ${pct > 0 ? 'smaller' : 'larger'} than ${than}`,
    );
  }
  if (encoding.downscaledTo)
    parts.push(`made smaller to ${encoding.downscaledTo.width} × ${encoding.downscaledTo.height} px to fit`);
  return parts.join(' · ');
}

/** The fixed quality the recipe's output `index` would have used: what a search's saving is against. */
export function fixedQuality(spec: Pick<PipelineSpec, 'output' | 'outputs'> | null, index: number): number | undefined {
  return spec ? recipeOutputs(spec)[index]?.output.quality : undefined;
}
