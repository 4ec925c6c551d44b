// Decides where each output goes and what it is called, before the job is dispatched. The worker
// fills {w} and {h} and resolves conflicts with files already on disk when it commits; the
// planner only keeps the batch's own outputs from landing on each other.
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { OutputSettings } from '../../common/pipeline.js';

export interface PlannerOptions {
  outDir: string;
  output: OutputSettings;
  /** The batch start, for {date}. */
  now?: Date;
  /** Whether two names differing only in case are the same file; defaults to the platform's usual file system. */
  caseInsensitive?: boolean;
}

interface PlannedOutput {
  /** Absolute folder of this output, always inside the batch's output folder. */
  outDir: string;
  /** File name without extension; every token expanded except {w} and {h}. */
  nameTemplate: string;
  /** Hidden, unique temp file inside `outDir`. */
  tempPath: string;
}

export interface OutputPlanner {
  plan(item: { path: string; relPath: string }, n: number): PlannedOutput;
}

/** YYYY-MM-DD in local time: the date the person sees on their calendar when the batch started. */
function isoDate(d: Date): string {
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function createOutputPlanner(options: PlannerOptions): OutputPlanner {
  const base = resolve(options.outDir);
  const date = isoDate(options.now ?? new Date());
  const caseInsensitive = options.caseInsensitive ?? (process.platform === 'darwin' || process.platform === 'win32');
  const reserved = new Set<string>();

  // APFS/HFS+ and NTFS by default treat "A.jpg" and "a.jpg" (and NFC/NFD spellings) as one file.
  const keyOf = (dir: string, template: string): string => {
    const key = `${dir}\0${template}`;
    return caseInsensitive ? key.normalize('NFC').toLowerCase() : key;
  };

  function folderFor(relPath: string): string {
    const dir = options.output.structure === 'flatten' ? base : resolve(base, dirname(relPath));
    const rel = relative(base, dir);
    // Defence in depth: relPath comes from our own scan, but an output may never escape outDir.
    if (rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel)) {
      throw new Error(`Expected an output folder inside ${base} but received ${dir}`);
    }
    return dir;
  }

  function expand(item: { path: string; relPath: string }, n: number): string {
    const file = basename(item.relPath || item.path);
    const ext = extname(file);
    const values: Record<string, string> = {
      name: ext ? file.slice(0, -ext.length) : file,
      ext: ext.slice(1).toLowerCase(),
      n: String(n),
      date,
    };
    // One pass, so a file called "a{n}.jpg" keeps its braces instead of being expanded twice.
    const template = options.output.pattern.replace(
      /\{(name|ext|n|date)\}/g,
      (_, token: string) => values[token] ?? '',
    );
    return template.length > 0 ? template : 'image';
  }

  return {
    plan(item, n) {
      const outDir = folderFor(item.relPath);
      const wanted = expand(item, n);
      let nameTemplate = wanted;
      for (let i = 1; reserved.has(keyOf(outDir, nameTemplate)); i++) nameTemplate = `${wanted}-${i}`;
      reserved.add(keyOf(outDir, nameTemplate));
      const tempPath = join(outDir, `.pixmill-${randomBytes(8).toString('hex')}.tmp`);
      return { outDir, nameTemplate, tempPath };
    },
  };
}
