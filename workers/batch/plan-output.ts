// Decides where each output goes and what it is called, before the job is dispatched. The worker
// fills {w} and {h} and resolves conflicts with files already on disk when it commits; the
// planner keeps the batch's own outputs from landing on each other. It reserves final names
// (name + the output format's extension), so `hopper.jpg` and `hopper.webp` kept in their
// formats need no suffix, and a name held by a job that then fails goes to the next file wanting it.

import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { localDate } from '../../common/format.js';
import { isReadable } from '../../common/formats.js';
import { type ConcreteFormat, OUTPUT_EXTENSIONS, type OutputSettings } from '../../common/pipeline.js';
import type { SniffedFormat } from '../../common/sniff.js';

export interface PlannerOptions {
  outDir: string;
  output: OutputSettings;
  /** The batch start, for {date}. */
  now?: Date;
  /** Whether two names differing only in case are the same file; defaults to the platform's usual file system. */
  caseInsensitive?: boolean;
  /** The batch's input roots as given (index = `PlanItem.root`): with `output.sourceFolders` each folder gets a sub-folder. */
  roots?: readonly string[];
}

export interface PlanItem {
  path: string;
  relPath: string;
  /** The input's format by its first bytes; without it, "keep" goes by the name's extension. */
  format?: SniffedFormat;
  /** Index of the input root the file was found under. */
  root?: number;
}

export interface PlannedOutput {
  /** Absolute folder of this output, always inside the batch's output folder. */
  outDir: string;
  /** File name without extension; every token expanded except {w} and {h}. */
  nameTemplate: string;
  /** Hidden, unique temp file inside `outDir`. */
  tempPath: string;
  /**
   * The final paths the output may get before any suffix for a file on disk (one per extension
   * the worker may choose), or undefined when the name holds {w} or {h}, which only the worker knows.
   */
  finalPaths?: string[];
  /** The file names the output may get (before a suffix for a file on disk), {w} and {h} left as they are. */
  names: string[];
}

/** One output of a recipe with several: its settings (name pattern, format) and sub-folder. */
export interface OutputOf {
  output: OutputSettings;
  folder?: string;
}

export interface OutputPlanner {
  /**
   * Names an output. When the name it wants is held by a job still running, it waits for that
   * job to settle first: the name is this file's if that job writes nothing.
   */
  plan(item: PlanItem, n: number, as?: OutputOf): Promise<PlannedOutput>;
  /** The job of `planned` ended, having written `output`, or nothing (failed, skipped, cancelled). */
  settle(planned: PlannedOutput, output?: string): void;
  /** An output of this batch already in place (finished by an interrupted earlier run). */
  claim(output: string): void;
  /** Plans waiting for a running job to settle: not in a worker's hands, so a pause need not wait for them. */
  readonly waiting: number;
  /** The folder a source's outputs go to before any recipe output's sub-folder: where its manifest goes. */
  folderOf(item: PlanItem): string;
}

const BY_EXTENSION: Record<string, ConcreteFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  apng: 'png',
  webp: 'webp',
  avif: 'avif',
  jxl: 'jxl',
  tif: 'tiff',
  tiff: 'tiff',
  gif: 'gif',
};

/**
 * The extensions the output may get. "keep" writes the input's own format when it can; otherwise
 * the worker picks PNG or JPEG by transparency, which only it sees, so both are held. A file the
 * worker will refuse to read (its bytes are no format it decodes) writes nothing and holds nothing.
 */
function extensionsFor(output: Pick<OutputSettings, 'format' | 'pickFormat'>, item: PlanItem): string[] {
  // A shoot-out writes whichever of its formats wins: every one of them is held until it settles.
  if (output.pickFormat.length > 0) return [...new Set(output.pickFormat.map((f) => OUTPUT_EXTENSIONS[f]))];
  const requested = output.format;
  if (requested !== 'keep') return [OUTPUT_EXTENSIONS[requested]];
  const input = item.format;
  const kept = input ? (input in OUTPUT_EXTENSIONS ? (input as ConcreteFormat) : undefined) : fromName(item);
  if (kept) return [OUTPUT_EXTENSIONS[kept]];
  if (input && !isReadable(input)) return [];
  return [OUTPUT_EXTENSIONS.jpeg, OUTPUT_EXTENSIONS.png];
}

function fromName(item: PlanItem): ConcreteFormat | undefined {
  return BY_EXTENSION[
    extname(item.relPath || item.path)
      .slice(1)
      .toLowerCase()
  ];
}

/** Who holds a name: a job still running (`settled` false) or an output that exists. */
interface Holder {
  settled: boolean;
  done: Promise<void>;
  release: () => void;
}

function newHolder(): Holder {
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  return { settled: false, done, release };
}

/**
 * The sub-folder each input root's outputs go into: the folder's own name, and for a second
 * folder of the same name (photos/2023/raw and photos/2024/raw) that name with -2, -3… in the
 * order the roots were given, so a re-run of the same inputs writes to the same places.
 * Case is ignored: a tree copied to a case-insensitive disk must not merge two of them.
 */
