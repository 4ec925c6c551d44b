import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff.js';

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
    ['bmp', bytes('BM', [0, 0, 0, 0])],
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
  ])('recognises %s', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });
});
