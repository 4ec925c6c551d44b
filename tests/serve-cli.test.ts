// `pixmill serve` from the built command line: what it refuses before listening anywhere, what
// its help says, and that nothing it loads, however deep, is Electron.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pixmill } from './cli-runner.js';

const outMain = join(import.meta.dirname, '../out/main');

describe('pixmill serve', () => {
  it('never loads Electron: no import of it anywhere in the CLI bundle, the served window included', async () => {
    const seen = new Set<string>();
    let servesWindow = false;
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = await readFile(join(outMain, file), 'utf8');
      expect(code, file).not.toMatch(/from\s*["']electron(\/[^"']*)?["']|require\(["']electron|import\(["']electron/);
      if (code.includes('Pixmill is serving its window')) servesWindow = true;
      for (const m of code.matchAll(/(?:from\s*|import\(\s*)["']\.\/([^"']+)["']/g)) await visit(m[1]!);
    };
    await visit('cli.js');
    expect(servesWindow).toBe(true);
  });

  it('refuses an address other machines can reach unless --allow-remote says so', async () => {
    const r = await pixmill('serve', '--host', '0.0.0.0', '--port', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/0\.0\.0\.0 is reachable from other machines; add --allow-remote/);
    expect(r.stdout).toBe('');
  });

  it('refuses a bad port and a root that does not exist, in words', async () => {
    const port = await pixmill('serve', '--port', '70000');
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port: expected a port number from 0 to 65535/);
    const root = await pixmill('serve', '--port', '0', '--root', '/no/such/folder');
    expect(root.code).toBe(2);
    expect(root.stderr).toMatch(/--root: The folder \/no\/such\/folder does not exist/);
  });

  it('says plainly when its port is taken, and exits', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await pixmill('serve', '--port', String(port));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `pixmill serve: could not start: port ${port} is already in use: choose another with --port`,
      );
    } finally {
      taken.close();
    }
  });

  it('says in its help what is served by default', async () => {
    const help = await pixmill('serve', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--root <dir>[\s\S]*default: the current folder/);
    expect(help.stdout).toMatch(/--allow-remote/);
    expect(help.stdout).toMatch(/127\.0\.0\.1/);
  });
});
