// Per source, a description of its outputs for the web: a JSON manifest, or an HTML <picture>
// snippet with one srcset per format, ready to paste into a page. Written where the source's
// outputs go (before any output's own sub-folder, so a tree stays a tree), atomically; an earlier manifest of the same source is replaced, any
// other file of that name is left alone and the manifest takes a suffix.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { errnoOf } from '../../common/errors.js';
import type { JobDone, OutputOutcome } from '../../common/job.js';
import type { ConcreteFormat, ConflictPolicy, ManifestKind } from '../../common/pipeline.js';

interface Written {
  file: string;
  format: ConcreteFormat;
  width: number;
  height: number;
  bytes: number;
  label: string;
  quality?: number;
  score?: number;
}

const MIME: Record<ConcreteFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  jxl: 'image/jxl',
  tiff: 'image/tiff',
  gif: 'image/gif',
};
/** Newest formats first: a browser takes the first <source> it can show. */
const SOURCE_ORDER: readonly ConcreteFormat[] = ['avif', 'jxl', 'webp', 'png', 'gif', 'tiff'];
/** The <img> fallback: the format every browser shows. */
const FALLBACK_ORDER: readonly ConcreteFormat[] = ['jpeg', 'png', 'gif', 'webp', 'avif', 'jxl', 'tiff'];

/** A relative path as a URL: '/' separators, each part percent-encoded. */
const urlOf = (from: string, path: string): string => relative(from, path).split(sep).map(encodeURIComponent).join('/');

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function srcset(outputs: readonly Written[]): string {
  return [...outputs]
    .sort((a, b) => a.width - b.width)
    .map((o) => `${o.file} ${o.width}w`)
    .join(', ');
}

const MARK = 'pixmill manifest of';

export function manifestHtml(source: string, outputs: readonly Written[]): string {
  const byFormat = (f: ConcreteFormat) => outputs.filter((o) => o.format === f);
  const fallbackFormat = FALLBACK_ORDER.find((f) => byFormat(f).length > 0)!;
  const fallback = byFormat(fallbackFormat);
  const largest = fallback.reduce((a, b) => (b.width > a.width ? b : a));
  const sources = SOURCE_ORDER.filter((f) => f !== fallbackFormat && byFormat(f).length > 0).map(
    (f) => `  <source type="${MIME[f]}" srcset="${escapeHtml(srcset(byFormat(f)))}" sizes="100vw">`,
  );
  const img =
    `  <img src="${escapeHtml(largest.file)}" srcset="${escapeHtml(srcset(fallback))}" sizes="100vw"` +
    ` width="${largest.width}" height="${largest.height}" alt="" loading="lazy" decoding="async">`;
  return `<!-- ${MARK} ${escapeHtml(source)} -->\n<picture>\n${[...sources, img].join('\n')}\n</picture>\n`;
}

export function manifestJson(source: string, outputs: readonly Written[]): string {
  return `${JSON.stringify({ generator: MARK, source, outputs }, null, 2)}\n`;
}

/** Whether the file at `path` is an earlier manifest of this very source (ours to replace). */
async function ownManifest(path: string, source: string, kind: 'json' | 'html'): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  if (kind === 'html') return text.startsWith(`<!-- ${MARK} ${escapeHtml(source)} -->`);
  try {
    const parsed = JSON.parse(text) as { generator?: unknown; source?: unknown };
    return parsed.generator === MARK && parsed.source === source;
  } catch {
    return false;
  }
}

/** Writes the manifest of one source's outputs; returns its path, or undefined when nothing was written. */
export async function writeManifest(
  kind: ManifestKind,
  sourcePath: string,
  folder: string,
  outcomes: readonly OutputOutcome[],
  conflict: ConflictPolicy,
): Promise<string | undefined> {
  if (kind === 'none') return undefined;
  const done = outcomes.flatMap((o) =>
    o.result.status === 'done' ? [{ label: o.label, result: o.result as JobDone }] : [],
  );
  if (done.length === 0) return undefined;
  const source = basename(sourcePath);
  const outputs: Written[] = done.map(({ label, result }) => ({
    file: urlOf(folder, result.output),
    format: result.format,
    width: result.width,
    height: result.height,
    bytes: result.bytesOut,
    label,
    ...(result.encoding ? { quality: result.encoding.quality } : {}),
    ...(result.encoding?.score !== undefined ? { score: result.encoding.score } : {}),
  }));
  const text = kind === 'html' ? manifestHtml(source, outputs) : manifestJson(source, outputs);
  const stem = basename(sourcePath, extname(sourcePath));
  const temp = join(folder, `.pixmill-${randomBytes(8).toString('hex')}.tmp`);
  // With every output in a sub-folder of its own, the source's own folder may not exist yet.
  await mkdir(folder, { recursive: true });
  await writeFile(temp, text);
  try {
    for (let i = 0; ; i++) {
      const path = join(folder, `${i === 0 ? stem : `${stem}-${i}`}.${kind}`);
      if (conflict === 'overwrite' || (await ownManifest(path, source, kind))) {
        await rename(temp, path);
        return path;
      }
      try {
        await link(temp, path);
        return path;
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') throw e;
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}
