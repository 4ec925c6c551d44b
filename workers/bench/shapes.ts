// "Threads or processes?" per job shape: of the fixed configurations tried (mode × workers), the
// fastest; what auto chose and how close it came (auto ÷ best fixed, the goal being ≥ 0.97);
// Pixmill against bare sharp; and the external anchors, or why one sat the job out. Pure data in,
// data out, so it is tested on synthetic rounds.
import type { TuningReport } from '../../common/tuning.js';
import type { Anchor } from './anchors.js';
import { type BenchJob, type Contender, isFixedPixmill, type SkippedAnchor } from './contenders.js';
import { JOBS } from './jobs.js';
import { medianOf, pairedRatio, type Timed } from './rounds.js';

/** One run as this reduction needs it: failed runs are left out before. */
export interface ShapeRun extends Timed {
  wallSeconds: number;
  images: number;
  tuning?: AutoChoice | null;
}

/** What auto settled on in one run: the summary's `tuning`, without its steps. */
export type AutoChoice = Pick<TuningReport, 'mode' | 'workers' | 'libvipsThreads' | 'reason'>;

export interface ConfigSpeed {
  id: string;
  /** "processes ×2", "auto", "bare sharp ×2". */
  label: string;
  /** Pixmill's mode; absent for bare sharp and the anchors. */
  mode?: string;
  workers: number;
  imagesPerSecond: number | null;
  /** Median per-round speed ÷ the best fixed configuration's; 1 for the best itself. */
  vsBestFixed: number | null;
}

export interface JobShape {
  job: BenchJob;
  label: string;
  /** Every fixed configuration tried, in the order planned. */
  fixed: ConfigSpeed[];
  bestFixed: ConfigSpeed | null;
  /** The fastest fixed configuration of each mode (for the chart). */
  bestPerMode: ConfigSpeed[];
  auto: ConfigSpeed | null;
  /** The choice auto made most often over the rounds (ties: the latest), or null without a `tuning` field. */
  autoChoice: AutoChoice | null;
  /** Every round's choice, in round order, so a choice that wandered shows. */
  autoChoices: (AutoChoice | null)[];
  autoVsBestFixed: number | null;
  bareSharp: ConfigSpeed | null;
  /** Pixmill as people run it (auto; the best fixed without auto) ÷ the fastest bare sharp, paired per round. */
  pixmillVsBareSharp: number | null;
  /** Per anchor: Pixmill (as above) ÷ the anchor's fastest, or why it did not run. */
  anchors: { tool: Anchor; vsPixmill: number | null; best: ConfigSpeed | null; skipped?: string }[];
}

export const configLabel = (c: Contender): string =>
  c.tool === 'pixmill'
    ? c.mode === 'auto'
      ? 'auto'
      : `${c.mode} ×${c.workers}`
    : `${c.tool === 'bare-sharp' ? 'bare sharp' : c.tool} ×${c.workers}`;

const choiceKey = (c: AutoChoice) => `${c.mode} ${c.workers} ${c.libvipsThreads}`;

/** The most frequent choice; a tie goes to the later rounds, which had the tuner's longer view. */
export function commonestChoice(choices: readonly (AutoChoice | null)[]): AutoChoice | null {
  const counts = new Map<string, { n: number; last: number; choice: AutoChoice }>();
  choices.forEach((c, i) => {
    if (!c) return;
    const k = choiceKey(c);
    counts.set(k, { n: (counts.get(k)?.n ?? 0) + 1, last: i, choice: c });
  });
  let best: { n: number; last: number; choice: AutoChoice } | undefined;
  for (const v of counts.values()) if (!best || v.n > best.n || (v.n === best.n && v.last > best.last)) best = v;
  return best?.choice ?? null;
}

export interface ShapeInput {
  jobs: readonly BenchJob[];
  contenders: readonly Contender[];
  /** Runs that finished; runs of contenders whose outputs were wrong are counted as not run. */
  runs: readonly ShapeRun[];
  invalid: ReadonlyMap<string, string>;
  skipped: readonly SkippedAnchor[];
}

export function jobShapes(input: ShapeInput): JobShape[] {
  const runs = input.runs.filter((r) => !input.invalid.has(r.id));
  const speed = (id: string) => medianOf(runs, id, (r) => r.images / r.wallSeconds);
  const ran = (c: Contender) => runs.some((r) => r.id === c.id);
  const fastest = (list: readonly Contender[]) =>
    list
      .filter(ran)
      .reduce<Contender | undefined>((a, c) => (!a || (speed(c.id) ?? 0) > (speed(a.id) ?? 0) ? c : a), undefined);

  return input.jobs.map((job) => {
    const mine = input.contenders.filter((c) => c.job === job);
    const fixedList = mine.filter(isFixedPixmill);
    const best = fastest(fixedList);
    const versusBest = (c: Contender): ConfigSpeed => ({
      id: c.id,
      label: configLabel(c),
      ...(c.mode ? { mode: c.mode } : {}),
      workers: c.workers,
      imagesPerSecond: speed(c.id),
      vsBestFixed: best ? (c.id === best.id ? 1 : pairedRatio(runs, c.id, best.id)) : null,
    });
    const fixed = fixedList.map(versusBest);
    const modes = [...new Set(fixedList.map((c) => c.mode))];
    const bestPerMode = modes.flatMap((m) => {
      const c = fastest(fixedList.filter((x) => x.mode === m));
      return c ? [versusBest(c)] : [];
    });
    const autoContender = mine.find((c) => c.tool === 'pixmill' && c.mode === 'auto');
    const auto = autoContender && ran(autoContender) ? versusBest(autoContender) : null;
    const autoChoices = autoContender
      ? [...runs]
          .filter((r) => r.id === autoContender.id)
          .sort((a, b) => a.round - b.round)
          .map((r) => r.tuning ?? null)
      : [];
    const sharp = fastest(mine.filter((c) => c.tool === 'bare-sharp'));
    // What people get is auto; without it, the best they could pick by hand.
    const pixmill = auto ? autoContender : best;
    const anchors = (['vipsthumbnail', 'mogrify'] as const).map((tool) => {
      const skipped = input.skipped.find((s) => s.job === job && s.tool === tool)?.reason;
      const a = fastest(mine.filter((c) => c.tool === tool));
      return {
        tool,
        vsPixmill: a && pixmill ? pairedRatio(runs, pixmill.id, a.id) : null,
        best: a ? versusBest(a) : null,
        ...(skipped ? { skipped } : !a && mine.some((c) => c.tool === tool) ? { skipped: 'failed or invalid' } : {}),
      };
    });
    return {
      job,
      label: JOBS[job].label,
      fixed,
      bestFixed: best ? versusBest(best) : null,
      bestPerMode,
      auto,
      autoChoice: commonestChoice(autoChoices),
      autoChoices,
      autoVsBestFixed: auto?.vsBestFixed ?? null,
      bareSharp: sharp ? versusBest(sharp) : null,
      pixmillVsBareSharp: sharp && pixmill ? pairedRatio(runs, pixmill.id, sharp.id) : null,
      anchors,
    };
  });
}
