import { describe, expect, it } from 'vitest';
import type { FileErrorRow, FileWarningRow } from '../../../common/events';
import { problemRows, rowsToCsv, rowsToTsv } from './error-table';

const errors: FileErrorRow[] = [
  {
    file: '/p/a.jpg',
    root: 0,
    code: 'DECODE_FAILED',
    stage: 'decode',
    message: 'The image is damaged.',
    detail: 'VipsJpeg: "bad", really\nbad',
  },
  { file: '/p/b,c.png', root: 0, code: 'TIMEOUT', stage: 'process', message: 'Too slow.' },
];
const warnings: FileWarningRow[] = [
  {
    file: '/p/logo.png',
    root: 0,
    output: '/o/logo.jpg',
    warnings: [
      { code: 'ALPHA_FLATTENED', message: 'Transparency was filled with white (JPEG cannot hold it).' },
      { code: 'OUTPUT_LARGER', message: 'The output (2.0 kB) is larger than the original (1.0 kB).' },
    ],
  },
];

describe('error table', () => {
  it('lists errors, then one row per warning with its code and output', () => {
    const rows = problemRows(errors, warnings);
    expect(rows.map((r) => [r.kind, r.code])).toEqual([
      ['error', 'DECODE_FAILED'],
      ['error', 'TIMEOUT'],
      ['warning', 'ALPHA_FLATTENED'],
      ['warning', 'OUTPUT_LARGER'],
    ]);
    expect(rows[2]).toMatchObject({ file: '/p/logo.png', output: '/o/logo.jpg', stage: '' });
  });

  it('lists the files passed over last, each with its reason', () => {
    const rows = problemRows(
      errors.slice(0, 1),
      [],
      [
        { file: '/p/notes.txt', root: 0, reason: 'not-image', message: 'A text file, not an image.' },
        { file: '/p/empty', root: 1, reason: 'empty-folder', message: 'This folder holds no files.' },
      ],
    );
    expect(rows.map((r) => [r.kind, r.code, r.message])).toEqual([
      ['error', 'DECODE_FAILED', 'The image is damaged.'],
      ['passed-over', 'NOT_AN_IMAGE', 'A text file, not an image.'],
      ['passed-over', 'EMPTY_FOLDER', 'This folder holds no files.'],
    ]);
  });

  it('builds RFC 4180 CSV with a header, quoting commas, quotes and line breaks', () => {
    expect(rowsToCsv(problemRows(errors, warnings.slice(0, 0)))).toBe(
      'kind,file,stage,code,message,detail,output\r\n' +
        'error,/p/a.jpg,decode,DECODE_FAILED,The image is damaged.,"VipsJpeg: ""bad"", really\nbad",\r\n' +
        'error,"/p/b,c.png",process,TIMEOUT,Too slow.,,\r\n',
    );
    expect(rowsToCsv(problemRows([], warnings)).split('\r\n')[1]).toBe(
      'warning,/p/logo.png,,ALPHA_FLATTENED,Transparency was filled with white (JPEG cannot hold it).,,/o/logo.jpg',
    );
  });

  it('builds TSV whose cells never contain tabs or line breaks', () => {
    const lines = rowsToTsv(problemRows(errors, warnings)).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]!.split('\t')).toEqual([
      'error',
      '/p/a.jpg',
      'decode',
      'DECODE_FAILED',
      'The image is damaged.',
      'VipsJpeg: "bad", really bad',
      '',
    ]);
  });
});
