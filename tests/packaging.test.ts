// The packaged app's Electron fuses, where the packaging config lives: a packaged Pixmill cannot
// be turned into a plain Node runtime, and loads only its own integrity-checked app archive.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..');
const config = async () =>
  JSON.parse(await readFile(join(projectRoot, 'electron-builder.json'), 'utf8')) as Record<string, unknown>;

describe('packaging', () => {
  it('sets the fuses: RunAsNode off, cookie encryption on, ASAR integrity on', async () => {
    expect((await config())['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships workers as utility processes, which still work with RunAsNode off', async () => {
    // child_process.fork of the Electron binary needs RunAsNode; the app must not rely on it.
    const main = await readFile(join(projectRoot, 'electron/main/index.ts'), 'utf8');
    expect(main).toMatch(/utilityProcess\.fork/);
    expect(main).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
  });

  it("never loads sharp into Electron's main process: no static import of it from the main bundle", async () => {
    // A libvips crash there would take the window with it; workers load sharp, main never does.
    const outMain = join(projectRoot, 'out/main');
    const seen = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = await readFile(join(outMain, file), 'utf8');
      expect(code, file).not.toMatch(/from\s*["']sharp["']|require\(["']sharp["']\)/);
      for (const m of code.matchAll(/^import[^;]*?from\s*["']\.\/([^"']+)["']/gm)) await visit(m[1]!);
    };
    await visit('index.js');
    expect(seen.size).toBeGreaterThan(3);
  });
});
