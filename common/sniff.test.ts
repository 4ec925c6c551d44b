import { describe, expect, it } from 'vitest';
import { answerFor, sniffFormat } from './sniff.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffFormat', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['gif', bytes('GIF89a')],
    ['tiff', bytes('II', [0x2a, 0])],
    ['tiff', bytes('MM', [0, 0x2a])],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'mif1miaf')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1')],
    ['psd', bytes('8BPS')],
    ['pdf', bytes('%PDF-1.4')],
    ['svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">')],
    ['svg', bytes('<svg width="8">')],
    // Illustrator exports declare entities in the DOCTYPE's internal subset.
    [
      'svg',
      bytes(
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd" [\n<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n<svg version="1.1">',
      ),
    ],
    ['text', bytes('<!doctype html><html><body><svg></svg></body></html>')],
    ['text', bytes('hello, this is text\n')],
    ['empty', bytes()],
    ['unknown', bytes([0, 1, 2, 3, 0xfe])],
    // A start-of-image marker and then garbage: a damaged JPEG, for the decoder to describe.
    ['jpeg', bytes([0xff, 0xd8, 0x00, 0x00])],
    ['bmp', bytes('BM', [0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0])],
    ['text', bytes('BMW and Audi, a price list\n')],
    ['ico', bytes([0, 0, 1, 0, 1, 0, 16, 16])],
    ['ico', bytes([0, 0, 2, 0, 1, 0, 32, 32])],
    ['netpbm', bytes('P6\n# made by hand\n640 480\n255\n', [0xff, 0x00])],
    ['netpbm', bytes('P1\n2 2\n0 1\n1 0\n')],
    ['netpbm', bytes('P4 8 1\n', [0xaa])],
    ['netpbm', bytes('P7\nWIDTH 2\nHEIGHT 2\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n')],
    ['text', bytes('P1 is the first paragraph of the letter.\n')],
    ['pfm', bytes('PF\n4 4\n-1.0\n', [0, 0, 0x80, 0x3f])],
    ['pfm', bytes('Pf 4 4\n-1.0\n')],
    ['hdr', bytes('#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 2\n')],
    ['hdr', bytes('#?RGBE\n')],
    ['fits', bytes('SIMPLE  =                    T / conforms to FITS standard')],
    ['pdf', bytes('%PDF-1.7\n')],
    ['postscript', bytes('%!PS-Adobe-3.0 EPSF-3.0\n')],
    ['xbm', bytes('#define test_width 16\n#define test_height 16\nstatic char test_bits[] = {')],
    ['text', bytes('#define MAX_PATH 260\n')],
    ['xpm', bytes('/* XPM */\nstatic char *x[] = {')],
    ['sun', bytes([0x59, 0xa6, 0x6a, 0x95, 0, 0, 0, 8])],
    ['psd', bytes('8BPS', [0, 1])],
    ['qoi', bytes('qoif', [0, 0, 0, 8])],
    ['exr', bytes([0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0])],
    ['jp2', bytes([0, 0, 0, 0x0c], 'jP  ', [0x0d, 0x0a, 0x87, 0x0a])],
    ['jp2', bytes([0xff, 0x4f, 0xff, 0x51])],
    ['jxl', bytes([0xff, 0x0a, 0xfa])],
    ['jxl', bytes([0, 0, 0, 0x0c], 'JXL ', [0x0d, 0x0a, 0x87, 0x0a])],
    ['dds', bytes('DDS ', [124, 0, 0, 0])],
    ['jxr', bytes('II', [0xbc, 0x01])],
    ['video', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0], 'qt  ')],
    ['video', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2')],
    ['camera-raw', bytes([0, 0, 0, 0x18], 'ftypcrx ', [0, 0, 0, 1], 'crx isom')],
    ['text', bytes([0xff, 0xfe], 'h', [0], 'i', [0])],
  ])('recognises %s', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it('takes a TGA for one only when it is named so and its header holds together', () => {
    const header = bytes([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 4, 0, 24, 0x20]);
    expect(sniffFormat(header, 'sky.tga')).toBe('tga');
    expect(sniffFormat(header, 'sky.TGA')).toBe('tga');
    expect(sniffFormat(header)).toBe('unknown');
    const broken = Uint8Array.from(header);
    broken[16] = 7;
    expect(sniffFormat(broken, 'sky.tga')).toBe('unknown');
  });
});

describe('answerFor', () => {
  it.each([
    ['jpeg', 'photo.jpg', 'image'],
    ['jpeg', 'scan-without-extension', 'image'],
    ['heic', 'IMG_0001.HEIC', 'image'],
    ['svgz', 'logo.svgz', 'image'],
    ['svgz', 'backup.tar.gz', 'not-image'],
    // Read by the fallback decoder now: an image, whatever its name.
    ['netpbm', 'frame.ppm', 'image'],
    ['bmp', 'old.jpg', 'image'],
    ['tga', 'sky.tga', 'image'],
    // Image formats no decoder here reads: answered, not passed over.
    ['jxr', 'scan.jxr', 'unsupported'],
    ['bpg', 'old.jpg', 'unsupported'],
    ['flif', 'anim.flif', 'unsupported'],
    ['icns', 'app.icns', 'unsupported'],
    ['vips', 'cache.v', 'image'],
    ['pdf', 'contract.pdf', 'not-image'],
    ['postscript', 'figure.eps', 'not-image'],
    ['text', 'notes.txt', 'not-image'],
    ['text', 'renamed.png', 'image'],
    ['empty', 'empty.jpg', 'image'],
    ['empty', 'empty', 'not-image'],
    ['unknown', 'data.bin', 'not-image'],
    ['unknown', 'png', 'not-image'],
    ['video', 'clip.mov', 'not-image'],
  ] as const)('answers %s named %s as %s', (format, name, answer) => {
    expect(answerFor(format, name)).toBe(answer);
  });
});
