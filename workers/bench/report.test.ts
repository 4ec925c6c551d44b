import { describe, expect, it } from 'vitest';
import { formatTable } from './report.js';

describe('bench tables', () => {
  it('aligns columns: text left, numbers right, a rule under the header', () => {
    const table = formatTable(
      ['contender', 'N', 'img/s', 'status'],
      [
        ['plain bare-sharp', '2', '12.3', 'ok'],
        ['full pixmill-processes', '16', '4.0', 'INVALID: 3 of 40 outputs differ'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'contender                N  img/s  status',
      '──────────────────────  ──  ─────  ───────────────────────────────',
      'plain bare-sharp         2   12.3  ok',
      'full pixmill-processes  16    4.0  INVALID: 3 of 40 outputs differ',
    ]);
  });
});
