// One way to write sizes, times and counts, for the window and the terminal alike.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, plural, pluralNoun } from './format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1024, '1.0 kB'],
    [9_949, '9.9 kB'],
    [9_950, '10 kB'],
    [12_345, '12 kB'],
    [999_499, '999 kB'],
    [999_500, '1.0 MB'],
    [1_500_000, '1.5 MB'],
    [2_345_678_901, '2.3 GB'],
    [5e12, '5.0 TB'],
    [5e15, '5000 TB'],
  ])('%d bytes → %s (decimal units, as file managers show)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [44.6, '45s'],
    [59.4, '59s'],
    [59.6, '1m 00s'],
    [65, '1m 05s'],
    [3599, '59m 59s'],
    [3600, '1h 00m'],
    [3725, '1h 02m'],
    [-3, '0s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('says "--" while the time is not known', () => {
    expect(formatDuration(null)).toBe('--');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--');
  });
});

describe('plural and formatRate', () => {
  it('puts the s on anything but one', () => {
    expect(plural(1, 'image')).toBe('1 image');
    expect(plural(0, 'image')).toBe('0 images');
    expect(plural(2, 'image')).toBe('2 images');
    expect(plural(3, 'copy', 'copies')).toBe('3 copies');
    expect(pluralNoun(1, 'worker')).toBe('worker');
    expect(pluralNoun(4, 'worker')).toBe('workers');
  });

  it('keeps one decimal below 10 images/s', () => {
    expect(formatRate(2.345)).toBe('2.3');
    expect(formatRate(12.6)).toBe('13');
  });
});
