// `pixmill watch` takes `run`'s recipe, output and worker flags exactly as `run` declares them:
// the same Option objects, so a flag added to `run` is one `watch` has too, and its values are
// checked by the same code (options.ts, spec-from-flags.ts). Only what describes a single run
// (a plan, a closing JSON object, the benchmark's statistics, a queue shared with other machines)
// stays with `run`.
import type { Command, Option } from 'commander';
import type { RunFlags } from '../options.js';
import { UsageError } from '../usage-error.js';

const RUN_ONLY = new Set(['--dry-run', '--json', '--stats-file', '--redis', '--queue']);

/** `run`'s options that mean the same for a watch. */
export function optionsSharedWithRun(program: Command): Option[] {
  const run = program.commands.find((c) => c.name() === 'run');
  if (!run) throw new Error('pixmill watch: the run command must be declared first');
  return run.options.filter((o) => !o.long || !RUN_ONLY.has(o.long));
}

export interface WatchFlags extends RunFlags {
  debounce?: string;
  stable?: string;
}

export const DEBOUNCE_MS = { min: 0, max: 60_000, default: 500 } as const;
export const STABLE_MS = { min: 100, max: 60_000, default: 1000 } as const;

export function parseMilliseconds(flag: string, raw: string | undefined, range: typeof DEBOUNCE_MS | typeof STABLE_MS) {
  if (raw === undefined) return range.default;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max)
    throw new UsageError(
      `${flag}: expected a whole number of milliseconds from ${range.min} to ${range.max}, got "${raw}"`,
    );
  return n;
}
