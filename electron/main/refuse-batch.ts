// What Start and Start watching answer for settings the engine refuses (an output folder that
// contains an input, a missing watermark…): the request itself is refused, naming the field,
// rather than the refusal arriving later as an event.
import type { Result } from '../../common/ipc.js';
import { BatchOptionsError, prepareBatch } from '../../workers/batch/prepare-batch.js';
import type { BatchOptions } from '../../workers/batch/types.js';

export async function refusalOf(options: BatchOptions): Promise<Extract<Result<never>, { ok: false }> | undefined> {
  try {
    await prepareBatch(options);
    return undefined;
  } catch (e) {
    if (e instanceof BatchOptionsError)
      return { ok: false, code: 'INVALID_SETTINGS', field: e.field, message: e.message };
    throw e;
  }
}
