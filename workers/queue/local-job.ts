// A job as this machine reaches it: the planning machine's paths mapped to where this machine
// mounts the shared storage (--path-map), and its answer mapped back. With no map, the same job.
import type { ImageJob, JobResult, OutputOutcome } from '../../common/job.js';
import { type PathMap, toLocal, toShared } from '../../common/path-map.js';

export function localJob(job: ImageJob, map: PathMap): ImageJob {
  if (map.length === 0) return job;
  const local = (p: string) => toLocal(p, map);
  return {
    ...job,
    input: local(job.input),
    outDir: local(job.outDir),
    tempPath: local(job.tempPath),
    ...(job.journal ? { journal: { ...job.journal, path: local(job.journal.path), recordAs: map } } : {}),
    ...(job.targets
      ? { targets: job.targets.map((t) => ({ ...t, outDir: local(t.outDir), tempPath: local(t.tempPath) })) }
      : {}),
    spec: localSpec(job.spec, local),
  };
}

/** A watermark is a file too: the one path a recipe itself holds. */
function localSpec(spec: ImageJob['spec'], local: (p: string) => string): ImageJob['spec'] {
  if (!spec.steps.some((s) => s.op === 'watermark')) return spec;
  return {
    ...spec,
    steps: spec.steps.map((s) =>
      s.op === 'watermark' ? { ...s, params: { ...s.params, path: local(s.params.path) } } : s,
    ),
  };
}

export function sharedResult(result: JobResult, map: PathMap): JobResult {
  if (map.length === 0) return result;
  const shared = (p: string) => toShared(p, map);
  const outputs = result.outputs?.map((o): OutputOutcome => ({ ...o, result: sharedResult(o.result, map) }));
  const withOutputs = outputs ? { outputs } : {};
  if (result.status === 'failed') return { ...result, ...withOutputs };
  return { ...result, output: shared(result.output), ...withOutputs };
}
