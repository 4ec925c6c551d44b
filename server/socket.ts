// One browser window's socket: calls on the IPC channels go through the same parse (common/ipc.ts)
// and then the roots check before the very handlers the desktop app uses; the folder browser's
// listings and picks are the only other messages. Anything malformed is answered with an error
// message, never thrown: a bad message costs its sender an answer, not the server.
import { CHANNELS, type Channel, parseRequest, type Result } from '../common/ipc.js';
import type { PickKind, ServerMessage } from '../common/serve-messages.js';
import type { Handlers } from '../electron/main/handlers.js';
import { browse } from './browse.js';
import { callingConnection, type PickTarget } from './picks.js';
import { requestPaths } from './request-paths.js';
import type { Roots } from './roots.js';

/** The part of a ws WebSocket a connection needs (tests hand it a fake). */
export interface SocketLike {
  send(data: string): void;
  readonly readyState: number;
}

const OPEN = 1;
const MAX_ID = Number.MAX_SAFE_INTEGER;

const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ID;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PendingPick {
  kind: PickKind;
  accept: (paths: string[]) => Promise<string | null>;
  done: (paths: string[] | null) => void;
}

export class Connection implements PickTarget {
  private nextPick = 1;
  private readonly picks = new Map<number, PendingPick>();

  constructor(
    private readonly socket: SocketLike,
    private readonly handlers: Handlers,
    private readonly roots: Roots,
  ) {}

  send(message: ServerMessage): void {
    if (this.socket.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  pick(kind: PickKind, accept: PendingPick['accept']): Promise<string[] | null> {
    // One dialog at a time, as a native one is modal: a second replaces a forgotten first.
    for (const [id, open] of this.picks) {
      this.picks.delete(id);
      open.done(null);
    }
    const id = this.nextPick++;
    return new Promise((done) => {
      this.picks.set(id, { kind, accept, done });
      this.send({ type: 'pick', id, kind });
    });
  }

  /** The socket has closed: open dialogs end as cancelled. */
  close(): void {
    for (const open of this.picks.values()) open.done(null);
    this.picks.clear();
  }

  async receive(data: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      this.send({ type: 'error', message: 'Expected a JSON message.' });
      return;
    }
    if (!isRecord(message) || !isId(message['id'])) {
      this.send({ type: 'error', message: 'Expected a message with a type and a numeric id.' });
      return;
    }
    const id = message['id'];
    try {
      switch (message['type']) {
        case 'call':
          this.send({ type: 'result', id, result: await this.call(message['channel'], message['payload']) });
          return;
        case 'browse': {
          const path = message['path'];
          if (path !== null && typeof path !== 'string') {
            this.send({ type: 'browse-result', id, result: invalid('Expected a folder path.') });
            return;
          }
          this.send({ type: 'browse-result', id, result: await browse(this.roots, path) });
          return;
        }
        case 'pick-answer':
          this.send({ type: 'pick-result', id, result: await this.answer(message['pick'], message['paths']) });
          return;
        default:
          this.send({ type: 'error', id, message: 'Expected a message of type call, browse or pick-answer.' });
      }
    } catch (e) {
      this.send({ type: 'error', id, message: `The request failed: ${(e as Error).message}` });
    }
  }

  private async call(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !CHANNELS.includes(channel as Channel))
      return invalid(`Unknown channel ${JSON.stringify(channel)?.slice(0, 80)}.`);
    const parsed = parseRequest(channel as Channel, payload);
    // An invalid payload goes on to the handler, which refuses it naming the field, as over IPC.
    if (parsed.success) {
      for (const { path, field } of requestPaths(channel as Channel, parsed.data)) {
        const checked = await this.roots.check(path);
        if (!checked.ok) return { ...invalid(checked.message), ...(field ? { field } : {}) };
      }
    }
    return callingConnection.run(this, () => this.handlers[channel as Channel](payload));
  }

  private async answer(id: unknown, paths: unknown): Promise<Result<null>> {
    if (!isId(id)) return invalid('Expected the id of the dialog answered.');
    const open = this.picks.get(id);
    if (!open) return invalid('This dialog is no longer open.');
    if (paths === null) {
      this.picks.delete(id);
      open.done(null);
      return { ok: true, value: null };
    }
    if (!Array.isArray(paths) || paths.length > 10_000 || !paths.every((p) => typeof p === 'string'))
      return invalid('Expected a list of paths.');
    const refusal = await open.accept(paths);
    if (refusal) return invalid(refusal);
    this.picks.delete(id);
    open.done(paths);
    return { ok: true, value: null };
  }
}

const invalid = (message: string): Result<never> => ({ ok: false, code: 'INVALID_REQUEST', message });
