// The recipe's outputs list as the window edits it. Each row carries its own encoding (format,
// quality, name, quality target, size cap, shoot-out), so a row reads exactly as it will be
// written; what every output shares (metadata, effort, lossless, colour, folders) stays on the
// recipe's output. A spec loaded with rows that leave encoding fields out gets them filled in
// from its output, which is what the engine would have used.
import type { OutputSettings, Variant } from '../../../common/pipeline';

/** The fields every row of the list sets itself. */
export const ROW_FIELDS = [
  'format',
  'quality',
  'pattern',
  'targetScore',
  'maxBytes',
  'sizeCapOutcome',
  'minQuality',
  'pickFormat',
] as const satisfies readonly (keyof Variant & keyof OutputSettings)[];
export type RowField = (typeof ROW_FIELDS)[number];

/** Widths a new row tries in turn: common steps of a responsive image set. */
const WIDTH_LADDER = [800, 1600, 320, 2400, 640, 1200, 480, 3200] as const;

/** The variant with every field left out dropped, as the spec holds it. */
export function compactVariant(variant: Variant): Variant {
  return Object.fromEntries(Object.entries(variant).filter(([, v]) => v !== undefined)) as Variant;
}

/** The row's encoding fields filled in from the recipe's output where the row leaves them out. */
export function materialize(base: OutputSettings, variant: Variant): Variant {
  const filled: Record<string, unknown> = {};
  for (const key of ROW_FIELDS) filled[key] = variant[key] ?? base[key];
  return compactVariant({ ...variant, ...filled } as Variant);
}

/**
 * The recipe's output as sent beside a list: its encoding is the first row's (what anything that
 * reads the one output, such as the preview, should show), and the rows set their own quality
 * target, size cap and shoot-out, so none is inherited by a row that chose a fixed quality or no cap.
 */
export function sharedOutput(base: OutputSettings, first: Variant): OutputSettings {
  const { targetScore: _target, maxBytes: _cap, ...rest } = base;
  return {
    ...rest,
    format: first.format ?? base.format,
    quality: first.quality ?? base.quality,
    pattern: first.pattern ?? base.pattern,
    pickFormat: [],
  };
}

/** The first width of the ladder no row uses yet. */
function freeWidth(rows: readonly Variant[]): number {
  const used = new Set(rows.map((r) => r.width));
  const widest = Math.max(0, ...rows.map((r) => r.width ?? 0));
  return WIDTH_LADDER.find((w) => !used.has(w)) ?? Math.min(65535, widest + 400);
}

/**
 * The row "Add output" appends: the last row's encoding at a width no other row has, named after
 * that width so its files never take another row's names.
 */
export function nextRow(rows: readonly Variant[], base: OutputSettings): Variant {
  const last = rows.at(-1) ?? {};
  const from = materialize(base, last);
  const width = freeWidth(rows);
  const encoding: Record<string, unknown> = {};
  for (const key of ROW_FIELDS) encoding[key] = from[key];
  return compactVariant({ ...(encoding as Variant), width, pattern: `{name}-${width}` });
}

/** Turning the one output into a list: it becomes the first row, and a second is added after it. */
export function firstRows(base: OutputSettings): Variant[] {
  const first = materialize(base, {});
  return [first, nextRow([first], base)];
}

/**
 * A new width for a row. A name that was made from the old width ("{name}-800") follows it, so
 * the name keeps saying the size; a name the person wrote is left alone.
 */
export function withWidth(variant: Variant, width: number | undefined): Variant {
  const follows = variant.width !== undefined && variant.pattern === `{name}-${variant.width}`;
  const pattern =
    follows && width !== undefined && Number.isInteger(width) && width > 0 ? `{name}-${width}` : undefined;
  return compactVariant({ ...variant, width, ...(pattern ? { pattern } : {}) });
}
