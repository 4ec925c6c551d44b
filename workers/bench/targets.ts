// The issue's targets, measured and printed — never asserted: speed is reported, not tested.
import type { Contender } from './contenders.js';
import { pairedRatio, type Timed } from './rounds.js';
import type { JobShape } from './shapes.js';
import type { ContenderResult } from './summarise.js';

export interface Target {
  target: string;
  goal: string;
  /** The figure, with what it was measured on; "not measured" when a contender is missing. */
  measured: string;
  value: number | null;
  /** null: nothing to meet (a figure to state) or not measured. */
  met: boolean | null;
}

export interface TargetInput {
  contenders: readonly Contender[];
  results: readonly ContenderResult[];
  timed: readonly Timed[];
  cores: number;
  fastest: (list: readonly Contender[]) => Contender | undefined;
}

const label = (c: Contender) => `${c.mode ? `pixmill ${c.mode}` : c.tool} ×${c.workers}`;
const missing = (target: string, goal: string): Target => ({
  target,
  goal,
  measured: 'not measured',
  value: null,
  met: null,
});

export function evaluateTargets(t: TargetInput): Target[] {
  const out: Target[] = [];
  const result = (c: Contender | undefined) => (c ? t.results.find((r) => r.id === c.id) : undefined);
  const pick = (job: string, tool: string, mode?: string) =>
    t.contenders.filter((c) => c.job === job && c.tool === tool && (mode === undefined || c.mode === mode));
  const jobs = [...new Set(t.contenders.map((c) => c.job))];

  const versus = (job: string, tool: string, goal: number, name: string) => {
    const pix = t.fastest(pick(job, 'pixmill'));
    const ext = t.fastest(pick(job, tool));
    const value = pix && ext ? pairedRatio(t.timed, pix.id, ext.id) : null;
    if (value === null || !pix || !ext) {
      out.push(missing(name, `≥ ${goal}×`));
      return;
    }
    out.push({
      target: name,
      goal: `≥ ${goal}×`,
      measured: `${value.toFixed(2)}× (${label(pix)} vs ${label(ext)})`,
      value,
      met: value >= goal,
    });
  };
  if (jobs.includes('plain')) versus('plain', 'vipsthumbnail', 1.5, 'plain: best Pixmill ÷ vipsthumbnail (images/s)');
  if (jobs.includes('full')) versus('full', 'mogrify', 4, 'full: best Pixmill ÷ ImageMagick mogrify (images/s)');

  for (const job of jobs) {
    // The default worker count (= cores) is what people run; other N are in the main table.
    const processes = pick(job, 'pixmill', 'processes');
    const atCores = processes.find((c) => c.workers === t.cores) ?? processes.at(-1);
    const r = result(atCores);
    const name = `${job}: processes ÷ bare sharp, same N`;
    if (!atCores || r?.vsBareSharp == null) out.push(missing(name, '≥ 0.95×'));
    else
      out.push({
        target: name,
        goal: '≥ 0.95× (within 5 %)',
        measured: `${r.vsBareSharp.toFixed(3)}× (×${atCores.workers})`,
        value: r.vsBareSharp,
        met: r.vsBareSharp >= 0.95,
      });
  }

  for (const job of jobs) {
    const best = t.fastest(pick(job, 'pixmill'));
    const cpu = result(best)?.cpuUtilisation;
    const name = `${job}: CPU utilisation, best Pixmill mode`;
    if (!best || cpu == null) out.push(missing(name, '≥ 90 % of the cores'));
    else
      out.push({
        target: name,
        goal: '≥ 90 % of the cores',
        measured: `${(cpu * 100).toFixed(0)} % (${label(best)})`,
        value: cpu,
        met: cpu >= 0.9,
      });
  }

  // "while 2 workers run": processes mode at N = 2, the plain job if it ran.
  const two = t.contenders.find(
    (c) =>
      c.tool === 'pixmill' &&
      c.mode === 'processes' &&
      c.workers === 2 &&
      c.job === (jobs.includes('plain') ? 'plain' : jobs[0]),
  );
  const p99 = result(two)?.eventLoopDelayP99Ms;
  if (!two || p99 == null) out.push(missing('event-loop delay p99, engine process, 2 workers', '< 10 ms'));
  else
    out.push({
      target: 'event-loop delay p99, engine process, 2 workers',
      goal: '< 10 ms',
      measured: `${p99.toFixed(1)} ms (${two.job}, ${label(two)})`,
      value: p99,
      met: p99 < 10,
    });

  for (const mode of ['processes', 'threads'] as const) {
    const startups = t.results
      .filter((r) => r.name === `pixmill-${mode}` && r.workerStartupMs != null)
      .map((r) => r.workerStartupMs!);
    const name = `worker start-up, ${mode} (median per worker)`;
    if (startups.length === 0) out.push(missing(name, '< 150 ms'));
    else {
      const worst = Math.max(...startups);
      out.push({
        target: name,
        goal: '< 150 ms',
        measured: `${worst.toFixed(0)} ms (worst N of ${startups.map((s) => s.toFixed(0)).join(', ')})`,
        value: worst,
        met: worst < 150,
      });
    }
  }

  for (const job of jobs) {
    const c = pick(job, 'pixmill', 'processes').find((x) => x.workers === t.cores);
    const rss = result(c)?.peakRssMB;
    const name = `${job}: peak memory per worker (processes ×${t.cores}, tree ÷ N)`;
    if (!c || rss == null) out.push(missing(name, 'stated'));
    else
      out.push({
        target: name,
        goal: 'stated',
        measured: `${(rss / c.workers).toFixed(0)} MB (tree ${rss.toFixed(0)} MB, engine included)`,
        value: rss / c.workers,
        met: null,
      });
  }
  return out;
}

/** The auto mode's goal, per job: within 3 % of the best fixed configuration tried. */
export function autoTargets(shapes: readonly JobShape[]): Target[] {
  return shapes.map((s) => {
    const target = `${s.job}: auto ÷ best fixed configuration`;
    const value = s.autoVsBestFixed;
    if (value === null || !s.bestFixed) return missing(target, '≥ 0.97×');
    const chose = s.autoChoice ? `, chose ${s.autoChoice.mode} ×${s.autoChoice.workers}` : '';
    return {
      target,
      goal: '≥ 0.97×',
      measured: `${value.toFixed(3)}× (best fixed ${s.bestFixed.label}${chose})`,
      value,
      met: value >= 0.97,
    };
  });
}