export function sourceFolderNames(roots: readonly string[]): string[] {
  const taken = new Set<string>();
  return roots.map((root) => {
    const name = basename(resolve(root)) || 'input';
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? name : `${name}-${i}`;
      if (taken.has(candidate.toLowerCase())) continue;
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  });
}

export function createOutputPlanner(options: PlannerOptions): OutputPlanner {
  const base = resolve(options.outDir);
  const roots = options.roots?.map((r) => resolve(r)) ?? [];
  const rootFolders = options.output.sourceFolders ? sourceFolderNames(roots) : [];
  const date = localDate(options.now ?? new Date());
  const caseInsensitive = options.caseInsensitive ?? (process.platform === 'darwin' || process.platform === 'win32');
  const reserved = new Map<string, Holder>();
  const held = new WeakMap<PlannedOutput, { keys: string[]; holder: Holder }>();
  let waiting = 0;

  // APFS/HFS+ and NTFS by default treat "A.jpg" and "a.jpg" (and NFC/NFD spellings) as one file.
  const keyOf = (dir: string, file: string): string => {
    const key = `${dir}\0${file}`;
    return caseInsensitive ? key.normalize('NFC').toLowerCase() : key;
  };
  const keyOfPath = (path: string): string => keyOf(dirname(path), basename(path));

  /** A file given on its own (it is its root) has no folder to be named after: it stays at the top. */
  function topFor(item: PlanItem): string {
    const folder = item.root === undefined ? undefined : rootFolders[item.root];
    if (folder === undefined || resolve(item.path) === roots[item.root!]) return base;
    return join(base, folder);
  }

  function folderFor(item: PlanItem, folder?: string): string {
    // A recipe output's sub-folder comes first: out/800/holiday/a.webp, a tree per size.
    const top = folder ? join(topFor(item), ...folder.split('/')) : topFor(item);
    const dir = options.output.structure === 'flatten' ? top : resolve(top, dirname(item.relPath));
    const rel = relative(base, dir);
    // Defence in depth: relPath comes from our own scan, but an output may never escape outDir.
    if (rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel)) {
      throw new Error(`Expected an output folder inside ${base} but received ${dir}`);
    }
    return dir;
  }

  function expand(item: PlanItem, n: number, pattern: string): string {
    const file = basename(item.relPath || item.path);
    const ext = extname(file);
    const values: Record<string, string> = {
      name: ext ? file.slice(0, -ext.length) : file,
      ext: ext.slice(1).toLowerCase(),
      n: String(n),
      date,
    };
    // One pass, so a file called "a{n}.jpg" keeps its braces instead of being expanded twice.
    const template = pattern.replace(/\{(name|ext|n|date)\}/g, (_, token: string) => values[token] ?? '');
    return template.length > 0 ? template : 'image';
  }

  /** The first free name from `wanted`, `wanted-1`, … or the running job to wait for. */
  function firstFree(outDir: string, wanted: string, exts: string[]): { name: string } | { busy: Promise<void> } {
    for (let i = 0; ; i++) {
      const name = i === 0 ? wanted : `${wanted}-${i}`;
      const holders = exts.flatMap((e) => reserved.get(keyOf(outDir, `${name}.${e}`)) ?? []);
      const running = holders.find((h) => !h.settled);
      if (running) return { busy: running.done };
      if (holders.length === 0) return { name };
    }
  }

  return {
    async plan(item, n, as) {
      const output = as?.output ?? options.output;
      const outDir = folderFor(item, as?.folder);
      const wanted = expand(item, n, output.pattern);
      const exts = extensionsFor(output, item);
      for (;;) {
        const free = firstFree(outDir, wanted, exts);
        if ('busy' in free) {
          waiting++;
          await free.busy.finally(() => waiting--);
          continue;
        }
        const holder = newHolder();
        const keys = exts.map((e) => keyOf(outDir, `${free.name}.${e}`));
        for (const key of keys) reserved.set(key, holder);
        const tempPath = join(outDir, `.pixmill-${randomBytes(8).toString('hex')}.tmp`);
        const sized = /\{[wh]\}/.test(free.name);
        const planned: PlannedOutput = {
          outDir,
          nameTemplate: free.name,
          tempPath,
          names: exts.map((e) => `${free.name}.${e}`),
          ...(sized ? {} : { finalPaths: exts.map((e) => join(outDir, `${free.name}.${e}`)) }),
        };
        held.set(planned, { keys, holder });
        return planned;
      }
    },
    settle(planned, output) {
      const entry = held.get(planned);
      if (!entry) return;
      held.delete(planned);
      const { keys, holder } = entry;
      const ext = output === undefined ? undefined : extname(output);
      for (const key of keys) {
        // The extensions held for a format the worker did not choose are free again.
        if (ext === undefined || extname(key) !== (caseInsensitive ? ext.toLowerCase() : ext))
          if (reserved.get(key) === holder) reserved.delete(key);
      }
      // The worker may have added a suffix of its own, for a file already on disk.
      if (output !== undefined) reserved.set(keyOfPath(output), holder);
      holder.settled = true;
      holder.release();
    },
    claim(output) {
      const holder = newHolder();
      holder.settled = true;
      reserved.set(keyOfPath(output), holder);
    },
    get waiting() {
      return waiting;
    },
    folderOf: (item) => folderFor(item),
  };
}
