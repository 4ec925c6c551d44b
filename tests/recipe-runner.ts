// A batch of a recipe through the real engine (worker processes), with every event it emitted.
import type { EngineEvent } from '../common/events.js';
import { makePipeline, type PipelineSpecInput } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';

export async function runRecipe(inputs: string[], out: string, spec: PipelineSpecInput, workers = 2) {
  const events: EngineEvent[] = [];
  const summary = await startBatch({
    inputs,
    outDir: out,
    spec: makePipeline(spec),
    mode: 'processes',
    workers,
    onEvent: (e) => events.push(e),
  }).done;
  return { summary, events, done: events.filter((e) => e.type === 'file-done') };
}
