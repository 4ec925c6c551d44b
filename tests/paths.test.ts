// Names people and the internet really produce: very long, with newlines and leading dashes,
// unicode in both normal forms, links out of the folder and back into it, a folder given twice.
import { spawn } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { hashTree, listFiles, makeImage, tempDir } from './fixtures.js';

const projectRoot = join(import.meta.dirname, '..');
let root: string;

beforeAll(async () => {
  root = await tempDir();
});

const spec = (pattern = '{name}') =>
  makePipeline({
    steps: [{ op: 'resize', params: { by: 'box', width: 64, height: 64 } }],
    output: { format: 'png', pattern },
  });

describe('odd names', () => {
  it('keeps newlines, leading dashes, spaces and both unicode forms apart and intact', async () => {
    const dir = join(root, 'odd');
    const names = [
      'line\nbreak.jpg',
      '-rf.jpg',
      '--help.jpg',
      'two  spaces .jpg',
      'caf\u00e9.jpg',
      'cafe\u0301.jpg',
      'tab\there.jpg',
    ];
    await Promise.all(names.map((n) => makeImage(join(dir, n), { width: 120, height: 90 })));
    const before = await hashTree(dir);
    const out = join(root, 'out-odd');
    const summary = await startBatch({ inputs: [dir], outDir: out, spec: spec(), workers: 2 }).done;
    expect(summary).toMatchObject({ processed: names.length, failed: 0 });
    expect(await listFiles(out)).toEqual(names.map((n) => n.replace(/\.jpg$/, '.png')).sort());
    expect(await hashTree(dir)).toEqual(before);
  });

  it('shortens an output name that would pass the 255-byte limit instead of failing', async () => {
    const dir = join(root, 'long');
    const long = `${'é'.repeat(120)}.jpg`; // 244 bytes in UTF-8
    await makeImage(join(dir, long), { width: 120, height: 90 });
    const out = join(root, 'out-long');
    const summary = await startBatch({ inputs: [dir], outDir: out, spec: spec('{name}-thumbnail-{w}x{h}'), workers: 1 })
      .done;
    expect(summary).toMatchObject({ processed: 1, failed: 0 });
    const [name] = await listFiles(out);
    expect(Buffer.byteLength(name!)).toBeLessThanOrEqual(255);
    expect(name!.startsWith('é'.repeat(100))).toBe(true);
    expect(name!.endsWith('.png')).toBe(true);
    // Two such files still get two outputs: the shortened name keeps room for a suffix.
    await makeImage(join(dir, `${'é'.repeat(120)}x.jpg`), { width: 120, height: 90 });
    const again = await startBatch({
      inputs: [dir],
      outDir: join(root, 'out-long-2'),
      spec: spec('{name}-thumbnail-{w}x{h}'),
      workers: 1,
    }).done;
    expect((await listFiles(join(root, 'out-long-2'))).length).toBe(again.processed);
    expect(again.processed).toBe(2);
  });

  it('takes a folder whose name starts with a dash on the command line after --', async () => {
    const dir = join(root, '-dash-folder');
    await makeImage(join(dir, 'a.jpg'));
    const out = join(root, 'out-dash');
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin/pixmill.cjs'), 'run', '--out', out, '--format', 'png', '--json', '--', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ processed: 1, failed: 0 });
  });
});

describe('links and overlapping inputs', () => {
  it('follows a link to a file outside the folder, but writes only inside the output folder', async () => {
    const dir = join(root, 'linked');
    const elsewhere = join(root, 'elsewhere');
    await makeImage(join(elsewhere, 'outside.jpg'), { width: 200, height: 100 });
    await makeImage(join(dir, 'inside.jpg'), { width: 200, height: 100 });
    await symlink(join(elsewhere, 'outside.jpg'), join(dir, 'link-to-outside.jpg'));
    const out = join(root, 'out-linked');
    const beforeElsewhere = await hashTree(elsewhere);
    const summary = await startBatch({ inputs: [dir], outDir: out, spec: spec(), workers: 2 }).done;
    expect(summary.processed).toBe(2);
    expect(await listFiles(out)).toEqual(['inside.png', 'link-to-outside.png']);
    expect(await hashTree(elsewhere)).toEqual(beforeElsewhere);
    expect((await sharp(join(out, 'link-to-outside.png')).metadata()).width).toBe(64);
  });

  it('processes each image once when the same folder is given twice, or a folder and its sub-folder', async () => {
    const dir = join(root, 'twice');
    await makeImage(join(dir, 'a.jpg'));
    await makeImage(join(dir, 'sub', 'b.jpg'));
    await mkdir(join(root, 'via'), { recursive: true });
    await symlink(dir, join(root, 'via', 'same'));
    const out = join(root, 'out-twice');
    const summary = await startBatch({
      inputs: [dir, dir, join(dir, 'sub'), join(root, 'via', 'same')],
      outDir: out,
      spec: spec(),
      workers: 2,
    }).done;
    expect(summary).toMatchObject({ processed: 2, failed: 0, total: 2 });
    expect(await listFiles(out)).toEqual(['a.png', 'sub/b.png']);
  });
});
