// What crosses Redis for one image job: the job as the batch planned it (paths as the planning
// machine names them), and the answer, with the machine that gave it.
import type { ImageJob, JobResult } from '../../common/job.js';

export interface QueuedJob {
  job: ImageJob;
  /** The batch it belongs to: cancel reaches its jobs, and no other's. */
  batch: string;
  /**
   * Put on the queue again (Redis lost it), or taken over from a machine that stopped: the
   * output may already be in place, so the worker looks before it works.
   */
  again?: boolean;
}

export interface QueueAnswer {
  result: JobResult;
  /** Host name and process id of the worker that answered. */
  machine: string;
}
