// One format's choice: the target search (if a target is set), then the size cap over it (the
// cap wins), then the cap's outcome when even the quality floor does not fit. A format without a
// quality to search (PNG, TIFF, GIF, or lossless) is encoded once and only the cap applies.
import type { FileError } from '../../../common/errors.js';
import type { ConcreteFormat, SizeCapOutcome } from '../../../common/pipeline.js';
import type { FileWarning } from '../../../common/warnings.js';
import { capMissed, capUnreached, downscaledToFit, targetGivenUpForCap, targetUnreachable } from './messages.js';
import type { Probe, Prober } from './probe.js';
import { downscaleToFit, fitQuality } from './size-cap.js';
import { searchTarget } from './target-search.js';

export interface FormatSettings {
  format: ConcreteFormat;
  /** A quality to search (lossy JPEG, WebP, AVIF, JPEG XL). */
  searchable: boolean;
  target?: number | undefined;
  maxBytes?: number | undefined;
  outcome: SizeCapOutcome;
  minQuality: number;
  /** The first guess, and without a target the quality used. */
  first: number;
  /** In a shoot-out: the smallest passing file of the formats searched before. */
  bytesToBeat?: number | undefined;
}

export interface FormatOutcome {
  format: ConcreteFormat;
  /** The file this format would write; absent when the cap's outcome is to fail. */
  chosen?: Probe;
  error?: FileError;
  warnings: FileWarning[];
  /** Whether the chosen file reaches the target (undefined without one). */
  met?: boolean;
  /** The search stopped early: this format could not beat `bytesToBeat`. */
  outrun: boolean;
  /** Every full-size probe of this format. */
  probes: Probe[];
}

export async function searchFormat(prober: Prober, s: FormatSettings): Promise<FormatOutcome> {
  const { format, target } = s;
  let chosen: Probe;
  let probes: Probe[];
  let met: boolean | undefined;
  if (target !== undefined && s.searchable) {
    const found = await searchTarget(prober, {
      format,
      target,
      minQuality: s.minQuality,
      first: s.first,
      bytesToBeat: s.bytesToBeat,
    });
    if (found.outrun)
      return { format, chosen: found.chosen, warnings: [], met: false, outrun: true, probes: found.probes };
    ({ chosen, met, probes } = found);
  } else {
    chosen = await prober.probe(format, s.first, undefined, target !== undefined);
    probes = [chosen];
    if (target !== undefined) met = (await prober.verify(chosen)) >= target;
  }
  const warnings: FileWarning[] = [];
  const missedTarget = async (p: Probe) => {
    if (target === undefined || s.maxBytes === undefined) return;
    const got = await prober.verify(p);
    met = got >= target;
    if (!met) warnings.push(targetGivenUpForCap(target, s.maxBytes, got, p.quality));
  };
  const base = { format, outrun: false } as const;
  if (s.maxBytes === undefined || chosen.data.length <= s.maxBytes) {
    if (target !== undefined && !met) warnings.push(targetUnreachable(target, chosen.fullScore, chosen.quality));
    return { ...base, chosen, warnings, ...(met === undefined ? {} : { met }), probes };
  }
  const cap = s.searchable
    ? await fitQuality(
        prober,
        { format, maxBytes: s.maxBytes, minQuality: s.minQuality, ceiling: chosen.quality },
        probes,
      )
    : { smallest: chosen, probes };
  const all = cap.probes;
  if ('fits' in cap && cap.fits) {
    await missedTarget(cap.fits);
    return { ...base, chosen: cap.fits, warnings, ...(met === undefined ? {} : { met }), probes: all };
  }
  const floor = cap.smallest;
  const floorQuality = s.searchable ? s.minQuality : floor.quality;
  switch (s.outcome) {
    case 'smallest':
      warnings.push(capMissed(s.maxBytes, floor.data.length, floorQuality));
      await missedTarget(floor);
      return { ...base, chosen: floor, warnings, ...(met === undefined ? {} : { met }), probes: all };
    case 'fail':
      return {
        ...base,
        error: capUnreached(s.maxBytes, floor.data.length, floorQuality, false),
        warnings,
        probes: all,
      };
    case 'downscale': {
      const small = await downscaleToFit(prober, { format, maxBytes: s.maxBytes, minQuality: floor.quality }, floor);
      if (!small?.size)
        return {
          ...base,
          error: capUnreached(s.maxBytes, floor.data.length, floorQuality, true),
          warnings,
          probes: all,
        };
      warnings.push(downscaledToFit(s.maxBytes, small.size, await prober.shape(), floorQuality));
      if (target !== undefined) {
        met = false;
        warnings.push(targetGivenUpForCap(target, s.maxBytes, undefined, small.quality));
      }
      return { ...base, chosen: small, warnings, ...(met === undefined ? {} : { met }), probes: all };
    }
  }
}
