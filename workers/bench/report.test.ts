import { describe, expect, it } from 'vitest';
import { formatTable, verdict } from './report.js';
import type { BenchResult, ContenderResult } from './summarise.js';

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

describe('bench verdict', () => {
  const contender = (job: 'plain' | 'full', name: string, workers: number, ips: number | null, status = 'ok') =>
    ({ id: `${job} ${name} ×${workers}`, job, name, workers, status, imagesPerSecond: ips }) as ContenderResult;
  const result = (jobs: ('plain' | 'full')[], contenders: ContenderResult[]) =>
    ({ jobs, contenders }) as unknown as BenchResult;

  it('names the fastest mode and how much faster it was than each other mode at its best', () => {
    const r = result(
      ['plain'],
      [
        contender('plain', 'bare-sharp', 2, 40),
        contender('plain', 'pixmill-processes', 1, 15),
        contender('plain', 'pixmill-processes', 2, 20),
        contender('plain', 'pixmill-threads', 2, 26),
        contender('plain', 'pixmill-threads', 4, 25),
        contender('plain', 'pixmill-inline', 2, 24.9),
        contender('plain', 'vipsthumbnail', 2, 50),
      ],
    );
    expect(verdict(r)).toBe('On these images: threads ×2, 1.04× inline, 1.3× processes');
  });

  it('gives one clause per job, and leaves out modes that failed or were invalid', () => {
    const r = result(
      ['plain', 'full'],
      [
        contender('plain', 'pixmill-processes', 2, 20),
        contender('plain', 'pixmill-threads', 2, 40, 'INVALID'),
        contender('full', 'pixmill-processes', 4, 9),
        contender('full', 'pixmill-threads', 4, 10),
      ],
    );
    expect(verdict(r)).toBe('On these images: plain: processes ×2; full: threads ×4, 1.1× processes');
    expect(verdict(result(['plain'], [contender('plain', 'pixmill-threads', 2, null, 'failed')]))).toMatch(
      /no Pixmill mode finished without errors/,
    );
  });
});
