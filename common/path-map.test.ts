import { describe, expect, it } from 'vitest';
import { parsePathMapping, pathMapOf, toLocal, toShared } from './path-map.js';

describe('path maps', () => {
  const map = pathMapOf(['/Volumes/photos=/mnt/photos', '/Volumes/photos/raw=/srv/raw/']);

  it('maps the batch’s paths to this machine’s and back, the longest prefix first', () => {
    expect(toLocal('/Volumes/photos/2024/a.jpg', map)).toBe('/mnt/photos/2024/a.jpg');
    expect(toLocal('/Volumes/photos/raw/b.cr2', map)).toBe('/srv/raw/b.cr2');
    expect(toShared('/mnt/photos/2024/a.jpg', map)).toBe('/Volumes/photos/2024/a.jpg');
    expect(toShared('/srv/raw/b.cr2', map)).toBe('/Volumes/photos/raw/b.cr2');
    expect(toLocal('/Volumes/photos', map)).toBe('/mnt/photos');
  });

  it('never maps a folder that only begins with the same letters', () => {
    expect(toLocal('/Volumes/photos2/a.jpg', map)).toBe('/Volumes/photos2/a.jpg');
    expect(toShared('/mnt/photosX/a.jpg', map)).toBe('/mnt/photosX/a.jpg');
  });

  it('leaves every path alone without a map', () => {
    expect(toLocal('/a/b.jpg', [])).toBe('/a/b.jpg');
    expect(toShared('/a/b.jpg', [])).toBe('/a/b.jpg');
  });

  it('refuses what is not two absolute paths around "=", saying how to write it', () => {
    for (const bad of ['/a', 'a=/b', '/a=b', '=/b', ''])
      expect(() => parsePathMapping(bad)).toThrow(/not a path mapping.*\/Volumes\/photos=\/mnt\/photos/);
    expect(parsePathMapping('C:\\photos=/mnt/photos')).toEqual({ shared: 'C:\\photos', local: '/mnt/photos' });
  });
});
