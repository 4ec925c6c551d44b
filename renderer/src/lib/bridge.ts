// The one door to the main process. Every call goes through `call`, so a bridge that throws (a
// missing handler, a closed window) becomes the same refusal shape the handlers return.
import type { PixmillApi, Result } from '../../../common/ipc';
import { plainMessage, type StepOps } from './plain-messages';

declare global {
  interface Window {
    pixmill: PixmillApi;
  }
}

export function bridge(): PixmillApi {
  return window.pixmill;
}

export async function call<T>(request: (api: PixmillApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request(window.pixmill);
  } catch (error) {
    return { ok: false, code: 'FAILED', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A refusal as one sentence in words that names the setting, never the field path or channel;
 * `steps` lets a message about a step name it ("Resize, step 2").
 */
export function refusalText(result: { message: string; field?: string | undefined }, steps?: StepOps): string {
  return plainMessage(result, steps);
}
