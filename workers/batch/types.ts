// The batch API that the CLI and the desktop app both drive.
import type { BatchSummary, EngineEvent } from '../../common/events.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import type { PoolMode, Spawner } from '../pool/messages.js';
import type { PoolStats } from '../pool/pool.js';

export interface BatchOptions {
  /** Folders and/or files, as the person chose them. */
  inputs: string[];
  /** Output folder; created if missing. May not contain an input folder. */
  outDir: string;
  spec: PipelineSpec;
  mode?: PoolMode;
  /** Defaults to os.availableParallelism(). */
  workers?: number;
  /** Replaces the process spawner (Electron passes a utilityProcess one). */
  spawner?: Spawner | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: (event: EngineEvent) => void;
  /**
   * Pick up an interrupted run of the same batch (same inputs, output folder and settings) from
   * the journal in the output folder, skipping what it verifiably finished. Default true.
   */
  resume?: boolean;
  /** Minimum time between progress events; 100 ms gives at most 10 per second. */
  progressIntervalMs?: number;
  /**
   * Called once, after the pool has closed, with its statistics (worker start-up times, crashes,
   * timeouts): what `pixmill run --stats-file` and the benchmark report beside the file timings.
   */
  onPoolStats?: (stats: Readonly<PoolStats>) => void;
}

export interface BatchHandle {
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves when the batch ends, however it ends; rejects only for invalid options. */
  readonly done: Promise<BatchSummary>;
}
