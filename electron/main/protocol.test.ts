// app:// serves the built renderer and nothing outside it, with the CSP on every response; the
// page's own <meta> policy is the same one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../common/csp.js';
import { pageCsp } from '../../electron.vite.config.js';
import { tempDir } from '../../tests/fixtures.js';
import { resolveAppFile, serveAppRequest } from './protocol.js';

let root: string;
let renderer: string;
beforeAll(async () => {
  root = await tempDir();
  renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Pixmill</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the app');
});

describe('app:// protocol', () => {
  it('serves the page and its assets with the CSP header', async () => {
    const page = await serveAppRequest(renderer, { url: 'app://pixmill/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Pixmill</title>');
    const js = await serveAppRequest(renderer, { url: 'app://pixmill/assets/app.js' });
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'app://pixmill/../secret.txt',
    'app://pixmill/%2e%2e/secret.txt',
    'app://pixmill/assets/%2e%2e/%2e%2e/secret.txt',
    'app://pixmill/..%2fsecret.txt',
    'app://other/index.html',
    'app://pixmill/index.html%00.js',
    'not a url',
  ])('refuses %s', async (url) => {
    const file = resolveAppFile(renderer, url);
    expect(file === null || file.startsWith(`${renderer}/`)).toBe(true);
    const r = await serveAppRequest(renderer, { url });
    if (r.status === 200) expect(await r.text()).not.toContain('outside the app');
    else expect(r.status).toBe(404);
  });

  it('the CSP allows no remote code, no inline scripts and no network', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
  });
});

/** index.html as the build (or the dev server) writes it, and the policy its <meta> holds. */
async function builtPage(command: 'build' | 'serve'): Promise<{ html: string; policy: string | undefined }> {
  const plugin = pageCsp();
  const source = await readFile(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
  (plugin.configResolved as (c: Pick<ResolvedConfig, 'command'>) => void)({ command });
  const html = (plugin.transformIndexHtml as (html: string) => string)(source);
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
  expect(metas).toHaveLength(1);
  return { html, policy: metas[0]?.[1] };
}

describe("the page's <meta> CSP", () => {
  it('is the header policy, less what only a header can carry', async () => {
    const { html, policy } = await builtPage('build');
    expect(`${policy}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
    // Ahead of every script and stylesheet, which it would not govern otherwise.
    expect(html.indexOf('Content-Security-Policy" content=')).toBeLessThan(html.search(/<script|<link/));
  });

  it('is relaxed for the dev server only, and only as far as hot reload needs', async () => {
    const { policy } = await builtPage('serve');
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws: http://localhost:*");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unsafe-eval/);
  });
});
