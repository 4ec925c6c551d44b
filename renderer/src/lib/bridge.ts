// The one door to the main process. Every call goes through `call`, so a bridge that throws (a
// missing handler, a closed window) becomes the same refusal shape the handlers return.
import type { PixmillApi, Result } from '../../../common/ipc';

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

/** A refusal as one sentence that names its field, whether or not the message already does. */
export function refusalText(result: { message: string; field?: string }): string {
  const { message, field } = result;
  return field && !message.includes(field) ? `${field}: ${message}` : message;
}
