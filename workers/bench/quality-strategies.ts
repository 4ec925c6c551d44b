// The strategies of the bench's quality table, as output settings: what each asks of the
// encoder, on JPEG output of the plain job (the same photos, the same size). "matched" is the
// issue's goal taken literally: per photo, the smallest file of the three formats that scores
// what the fixed-q80 JPEG of that photo scores (rounded to the whole number a target is).
import type { OutputSettings } from '../../common/pipeline.js';

export const QUALITY_STRATEGIES = ['fixed', 'target', 'cap', 'shootout', 'matched'] as const;
export type QualityStrategy = (typeof QUALITY_STRATEGIES)[number];

export const STRATEGY_LABELS: Record<QualityStrategy, string> = {
  fixed: 'fixed JPEG q80',
  target: 'quality target (JPEG)',
  cap: 'size cap (JPEG)',
  shootout: 'shoot-out AVIF/WebP/JPEG',
  matched: 'shoot-out at q80’s own score',
};

export interface StrategyParams {
  /** The target score of the target and shoot-out strategies. */
  target: number;
  /** The size cap of the cap strategy, in bytes. */
  cap: number;
}

/** The fixed quality every strategy starts from (and the fixed strategy writes). */
const FIXED_QUALITY = 80;

export function strategyOutput(strategy: QualityStrategy, p: StrategyParams): Partial<OutputSettings> {
  const base = { format: 'jpeg', quality: FIXED_QUALITY, metadata: 'strip' } as const;
  switch (strategy) {
    case 'fixed':
      return base;
    case 'target':
      return { ...base, targetScore: p.target };
    case 'cap':
      return { ...base, maxBytes: p.cap, sizeCapOutcome: 'smallest' };
    case 'shootout':
      return { ...base, targetScore: p.target, pickFormat: ['avif', 'webp', 'jpeg'] };
    // Per photo, the target is the score its fixed-q80 file reaches (the child sets it).
    case 'matched':
      return { ...base, targetScore: p.target, pickFormat: ['avif', 'webp', 'jpeg'] };
  }
}

/** One photo's result in one run. */
export interface QualityImageRun {
  file: string;
  pixels: number;
  bytes: number;
  /** SSIMULACRA2 of the written file, from its bytes, on the whole image. */
  score: number;
  format: string;
  quality: number;
  encodes: number;
  /** The strategy's encoding, timed: wall and CPU milliseconds. */
  wallMs: number;
  cpuMs: number;
  warnings: string[];
}
