// Running the same `pixmill run` again: what is up to date is skipped, a changed source or recipe
// replaces its own earlier output (no suffixed copies), a suffix is kept for someone else's file;
// `--conflict skip` decides before decoding; failures leave no empty folders; `--out` naming a
// file is a usage error. The built CLI as a child process, files checked on disk.
import { appendFile, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixmill } from './cli-runner.js';
import { hashTree, listFiles, makeImage, tempDir } from './fixtures.js';

const COUNT = 24;

interface Summary {
  processed: number;
  skipped: number;
  failed: number;
  upToDate: number;
  skippedFor: Record<string, number>;
  outputs: { file: string; output: string }[];
}

async function runJson(...args: string[]): Promise<Summary> {
  const r = await pixmill('run', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** Modification time of every file below `dir`, by relative path. */
async function mtimes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of await listFiles(dir)) out.set(f, (await stat(join(dir, f))).mtimeMs);
  return out;
}

let root: string;
let photos: string;

beforeAll(async () => {
  root = await tempDir('pixmill-rerun-');
  photos = join(root, 'photos');
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      makeImage(join(photos, i < 4 ? 'trip' : '', `p${String(i).padStart(2, '0')}.jpg`), { width: 400, height: 300 }),
    ),
  );
});

describe('pixmill run, run again', () => {
  it('skips what is up to date (a touched source too), redoes a changed source and a changed recipe in place', async () => {
    const out = join(root, 'out-again');
    const first = await runJson(photos, '--out', out);
    expect(first).toMatchObject({ processed: COUNT, skipped: 0, failed: 0 });
    const files = await listFiles(out);
    expect(files).toHaveLength(COUNT);
    const hashes = await hashTree(out);
    const times = await mtimes(out);

    const second = await runJson(photos, '--out', out);
    expect(second).toMatchObject({ processed: 0, skipped: COUNT, upToDate: COUNT, failed: 0 });
    expect(second.skippedFor).toMatchObject({ 'up-to-date': COUNT, resumed: 0, exists: 0 });
    expect(await listFiles(out)).toEqual(files);
    expect(await mtimes(out)).toEqual(times);

    // Touched only (a new date, the same bytes): still up to date, told by its content hash.
    const touched = join(photos, 'trip', 'p01.jpg');
    await utimes(touched, new Date(), new Date(Date.now() + 60_000));
    expect(await runJson(photos, '--out', out)).toMatchObject({ processed: 0, upToDate: COUNT });

    // A new version of one photo: only it is redone, over its own earlier output.
    await appendFile(touched, Buffer.from([0]));
    const third = await runJson(photos, '--out', out);
    expect(third).toMatchObject({ processed: 1, upToDate: COUNT - 1, failed: 0 });
    expect(third.outputs).toEqual([{ file: touched, output: join(out, 'trip', 'p01.jpg') }]);
    expect(await listFiles(out)).toEqual(files);
    const after = await mtimes(out);
    for (const f of files) if (f !== join('trip', 'p01.jpg')) expect(after.get(f), f).toBe(times.get(f));

    // Another recipe: everything is redone, each output replacing its own.
    const fourth = await runJson(photos, '--out', out, '--quality', '40');
    expect(fourth).toMatchObject({ processed: COUNT, skipped: 0, failed: 0 });
    expect(await listFiles(out)).toEqual(files);
    const redone = await hashTree(out);
    for (const f of files) expect(redone.get(f), f).not.toBe(hashes.get(f));

    const text = await pixmill('run', photos, '--out', out, '--quality', '40');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Done: 0 processed, ${COUNT} up to date`));
  });

  it('keeps a suffix for a file Pixmill did not make, and leaves that file alone', async () => {
    const out = join(root, 'out-foreign');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'p10.jpg'), 'someone else’s file');
    const first = await runJson(photos, '--out', out);
    expect(first.processed).toBe(COUNT);
    expect(first.outputs.find((o) => o.file.endsWith('p10.jpg'))?.output).toBe(join(out, 'p10-1.jpg'));
    const again = await runJson(photos, '--out', out);
    expect(again).toMatchObject({ processed: 0, upToDate: COUNT });
    expect(await listFiles(out)).toHaveLength(COUNT + 1);
    expect(await readFile(join(out, 'p10.jpg'), 'utf8')).toBe('someone else’s file');
  });
});

describe('--conflict skip', () => {
  it('skips a taken name without decoding the image', async () => {
    const dir = join(root, 'skip-in');
    const out = join(root, 'skip-out');
    await makeImage(join(dir, 'good.jpg'), { width: 300, height: 200 });
    // A JPEG by its first bytes that no decoder could read: were it decoded, it would fail.
    await mkdir(out, { recursive: true });
    await writeFile(join(dir, 'broken.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]));
    await writeFile(join(out, 'good.png'), 'taken');
    await writeFile(join(out, 'broken.png'), 'taken');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(out, 'good.png'), old, old);
    const before = await mtimes(out);
    const s = await runJson(dir, '--out', out, '--format', 'png', '--conflict', 'skip');
    expect(s).toMatchObject({ processed: 0, failed: 0, skipped: 2 });
    expect(s.skippedFor['exists']).toBe(2);
    expect(await mtimes(out)).toEqual(before);
  });
});

describe('messages', () => {
  it('--out naming a file is a usage error that says so', async () => {
    const file = join(root, 'not-a-folder.txt');
    await writeFile(file, 'x');
    const r = await pixmill('run', photos, '--out', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out: ${file} is a file, not a folder`);
  });

  it('a sub-folder whose only files failed is not left behind', async () => {
    const dir = join(root, 'fails-in');
    const out = join(root, 'fails-out');
    await makeImage(join(dir, 'ok.jpg'), { width: 300, height: 200 });
    await mkdir(join(dir, 'bad', 'deeper'), { recursive: true });
    await writeFile(
      join(dir, 'bad', 'deeper', 'x.jpg'),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64)]),
    );
    const r = await pixmill('run', dir, '--out', out, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ processed: 1, failed: 1 });
    expect(await listFiles(out)).toEqual(['ok.jpg']);
    await expect(stat(join(out, 'bad'))).rejects.toThrow(/ENOENT/);
  });
});
