// Which external contenders are installed, and their versions for the report. ImageMagick's
// `convert` is never used (on some machines the one on PATH is a wrapper that is not ImageMagick);
// mogrify is checked to really be ImageMagick before it races.
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Tool {
  path: string;
  version: string;
}

export interface Tools {
  vipsthumbnail?: Tool;
  mogrify?: Tool;
  /** Encoders of the decoder row's files: HEVC needs heif-enc (magick-wasm cannot write it). */
  heifEnc?: Tool;
  /** Optional: without it magick-wasm writes the JPEG XL file, minutes slower. */
  cjxl?: Tool;
}

export const INSTALL_HINT = 'Debian/Ubuntu: apt-get install libvips-tools imagemagick parallel';

async function version(path: string, args: string[], pattern: RegExp): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(path, args, { timeout: 10_000 });
    return pattern.exec(`${stdout}\n${stderr}`)?.[1];
  } catch {
    return undefined;
  }
}

async function firstExisting(paths: string[]): Promise<string | undefined> {
  for (const p of paths)
    if (
      await access(p).then(
        () => true,
        () => false,
      )
    )
      return p;
  return undefined;
}

/** heif-enc has no --version before libheif 1.16; its --help starts with the version in every release. */
export function heifEncVersion(help: string): string | undefined {
  return /libheif version:?\s*v?(\d[\w.-]*)/i.exec(help)?.[1];
}

export async function detectTools(): Promise<Tools> {
  const tools: Tools = {};
  const xargs = await version('xargs', ['--version'], /(\d+\.\d+(?:\.\d+)?)/);
  const vips = await version('vipsthumbnail', ['--version'], /vips-(\S+)/);
  if (vips && xargs) tools.vipsthumbnail = { path: 'vipsthumbnail', version: vips };
  const mogrify =
    (await firstExisting(['/usr/bin/mogrify', '/usr/local/bin/mogrify', '/opt/homebrew/bin/mogrify'])) ?? 'mogrify';
  const im = await version(mogrify, ['-version'], /Version: ImageMagick (\S+)/);
  if (im) tools.mogrify = { path: mogrify, version: im };
  const heif = await version('heif-enc', ['--help'], /(.*)/s).then((text) => text && heifEncVersion(text));
  if (heif) tools.heifEnc = { path: 'heif-enc', version: heif };
  const cjxl = await version('cjxl', ['--version'], /cjxl v?(\S+)/);
  if (cjxl) tools.cjxl = { path: 'cjxl', version: cjxl };
  return tools;
}
