// The batch API that the CLI and the desktop app both drive.
import type { EngineEvent, BatchSummary } from '../../common/events.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import type { PoolMode, Spawner } from '../pool/messages.js';

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
  spawner?: Spawner;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /** Minimum time between progress events; 100 ms gives at most 10 per second. */
  progressIntervalMs?: number;
}

export interface BatchHandle {
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves when the batch ends, however it ends; rejects only for invalid options. */
  readonly done: Promise<BatchSummary>;
}
