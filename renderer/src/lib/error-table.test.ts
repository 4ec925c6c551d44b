import { describe, expect, it } from 'vitest';
import type { FileErrorRow } from '../../../common/events';
import { errorsToCsv, errorsToTsv } from './error-table';

const rows: FileErrorRow[] = [
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

describe('error table', () => {
  it('builds RFC 4180 CSV with a header, quoting commas, quotes and line breaks', () => {
    expect(errorsToCsv(rows)).toBe(
      'file,stage,code,message,detail\r\n' +
        '/p/a.jpg,decode,DECODE_FAILED,The image is damaged.,"VipsJpeg: ""bad"", really\nbad"\r\n' +
        '"/p/b,c.png",process,TIMEOUT,Too slow.,\r\n',
    );
  });

  it('builds TSV whose cells never contain tabs or line breaks', () => {
    const lines = errorsToTsv(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]!.split('\t')).toEqual([
      '/p/a.jpg',
      'decode',
      'DECODE_FAILED',
      'The image is damaged.',
      'VipsJpeg: "bad", really bad',
    ]);
  });
});
