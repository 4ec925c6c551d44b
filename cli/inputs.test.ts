// Inputs as a shell user gives them: quoted globs, @lists, "-" on stdin (newline or NUL).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/fixtures.js';
import { expandInputs } from './inputs.js';
import { UsageError } from './usage-error.js';

let cwd: string;
const none = Readable.from([]);

beforeAll(async () => {
  cwd = await tempDir('pixmill-inputs-');
  for (const f of [
    'photos/a.png',
    'photos/deep/b.png',
    'photos/c.jpg',
    'photos/.hidden.png',
    '@2024.jpg',
    'x[1].png',
  ]) {
    await mkdir(join(cwd, f, '..'), { recursive: true });
    await writeFile(join(cwd, f), 'x');
  }
  await writeFile(join(cwd, 'list.txt'), 'photos/a.png\n\n  photos/c.jpg  \r\n/abs/elsewhere.tif\n');
});

const sources = (stdin = none, nul = false) => ({ stdin, nul, cwd });

describe('expandInputs', () => {
  it('expands a quoted glob, recursively, sorted, without hidden files', async () => {
    expect(await expandInputs(['photos/**/*.png'], sources())).toEqual([
      join(cwd, 'photos/a.png'),
      join(cwd, 'photos/deep/b.png'),
    ]);
  });

  it('refuses a glob that matches nothing, naming it', async () => {
    await expect(expandInputs(['photos/*.webp'], sources())).rejects.toThrow(
      new UsageError('no files match the pattern "photos/*.webp"'),
    );
  });

  it('reads @list.txt, one path per line, blank lines skipped, relative to the current folder', async () => {
    expect(await expandInputs(['@list.txt'], sources())).toEqual([
      join(cwd, 'photos/a.png'),
      join(cwd, 'photos/c.jpg'),
      '/abs/elsewhere.tif',
    ]);
  });

  it('reads "-" from stdin, by lines or NUL-separated', async () => {
    const lines = Readable.from(['photos/a.png\nphotos/', 'c.jpg\n']);
    expect(await expandInputs(['-'], sources(lines))).toEqual([join(cwd, 'photos/a.png'), join(cwd, 'photos/c.jpg')]);
    const nul = Readable.from(['photos/a.png\0 with space.png\0']);
    expect(await expandInputs(['-'], sources(nul, true))).toEqual([
      join(cwd, 'photos/a.png'),
      join(cwd, ' with space.png'),
    ]);
  });

  it('takes names that exist literally, even when they look like a list or a pattern', async () => {
    expect(await expandInputs(['@2024.jpg', 'x[1].png', 'photos'], sources())).toEqual([
      join(cwd, '@2024.jpg'),
      join(cwd, 'x[1].png'),
      join(cwd, 'photos'),
    ]);
  });

  it('refuses an unreadable @list and a second "-"', async () => {
    await expect(expandInputs(['@missing.txt'], sources())).rejects.toThrow(
      /cannot read the list of inputs missing\.txt/,
    );
    await expect(expandInputs(['-', '-'], sources(Readable.from(['a\n'])))).rejects.toThrow(/only once/);
  });
});
