import { describe, expect, it } from 'vitest';
import { namingExample } from './naming-example';

const now = new Date(2024, 6, 5);

describe('namingExample', () => {
  it('expands {name} and appends the output format extension, keeping the folder', () => {
    expect(namingExample({ pattern: '{name}-small', format: 'webp', structure: 'keep' }, now)).toEqual({
      input: 'holiday/IMG_0001.jpg',
      output: 'holiday/IMG_0001-small.webp',
    });
  });

  it('flattens, uses jpg for jpeg and keeps the original extension for keep', () => {
    expect(namingExample({ pattern: '{name}', format: 'jpeg', structure: 'flatten' }, now).output).toBe('IMG_0001.jpg');
    expect(namingExample({ pattern: '{name}', format: 'tiff', structure: 'flatten' }, now).output).toBe('IMG_0001.tif');
    expect(namingExample({ pattern: '{name}-{ext}', format: 'keep', structure: 'flatten' }, now).output).toBe(
      'IMG_0001-jpg.jpg',
    );
  });

  it('shows {n}, {date} and example dimensions for {w}×{h}', () => {
    expect(namingExample({ pattern: '{date}_{n}_{w}x{h}', format: 'png', structure: 'flatten' }, now).output).toBe(
      '2024-07-05_1_1600x1067.png',
    );
  });

  it('names the dropped folder when it gets a sub-folder of its own', () => {
    expect(namingExample({ pattern: '{name}', format: 'webp', structure: 'keep', sourceFolders: true }, now)).toEqual({
      input: 'Photos/holiday/IMG_0001.jpg',
      output: 'Photos/holiday/IMG_0001.webp',
    });
    expect(
      namingExample({ pattern: '{name}', format: 'webp', structure: 'flatten', sourceFolders: true }, now).output,
    ).toBe('Photos/IMG_0001.webp');
  });

  it('puts a recipe output’s sub-folder after the source folder and fits {w}×{h} in its box', () => {
    const row = { pattern: '{name}-{w}x{h}', format: 'webp', structure: 'keep', folder: '800' } as const;
    expect(namingExample({ ...row, size: { width: 800 } }, now).output).toBe('800/holiday/IMG_0001-800x534.webp');
    expect(namingExample({ ...row, sourceFolders: true, size: { height: 5000 } }, now).output).toBe(
      'Photos/800/holiday/IMG_0001-1600x1067.webp',
    );
  });
});
