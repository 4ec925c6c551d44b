import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspHeader, resolveStaticFile, StaticFiles, withServeCsp } from './static-files.js';

const HTML = `<head><meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'" />
</head>`;

let base: string;
let dir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pixmill-static-'));
  dir = join(base, 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), HTML);
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'secret');
  await mkdir(join(base, 'rendererX'));
  await writeFile(join(base, 'rendererX', 'x.js'), 'x');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('the served window’s files', () => {
  it('are the built folder’s, / being index.html', () => {
    expect(resolveStaticFile(dir, '/')).toBe(join(dir, 'index.html'));
    expect(resolveStaticFile(dir, '/assets/app.js')).toBe(join(dir, 'assets', 'app.js'));
  });

  it('never lie above it, however the path is spelled', () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/%E0%A4%A',
      '/../rendererX/x.js',
    ])
      expect(resolveStaticFile(dir, path), path).toBeNull();
  });

  it('carry a CSP that lets the page reach its own socket and nothing else', async () => {
    expect(cspHeader('127.0.0.1:4870')).toContain('connect-src ws://127.0.0.1:4870/socket;');
    expect(cspHeader('127.0.0.1:4870')).toContain("frame-ancestors 'none'");
    const page = withServeCsp(HTML, 'localhost:4870');
    expect(page).toContain('connect-src ws://localhost:4870/socket');
    expect(page).not.toContain("connect-src 'none'");
    // A <meta> cannot carry frame-ancestors; the header does.
    expect(page).not.toContain('frame-ancestors');
    const served = await new StaticFiles(dir).get('/', 'localhost:4870');
    expect(served?.type).toBe('text/html; charset=utf-8');
    expect(served?.body.toString()).toContain('connect-src ws://localhost:4870/socket');
  });

  it('refuse to serve a build without its CSP <meta>', async () => {
    expect(() => withServeCsp('<head></head>', 'localhost:1')).toThrow(/no Content-Security-Policy/);
    await expect(new StaticFiles(join(base, 'rendererX')).indexHtml()).rejects.toThrow(/run npm run build/);
  });
});
