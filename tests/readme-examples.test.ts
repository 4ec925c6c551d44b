// Every `pixmill` example in the README's "Command line" section, run as written by a shell
// with HOME pointing at a folder of generated photos (so `~/Photos` is a real folder), and
// `npx pixmill` replaced by the built CLI. A README example that stops working fails here.
// Run after `electron-vite build`.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runChild } from './cli-runner.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/pixmill.cjs');

/** The shell commands of the section's `sh` blocks, a `\`-continued command joined into one. */
async function readmeCommands(): Promise<string[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Command line\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
}

const shell = (command: string, home: string): Promise<CliResult> =>
  runChild('bash', ['-o', 'pipefail', '-c', command], { cwd: home, env: { ...process.env, HOME: home } });

/** What sharp reports for each output format a person may name. */
const SHARP_FORMAT: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', avif: 'heif' };
const flag = (command: string, name: string): string | undefined =>
  new RegExp(`(?:^| )${name} ('[^']*'|"[^"]*"|\\S+)`).exec(command)?.[1]?.replace(/^['"]|['"]$/g, '');

let home: string;
const commands = await readmeCommands();

beforeAll(async () => {
  home = await tempDir('pixmill-readme-');
  await makeImage(join(home, 'Photos', 'hills.jpg'), { width: 240, height: 360 });
  await makeImage(join(home, 'Photos', 'sub', 'logo.png'), { width: 120, height: 120, format: 'png', alpha: true });
  // A photo with EXIF and a GPS position, for the metadata examples.
  const beach = await makeImage(join(home, 'beach-plain.jpg'), { width: 480, height: 320 });
  await sharp(beach)
    .withExif({ IFD0: { Copyright: 'README test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
    .toFile(join(home, 'Photos', 'beach.jpg'));
  await makeImage(join(home, 'Scans', 'cover.tif'), { width: 150, height: 200, format: 'tiff' });
});

describe('README command-line examples', () => {
  it('has examples for the common tasks', () => {
    const all = commands.join('\n');
    for (const needed of ['--preset web-1600', '--resize 400', '--format avif', '--metadata keep', ' - -0', '@']) {
      expect(all).toContain(needed);
    }
  });

  // The benchmark takes a minute and measures the machine; its own tests run it.
  const runnable = commands.filter((c) => !/pixmill bench/.test(c));
  it.each(runnable)('%s', { timeout: 120_000 }, async (command) => {
    expect(command).toMatch(/pixmill|> ~\//);
    const r = await shell(command.replaceAll('npx pixmill', `node ${JSON.stringify(BIN)}`), home);
    expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    const outFlag = flag(command, '--out');
    if (!outFlag) {
      if (!command.includes('>')) expect(r.stdout.length).toBeGreaterThan(0);
      return;
    }
    const out = outFlag.replace(/^~/, home).replace('$HOME', home);
    // A manifest (--manifest) beside the images is no image.
    const files = (await listFiles(out)).filter((f) => !/\.(html|json)$/.test(f));
    expect(files.length, `no outputs in ${out}`).toBeGreaterThan(0);
    const format = flag(command, '--format')?.toLowerCase();
    const longEdge = /^\d+$/.test(flag(command, '--resize') ?? '') ? Number(flag(command, '--resize')) : undefined;
    for (const file of files) {
      const meta = await sharp(join(out, file)).metadata();
      if (format) expect(meta.format, file).toBe(SHARP_FORMAT[format] ?? format);
      if (longEdge) expect(Math.max(meta.width, meta.height), file).toBeLessThanOrEqual(longEdge);
    }
    const beach = files.find((f) => f.startsWith('beach'));
    const metadata = flag(command, '--metadata');
    if (beach && metadata) {
      const exif = (await sharp(join(out, beach)).metadata()).exif?.toString('latin1');
      if (metadata === 'keep') expect(exif).toContain('README test');
      else if (metadata === 'keep-except-gps') {
        expect(exif).toContain('README test');
        // The latitude's degrees (48/1) as the GPS block stores them: gone with the block.
        expect((await readFile(join(out, beach))).includes(Buffer.from([0, 0, 0, 48, 0, 0, 0, 1]))).toBe(false);
        expect((await readFile(join(out, beach))).includes(Buffer.from([48, 0, 0, 0, 1, 0, 0, 0]))).toBe(false);
      } else expect(exif).toBeUndefined();
    }
    const cap = flag(command, '--max-size');
    if (cap) {
      const bytes = Number(/^(\d+)KB$/.exec(cap)?.[1]) * 1000;
      for (const file of files) expect((await readFile(join(out, file))).length, file).toBeLessThanOrEqual(bytes);
    }
    if (command.includes('--json')) expect(JSON.parse(r.stdout)).toMatchObject({ failed: 0 });
  });
});
