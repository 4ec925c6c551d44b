// `pixmill run --dry-run`: the plan a real run then follows, and nothing written. The built CLI
// as a child process, the output folder checked on disk.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixmill } from './cli-runner.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

interface Row {
  file: string;
  output?: string;
  action: string;
  reason?: string;
}

async function plan(...args: string[]): Promise<{ plan: Row[]; write: number; skip: number }> {
  const r = await pixmill('run', ...args, '--dry-run', '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { plan: Row[]; write: number; skip: number };
}

let root: string;
let photos: string;

beforeAll(async () => {
  root = await tempDir('pixmill-dry-');
  photos = join(root, 'photos');
  await makeImage(join(photos, 'a.jpg'), { width: 300, height: 200 });
  await makeImage(join(photos, 'b.jpg'), { width: 300, height: 200 });
  await makeImage(join(photos, 'sub', 'c.jpg'), { width: 300, height: 200 });
  await makeImage(join(photos, '.hidden.jpg'), { width: 30, height: 20 });
  await writeFile(join(photos, 'notes.txt'), 'not an image\n');
  // A JPEG XR: a real image format without a decoder here.
  await writeFile(join(photos, 'scan.jxr'), Buffer.from([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]));
});

describe('pixmill run --dry-run', () => {
  it('prints the plan, resolving conflicts as the run will, and writes nothing', async () => {
    const out = join(root, 'out');
    const fresh = await plan(photos, '--out', out);
    const byFile = new Map(fresh.plan.map((r) => [r.file, r]));
    expect(byFile.get(join(photos, 'a.jpg'))).toEqual({
      file: join(photos, 'a.jpg'),
      output: join(out, 'a.jpg'),
      status: 'new',
      action: 'write',
    });
    expect(byFile.get(join(photos, 'sub', 'c.jpg'))?.output).toBe(join(out, 'sub', 'c.jpg'));
    expect(byFile.get(join(photos, 'notes.txt'))?.action).toBe('ignore');
    expect(byFile.get(join(photos, '.hidden.jpg'))?.action).toBe('ignore');
    expect(byFile.get(join(photos, 'scan.jxr'))).toMatchObject({
      action: 'fail',
      reason: expect.stringMatching(/^UNSUPPORTED_FORMAT/),
    });
    await expect(stat(out)).rejects.toThrow(/ENOENT/);

    // Someone else's a.jpg is in the way: the plan says a-1.jpg, and the run writes just that.
    await mkdir(out);
    await writeFile(join(out, 'a.jpg'), 'not Pixmill’s');
    const clash = await plan(photos, '--out', out);
    const a = clash.plan.find((r) => r.file === join(photos, 'a.jpg'));
    expect(a).toMatchObject({ output: join(out, 'a-1.jpg'), action: 'write' });
    expect(await listFiles(out)).toEqual(['a.jpg']);

    const run = await pixmill('run', photos, '--out', out, '--json');
    const outputs = (JSON.parse(run.stdout) as { outputs: { file: string; output: string }[] }).outputs;
    for (const r of clash.plan.filter((x) => x.action === 'write'))
      expect(outputs.find((o) => o.file === r.file)?.output, r.file).toBe(r.output);

    // After the run everything is up to date; a dry run leaves no journal behind.
    const again = await plan(photos, '--out', out);
    expect([again.write, again.skip]).toEqual([0, 3]);
    expect(again.plan.filter((r) => r.action === 'skip').every((r) => r.reason === 'up to date')).toBe(true);
    expect((await listFiles(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('says what --conflict skip would skip, and that {w}/{h} are resolved at run time', async () => {
    const out = join(root, 'out-skip');
    await mkdir(out);
    await writeFile(join(out, 'b.png'), 'taken');
    const skip = await plan(photos, '--out', out, '--format', 'png', '--conflict', 'skip');
    expect(skip.plan.find((r) => r.file === join(photos, 'b.jpg'))).toMatchObject({
      action: 'skip',
      output: join(out, 'b.png'),
    });
    expect(skip.plan.find((r) => r.file === join(photos, 'a.jpg'))).toMatchObject({
      action: 'write',
      output: join(out, 'a.png'),
    });

    const text = await pixmill('run', photos, '--out', out, '--name', '{name}-{w}x{h}', '--dry-run');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `a.jpg → ${join(out, 'a-{w}x{h}.jpg')} (the {w}/{h} in its name are resolved at run time)`,
    );
    expect(text.stdout).toMatch(/Dry run, nothing written: 3 to write, 0 to skip, 2 to ignore, 1 to fail of 6 files/);
    expect(await listFiles(out)).toEqual(['b.png']);
  });
});
