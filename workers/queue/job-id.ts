// One BullMQ job id per (source, recipe, output folder): enqueueing the same file twice (the
// planning machine putting its jobs back after Redis lost them, say) adds nothing, because
// BullMQ ignores a job whose id it already holds. A changed source (size, date) is a new job.
import { createHash } from 'node:crypto';
import type { ImageJob } from '../../common/job.js';

export function jobIdOf(job: ImageJob): string {
  const source = job.journal?.entry;
  const identity = source
    ? [source.in, source.size, source.mtime, (source as { recipe?: string }).recipe ?? '']
    : [job.input, JSON.stringify(job.spec)];
  const where = [job.outDir, job.nameTemplate, ...(job.targets ?? []).map((t) => `${t.outDir}/${t.nameTemplate}`)];
  // BullMQ refuses ids holding ':' and plain integers; a hex digest with a prefix is neither.
  return `px${createHash('sha256')
    .update(JSON.stringify([identity, where]))
    .digest('hex')
    .slice(0, 40)}`;
}
