#!/usr/bin/env node
// Writes one image in a format of ImageMagick's, with the WebAssembly build Pixmill decodes with:
// the decoder row of `pixmill bench` makes its PSD (and, without cjxl, its JPEG XL) file this way,
// in a child, so the bench process loads neither ImageMagick nor sharp.
//   node bench/magick-encode.mjs IN OUT FORMAT   (FORMAT: ImageMagick's name, e.g. PSD, JXL)
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ImageMagick, initializeImageMagick, MagickFormat } from '@imagemagick/magick-wasm';

const [input, output, format] = process.argv.slice(2);
const magickFormat = Object.values(MagickFormat).find((f) => f.toUpperCase() === format?.toUpperCase());
if (!input || !output || !magickFormat) {
  process.stderr.write('usage: magick-encode.mjs IN OUT FORMAT (an ImageMagick format name, e.g. PSD or JXL)\n');
  process.exit(2);
}
const wasm = await readFile(createRequire(import.meta.url).resolve('@imagemagick/magick-wasm/magick.wasm'));
await initializeImageMagick(wasm);
const bytes = await readFile(input);
const data = await new Promise((resolve) => {
  ImageMagick.read(bytes, (image) => {
    // Quality 90 like the reference JPEG (JPEG XL: distance 1); PSD has no quality.
    image.quality = 90;
    image.write(magickFormat, (out) => resolve(Buffer.from(out)));
  });
});
await writeFile(output, data);
