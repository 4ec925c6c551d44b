// What `pixmill run` takes as inputs, beside folders and files: quoted globs ('photos/**/*.png',
// expanded here so they work the same in every shell), `@list.txt` (one path per line), and `-`
// (paths on standard input, one per line, or NUL-separated with -0 as `find -print0` writes them).
// A name that exists on disk is always taken literally, so a file called `@2024.jpg` or `a[1].png`
// is never mistaken for a list or a pattern.
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './usage-error.js';

export interface InputSources {
  /** Read when an argument is `-`. */
  stdin: NodeJS.ReadableStream;
  /** Paths on stdin and in @lists are separated by NUL instead of newlines. */
  nul: boolean;
  cwd: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

function splitList(text: string, nul: boolean): string[] {
  const entries = nul ? text.split('\0') : text.split(/\r?\n/);
  // Blank lines are not files; a path with leading or trailing spaces is one NUL lists can carry.
  return entries.map((e) => (nul ? e : e.trim())).filter((e) => e.length > 0);
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
  if (matches.length === 0) throw new UsageError(`no files match the pattern ${JSON.stringify(pattern)}`);
  return matches.sort();
}

/** Turns the command line's inputs into paths, in the order given (each list or pattern in place). */
export async function expandInputs(args: readonly string[], sources: InputSources): Promise<string[]> {
  const out: string[] = [];
  let stdinRead = false;
  for (const arg of args) {
    const literal = resolve(sources.cwd, arg);
    if (arg === '-') {
      if (stdinRead) throw new UsageError('"-" (read paths from standard input) may be given only once');
      stdinRead = true;
      out.push(...splitList(await readAll(sources.stdin), sources.nul).map((p) => resolve(sources.cwd, p)));
    } else if (await exists(literal)) {
      out.push(literal);
    } else if (arg.startsWith('@') && arg.length > 1) {
      const listFile = resolve(sources.cwd, arg.slice(1));
      const text = await readFile(listFile, 'utf8').catch(() => {
        throw new UsageError(`cannot read the list of inputs ${arg.slice(1)} (from ${arg})`);
      });
      // Relative paths in a list are relative to the current folder, as `xargs` would take them.
      out.push(...splitList(text, sources.nul).map((p) => (isAbsolute(p) ? p : resolve(sources.cwd, p))));
    } else if (isDynamicPattern(arg)) {
      out.push(...(await expandGlob(arg, sources.cwd)));
    } else {
      // Left to the batch, which answers a missing input with its own clear message.
      out.push(literal);
    }
  }
  return out;
}
