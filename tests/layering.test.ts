// The layers of DESIGN.md, checked by dependency-cruiser with the rules of .dependency-cruiser.cjs,
// through the very command a person runs (`npm run lint:layers`). The rules are also shown to bite:
// forbidden imports injected into a copy of the tree are each reported under the rule they break.
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..');
const CRUISED = ['common', 'workers', 'cli', 'electron', 'server', 'renderer'];
const CONFIGS = [
  '.dependency-cruiser.cjs',
  'package.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
];

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

/** `npm run lint:layers` in `cwd`, as JSON. It exits non-zero when it finds violations. */
async function lintLayers(cwd: string): Promise<CruiseResult> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['run', '--silent', 'lint:layers', '--', '--output-type', 'json'];
  const stdout = await promisify(execFile)(npm, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string; stderr?: string }) => {
      if (!e.stdout) throw new Error(`dependency-cruiser failed: ${e.stderr}`);
      return e.stdout;
    },
  );
  return JSON.parse(stdout) as CruiseResult;
}

const violations = (r: CruiseResult) => r.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('layering', () => {
  it('the tree keeps every rule of DESIGN.md’s layout table', async () => {
    const result = await lintLayers(projectRoot);
    expect(violations(result)).toEqual([]);
    // Not vacuous: the cruise saw the layers and the edges that join them.
    const edges = new Set(result.modules.flatMap((m) => m.dependencies.map((d) => `${m.source} → ${d.resolved}`)));
    expect(edges).toContain('workers/batch/pool-driver.ts → workers/pool/pool.ts');
    expect(edges).toContain('workers/queue/queue-worker.ts → workers/batch/pool-driver.ts');
    expect(edges).toContain('workers/image/worker-entry.ts → workers/pool/messages.ts');
    expect(edges).toContain('electron/main/index.ts → workers/image/worker-entry-path.ts');
    expect(result.modules.some((m) => m.source.startsWith('renderer/src/'))).toBe(true);
  });

  describe('a copy of the tree with forbidden imports in it', () => {
    let copy: string;
    afterAll(async () => {
      if (copy) await rm(copy, { recursive: true, force: true });
    });

    it('reports each one under the rule it breaks', async () => {
      copy = await mkdtemp(join(tmpdir(), 'pixmill-layering-'));
      for (const path of [...CRUISED, ...CONFIGS])
        await cp(join(projectRoot, path), join(copy, path), { recursive: true });
      await symlink(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const inject = (file: string, specifier: string) => appendFile(join(copy, file), `\nimport '${specifier}';\n`);
      // The cycle that was: the pool reaching into the image layer, and the pipeline back into the pool.
      await inject('workers/pool/pool.ts', '../image/process-image.js');
      await inject('workers/image/process-image.ts', '../pool/pool.js');
      await inject('common/job.ts', 'node:fs');
      await inject('workers/batch/journal.ts', 'electron');
      await inject('renderer/src/main.tsx', '../../workers/batch/scan.js');
      await inject('cli/index.ts', '../electron/main/store.js');
      // A shared batch's worker running the pipeline itself, on the event loop that renews its locks.
      await inject('workers/queue/job-id.ts', '../image/process-image.js');
      await inject('server/token.ts', '../electron/main/dialogs.js');

      const found = violations(await lintLayers(copy));
      // Electron reached from the served window, however deep: each server module on the way is named.
      const reaching = (v: string) => v.startsWith('server-never-reaches-electron: ');
      expect(found.filter(reaching)).toContain(
        'server-never-reaches-electron: server/token.ts → node_modules/electron/index.js',
      );
      expect(found.filter((v) => !v.startsWith('no-cycle-across-layers') && !reaching(v))).toEqual([
        'batch-imports-only-common-pool-and-the-image-entry: workers/batch/journal.ts → node_modules/electron/index.js',
        'cli-imports-only-common-and-workers: cli/index.ts → electron/main/store.ts',
        'common-imports-only-zod: common/job.ts → fs',
        'image-imports-only-common-and-sharp: workers/image/process-image.ts → workers/pool/pool.ts',
        'image-reaches-pool-only-by-its-entry: workers/image/process-image.ts → workers/pool/pool.ts',
        'pool-imports-only-common: workers/pool/pool.ts → workers/image/process-image.ts',
        'queue-imports-only-common-batch-pool-and-bullmq: workers/queue/job-id.ts → workers/image/process-image.ts',
        'renderer-imports-only-common-and-ui-deps: renderer/src/main.tsx → workers/batch/scan.ts',
        'server-imports-only-common-workers-the-handlers-and-ws: server/token.ts → electron/main/dialogs.ts',
        'workers-never-electron: workers/batch/journal.ts → node_modules/electron/index.js',
      ]);
      // A cycle is reported once, at one of its edges.
      expect(found.filter((v) => v.startsWith('no-cycle-across-layers'))).toEqual([
        expect.stringMatching(/^no-cycle-across-layers: workers\/(pool\/pool|image\/process-image)\.ts → /),
      ]);
    });
  });
});
