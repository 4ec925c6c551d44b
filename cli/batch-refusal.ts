// The engine refuses bad batch options (an output folder that contains an input, say) naming the
// field; for `run` and `watch` alike that is a usage mistake, exit code 2, said with the flag a
// person typed in the field's place.
import type { BatchRequest } from '../common/ipc.js';
import type { BatchOptionsError } from '../workers/batch/prepare-batch.js';
import { UsageError } from './usage-error.js';

const FLAG_FOR_FIELD: Record<string, string | undefined> = {
  outDir: '--out',
  inputs: '<inputs>',
  workers: '--workers',
  mode: '--mode',
  spec: 'settings',
  recompress: '--recompress',
  memoryBudgetMb: '--memory-budget',
  redis: '--redis',
} satisfies Record<keyof BatchRequest, string>;

export function asUsageError(err: BatchOptionsError): UsageError {
  const [head = '', ...rest] = err.field.split('.');
  return new UsageError(`${[FLAG_FOR_FIELD[head] ?? head, ...rest].join('.')}: ${err.reason}`);
}
