// `npm start` first makes sure the Electron binary is there (scripts/ensure-electron.cjs). The
// script is run for real, in a scratch project whose electron package is a stand-in with
// Electron's layout (package.json, install.js, path.txt, dist/): the download itself is Electron's.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures.js';

const script = join(import.meta.dirname, '..', 'scripts', 'ensure-electron.cjs');

async function scratchProject(installJs: string): Promise<string> {
  const root = await tempDir();
  const electron = join(root, 'node_modules', 'electron');
  await mkdir(electron, { recursive: true });
  await writeFile(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  await writeFile(join(electron, 'install.js'), installJs);
  await mkdir(join(root, 'scripts'));
  await copyFile(script, join(root, 'scripts', 'ensure-electron.cjs'));
  return root;
}

function run(root: string) {
  const env = { ...process.env };
  delete env['ELECTRON_EXEC_PATH'];
  return spawnSync(process.execPath, [join(root, 'scripts', 'ensure-electron.cjs')], { encoding: 'utf8', env });
}

describe('npm start: the Electron binary', () => {
  it('says in one line what is missing and how to get it when the download fails', async () => {
    const root = await scratchProject(
      "console.error('TypeError: fetch failed\\n    at somewhere (x.js:1:1)'); process.exit(1);\n",
    );
    const r = run(root);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/Electron 45\.5\.0 binary is missing .*\(TypeError: fetch failed\)/);
    expect(lines.at(-1)).toContain('npx install-electron');
    expect(r.stderr).not.toContain('at somewhere');
  });

  it('runs Electron’s installer once and goes on when it succeeds', async () => {
    const root = await scratchProject(
      [
        "const fs = require('node:fs'); const p = require('node:path');",
        "fs.mkdirSync(p.join(__dirname, 'dist'), { recursive: true });",
        "fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), '');",
        "fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');",
      ].join('\n'),
    );
    const first = run(root);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('downloading the Electron 45.5.0 binary');
    const second = run(root);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
  });
});
