// The resume journal: a file in the output folder with a line per finished file, so that a batch
// whose engine was killed (or that was cancelled) picks up where it stopped on the next run with
// the same inputs, output folder and settings, redoing only what is not verifiably finished.
// The engine writes the header; workers append an entry the moment each output is in place.
import { createHash } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import type { JournalEntry, JournalInput } from '../../common/job.js';
import type { PipelineSpec } from '../../common/pipeline.js';

const debug = debuglog('pixmill');

export const JOURNAL_NAME = '.pixmill-journal.jsonl';

interface Header {
  v: 1;
  key: string;
}

/** What identifies "the same batch": its inputs and every setting that shapes the outputs. */
export function journalKey(inputs: readonly string[], spec: PipelineSpec): string {
  return createHash('sha256')
    .update(JSON.stringify({ inputs, steps: spec.steps, output: spec.output }))
    .digest('hex');
}

export class Journal {
  private constructor(
    readonly path: string,
    private readonly done: Map<string, JournalEntry>,
  ) {}

  /** Opens the journal; with `resume`, keeps and loads the entries of an earlier run of the same batch. */
  static async open(outDir: string, key: string, resume: boolean): Promise<Journal> {
    const path = join(outDir, JOURNAL_NAME);
    const done = new Map<string, JournalEntry>();
    const earlier = resume
      ? await readFile(path, 'utf8').catch((e: unknown) => debug('journal %s: none to resume: %s', path, e))
      : '';
    const lines = (earlier ?? '').split('\n');
    const header = parseLine<Header>(lines[0] ?? '');
    if (header?.v === 1 && header.key === key) {
      // A torn last line (power cut mid-append) fails to parse, and that file is simply redone.
      for (const line of lines.slice(1)) {
        const e = parseLine<JournalEntry>(line);
        if (e && typeof e.in === 'string' && typeof e.out === 'string') done.set(e.in, e);
      }
    } else {
      await writeFile(path, `${JSON.stringify({ v: 1, key } satisfies Header)}\n`);
    }
    return new Journal(path, done);
  }

  /** The output of an earlier run for this input, if the input is unchanged and the output intact. */
  async finishedOutput(input: JournalInput): Promise<string | undefined> {
    const e = this.done.get(input.in);
    if (!e || e.size !== input.size || e.mtime !== input.mtime) return undefined;
    const st = await stat(e.out).catch((err: unknown) =>
      debug('journal: %s redone, its output is gone: %s', e.in, err),
    );
    return st?.isFile() && st.size === e.outSize ? e.out : undefined;
  }

  /** A batch that ran to the end has nothing to resume, so its journal is removed. */
  async close(completed: boolean): Promise<void> {
    if (completed) await rm(this.path, { force: true });
  }
}

function parseLine<T>(line: string): T | undefined {
  try {
    return line ? (JSON.parse(line) as T) : undefined;
  } catch (e) {
    debug('journal: line skipped: %s', e);
    return undefined;
  }
}
