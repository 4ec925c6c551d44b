// The decoder row's files: one 12 MP photo of the generated kind, as the JPEG it is made as and
// as HEIC, JPEG XL and PSD, the formats Pixmill reads with ImageMagick in WebAssembly. Made once
// and cached beside the dataset. Every encoder runs as a child: heif-enc for HEIC (magick-wasm
// cannot write HEVC), cjxl for JPEG XL when installed (else magick-wasm, minutes slower), and
// magick-wasm for PSD. JPEG 2000 is left out: its WebAssembly decode of 12 MP takes longer than
// the other three rows together.
import { execFile } from 'node:child_process';
import { access, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from './contenders.js';
import { CACHE_DIR, type DatasetSpec, ensureDataset } from './dataset.js';
import type { Tools } from './tools.js';

export type DecoderFormat = 'jpeg' | 'heic' | 'jxl' | 'psd';

export interface DecoderFile {
  format: DecoderFormat;
  /** As the table names it: "HEIC". */
  label: string;
  /** Undefined when the file could not be made; `missing` says why. */
  path?: string;
  missing?: string;
}

export const DECODER_LABELS: Record<DecoderFormat, string> = {
  jpeg: 'JPEG',
  heic: 'HEIC',
  jxl: 'JPEG XL',
  psd: 'PSD',
};

/** The reference first: every other row is paired with it. */
export const DECODER_FORMATS: readonly DecoderFormat[] = ['jpeg', 'heic', 'jxl', 'psd'];

export const DECODER_IMAGE = { width: 4000, height: 3000 } as const;

/** One photo; the file names say the size, and the version changes when the files would. */
const DECODER_SET: DatasetSpec = {
  name: 'decoders-v1',
  sets: [{ prefix: 'photo-12mp', count: 1, sizes: [[DECODER_IMAGE.width, DECODER_IMAGE.height]] }],
};

export const HEIF_ENC_MISSING = 'not measured: needs heif-enc (libheif-examples)';

/** Why a format's file cannot be made on this machine, or undefined when it can. */
export function missingEncoder(format: DecoderFormat, tools: Pick<Tools, 'heifEnc'>): string | undefined {
  return format === 'heic' && !tools.heifEnc ? HEIF_ENC_MISSING : undefined;
}

const MAGICK_ENCODE_SCRIPT = join(PACKAGE_ROOT, 'bench/magick-encode.mjs');

const EXTENSIONS: Record<DecoderFormat, string> = { jpeg: 'jpg', heic: 'heic', jxl: 'jxl', psd: 'psd' };

/** The command that writes `out` from the reference JPEG. */
function encodeCommand(format: Exclude<DecoderFormat, 'jpeg'>, ref: string, out: string, tools: Tools): string[] {
  switch (format) {
    // x265 at heif-enc's default quality (50), about what a phone writes.
    case 'heic':
      return [tools.heifEnc!.path, '-q', '50', '-o', out, ref];
    // A real VarDCT encode at distance 1 (≈ quality 90), not cjxl's lossless JPEG transcoding.
    case 'jxl':
      return tools.cjxl
        ? [tools.cjxl.path, '--lossless_jpeg=0', '-d', '1', ref, out]
        : [process.execPath, MAGICK_ENCODE_SCRIPT, ref, out, 'JXL'];
    case 'psd':
      return [process.execPath, MAGICK_ENCODE_SCRIPT, ref, out, 'PSD'];
  }
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Makes (or finds) the decoder row's files; formats that cannot be made here say why. */
export async function ensureDecoderSet(
  tools: Tools,
  root = CACHE_DIR,
  log: (line: string) => void = () => {},
): Promise<DecoderFile[]> {
  const dir = await ensureDataset(DECODER_SET, root);
  const ref = join(dir, 'photo-12mp-0000.jpg');
  const files: DecoderFile[] = [];
  for (const format of DECODER_FORMATS) {
    const label = DECODER_LABELS[format];
    if (format === 'jpeg') {
      files.push({ format, label, path: ref });
      continue;
    }
    const missing = missingEncoder(format, tools);
    if (missing) {
      files.push({ format, label, missing });
      continue;
    }
    const path = join(dir, `photo-12mp.${EXTENSIONS[format]}`);
    if (!(await exists(path))) {
      // Written under a temp name with the right extension (heif-enc picks its codec by it).
      const part = join(dir, `photo-12mp.part.${EXTENSIONS[format]}`);
      const [command, ...args] = encodeCommand(format, ref, part, tools);
      log(
        `Decoder row: writing the ${label} file with ${command === process.execPath ? 'magick-wasm' : command} (once)…`,
      );
      try {
        await promisify(execFile)(command!, args, { cwd: PACKAGE_ROOT, maxBuffer: 16 * 2 ** 20 });
        await rename(part, path);
      } catch (err) {
        await rm(part, { force: true });
        const why = (err as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? String(err);
        files.push({ format, label, missing: `not measured: writing it failed (${why.slice(0, 120)})` });
        continue;
      }
    }
    files.push({ format, label, path });
  }
  return files;
}
