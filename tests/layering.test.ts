// The layers of DESIGN.md, checked: common/ is the contract every side imports, so it may import
// nothing environment-specific; workers/ must run under plain Node, so it never imports Electron.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(projectRoot, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

describe('layering', () => {
  it('common/ imports nothing but zod and itself', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('common')) {
      for (const spec of await importsOf(file)) {
        if (spec !== 'zod' && !spec.startsWith('./')) offenders.push(`${relative(projectRoot, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('workers/ never imports Electron, React or the UI', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('workers')) {
      for (const spec of await importsOf(file)) {
        if (/^electron\b|^react\b|^zustand\b|renderer\/|electron\//.test(spec))
          offenders.push(`${relative(projectRoot, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds imports at all (the checks above are not vacuous)', async () => {
    const specs = (await Promise.all((await sourceFiles('workers')).map(importsOf))).flat();
    expect(specs).toContain('node:worker_threads');
    expect(specs.some((s) => s.includes('common/'))).toBe(true);
  });
});
