// ImageMagick compiled to WebAssembly (@imagemagick/magick-wasm): the decoder for the formats the
// prebuilt libvips in sharp cannot read. Its .wasm ships inside the npm package, so nothing is
// downloaded at install or run time. It is loaded on the first such file a worker meets (about
// 200 ms to compile 15 MB), never for a batch of JPEGs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Limits } from '../../../common/pipeline.js';

type MagickModule = typeof import('@imagemagick/magick-wasm');

let loading: Promise<MagickModule> | undefined;

async function load(): Promise<MagickModule> {
  const magick = await import('@imagemagick/magick-wasm');
  // The 32-bit build: the 64-bit one needs WebAssembly memory64, which Node 20 does not run.
  const wasm = await readFile(createRequire(import.meta.url).resolve('@imagemagick/magick-wasm/magick.wasm'));
  await magick.initializeImageMagick(wasm);
  return magick;
}

/** The initialised module; a failed load is retried on the next file rather than remembered. */
export function magickWasm(): Promise<MagickModule> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/**
 * The batch's limits as ImageMagick's own, set before every read: its pixel cache is refused
 * beyond them instead of growing the WebAssembly memory until the worker dies. No disk cache: in
 * WebAssembly "disk" is memory too.
 */
export function applyLimits(magick: MagickModule, limits: Limits): void {
  const { ResourceLimits } = magick;
  const memoryBytes = BigInt(Math.min(limits.maxWorkerMemoryMb, MAX_WASM_MEMORY_MB) * 1024 * 1024);
  ResourceLimits.area = BigInt(limits.maxPixels);
  ResourceLimits.memory = memoryBytes;
  ResourceLimits.maxMemoryRequest = memoryBytes;
  ResourceLimits.disk = 0n;
  ResourceLimits.listLength = BigInt(limits.maxFrames + 1);
}

/** A 32-bit WebAssembly memory ends at 4 GiB; ImageMagick's cache is kept to half of it. */
const MAX_WASM_MEMORY_MB = 2048;
