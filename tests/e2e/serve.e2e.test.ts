// `pixmill serve` as a person meets it: the built command started as a child process on a free
// port, with a temp folder as its only root, and Debian's Chromium opening the address it
// printed. No test bridge: the page talks to the server over its own WebSocket, and the dialogs
// are answered by the in-page folder browser. Outputs are checked by their decoded pixels.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CHANNELS, methodName } from '../../common/ipc.js';
import { isAlive, tempDir } from '../fixtures.js';
import { waitForSummary } from './app-actions.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { photoFolder } from './photo-folders.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { type Server, startServe } from './serve-process.js';

const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');

/** The processes `pid` started (its workers), by their parent id. */
function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return (
          readFileSync(`/proc/${d}/stat`, 'utf8')
            .replace(/^.*\) /s, '')
            .split(' ')[1] === String(pid)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

function status(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

function upgradeStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket`, { headers });
    ws.on('open', () => {
      ws.close();
      done(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    ws.on('error', () => done(-1));
  });
}

describe.skipIf(chromiumMissing)('pixmill serve in Chromium', () => {
  let root: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** The visit without the token, whose 401 Chromium logs as an error. */
  let bareVisit = false;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`No build at ${CLI}: run \`npm run build\` first (npm test does).`);
    root = await realpath(await tempDir('pixmill-e2e-serve-'));
    await Promise.all([
      photoFolder(root, 'Holiday', 3, { width: 640, height: 480 }, 2),
      photoFolder(root, 'Archive', 40, { width: 1600, height: 1200 }, 1),
      mkdir(join(root, 'Exports')),
      mkdir(join(root, 'Stopped')),
    ]);
    [server, browser] = await Promise.all([
      startServe(root),
      launchChromium(),
      mkdir(SCREENSHOT_DIR, { recursive: true }),
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    // A CSP violation or a failed socket shows here; Chromium's own favicon request is not the page's.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && !bareVisit)
        pageErrors.push(`${m.text()} (${m.location().url})`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses every request and the socket without the token, a wrong Host and a foreign Origin', async () => {
    const { port, origin } = server;
    const token = new URL(server.url).searchParams.get('token')!;
    const cookie = `pixmill-${port}=${token}`;
    for (const path of ['/', '/index.html', '/assets/', '/socket', '/?token=wrong'])
      expect(await status(port, path), path).toBe(401);
    expect(await upgradeStatus(port, { origin })).toBe(401);
    expect(await upgradeStatus(port, { origin: 'http://evil.example', cookie })).toBe(403);
    expect(await status(port, '/', { cookie, host: `rebound.example:${port}` })).toBe(403);
    // The same requests with the token pass: the refusals above were for what they lacked.
    expect(await status(port, '/', { cookie })).toBe(200);
    expect(await upgradeStatus(port, { origin, cookie })).toBe(101);
    // And in the browser: the bare address says what is missing.
    bareVisit = true;
    const bare = await page.goto(`${origin}/`);
    expect(bare?.status()).toBe(401);
    expect(await page.textContent('body')).toMatch(/needs the token/);
    bareVisit = false;
  });

  it('opens the window from the printed address, and refuses a folder outside the root in plain words', async () => {
    await page.goto(server.url);
    // The token left the address bar for a cookie.
    expect(page.url()).toBe(`${server.origin}/`);
    // The page's window.pixmill is the preload's shape exactly: one function per channel, on, pathForFile.
    const api = await page.evaluate(() => Object.keys((globalThis as unknown as { pixmill: object }).pixmill).sort());
    expect(api).toEqual([...CHANNELS.map(methodName), 'on', 'pathForFile'].sort());
    await expect.poll(() => page.getByTestId('drop-zone').textContent()).toMatch(/browser does not tell Pixmill where/);
    await page.getByRole('button', { name: 'Add folders…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add folders' });
    await dialog.waitFor();
    // Modal: Tab goes round the dialog's own controls and never reaches the window behind it.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement)), `Tab ${i + 1}`).toBe(true);
    }
    await dialog.getByLabel('Folder', { exact: true }).fill('/etc');
    await dialog.getByRole('button', { name: 'Go' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe(`/etc is outside the folders this Pixmill server may use (${root}).`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The focus is back on the button that opened it.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
              .activeElement?.textContent,
        ),
      )
      .toBe('Add folders…');
  });

  it('runs a batch end to end: folder and output chosen in the folder browser, outputs decoded', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Add folders…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add folders' });
    const list = dialog.getByRole('listbox');
    // The top lists the root; Enter opens it, the arrows move, Space selects.
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual([root]);
    await list.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => list.getByRole('option').allTextContents())
      .toEqual(['Archive', 'Exports', 'Holiday', 'Stopped']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => list.getByRole('option', { selected: true }).allTextContents()).toEqual(['Holiday']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'serve-folder-browser.png') });
    const { violations } = await new AxeBuilder({ page }).include('.folder-browser').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add the selected folder' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('queue-count').first().textContent()).toBe('3 images');

    // An output folder typed by hand outside the root: Start is refused, in words, where Start is.
    await page.getByLabel('Output folder', { exact: true }).fill('/etc/pixmill-out');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page
      .getByText(`/etc/pixmill-out is outside the folders this Pixmill server may use (${root}).`)
      .first()
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'serve-outside-root.png') });

    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const output = page.getByRole('dialog', { name: 'Output folder' });
    await output.getByRole('option', { name: root }).dblclick();
    await output.getByRole('option', { name: 'Exports' }).dblclick();
    await expect
      .poll(() => output.getByRole('listbox').getAttribute('aria-label'))
      .toBe(`Contents of ${join(root, 'Exports')}`);
    await output.getByRole('button', { name: 'Use this folder' }).click();
    await output.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByLabel('Output folder', { exact: true }).inputValue()).toBe(join(root, 'Exports'));

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const summary = await waitForSummary(page);
    expect(summary).toMatch(/3 images done/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'serve-finished.png') });
    // The preview comes over the socket too, checked against the root like every path.
    await page.getByTestId('file-row').filter({ hasText: 'holiday-01.jpg' }).click();
    await expect
      .poll(() => page.getByAltText('After', { exact: true }).getAttribute('src'), { timeout: 30_000 })
      .toMatch(/^data:image\//);

    const written = (await readdir(join(root, 'Exports'))).filter((f) => !f.startsWith('.')).sort();
    expect(written).toEqual(['holiday-01.jpg', 'holiday-02.jpg', 'holiday-03.jpg']);
    for (const file of written) {
      const { data, info } = await sharp(join(root, 'Exports', file))
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height], file).toEqual([640, 480]);
      // Photo-like pixels, not a blank frame.
      expect(new Set(data.subarray(0, 3000)).size, file).toBeGreaterThan(10);
    }
    expect(pageErrors).toEqual([]);
  });

  it('stops cleanly on Ctrl-C in the middle of a batch: batch cancelled, workers closed, exit code 0', async () => {
    await page.goto('about:blank');
    // A batch of 40 started over the socket, as the page would; Ctrl-C once the first is written.
    const token = new URL(server.url).searchParams.get('token')!;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/socket`, {
      headers: { origin: server.origin, cookie: `pixmill-${server.port}=${token}` },
    });
    await new Promise((r) => ws.once('open', r));
    const firstDone = new Promise<void>((done) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; event?: string; payload?: { event?: { type: string } } };
        if (m.type === 'event' && m.event === 'batch:event' && m.payload?.event?.type === 'file-done') done();
      }),
    );
    const out = join(root, 'Stopped');
    const spec = { steps: [{ op: 'resize', params: { width: 1200 } }] };
    const batch = { inputs: [join(root, 'Archive')], outDir: out, spec, mode: 'processes', workers: 2 };
    ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'batch:start', payload: batch }));
    await firstDone;
    const workers = childPids(server.child.pid!);
    expect(workers.length).toBeGreaterThan(0);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    // Every worker it started is gone, not left behind as an orphan.
    await expect.poll(() => workers.filter(isAlive)).toEqual([]);
    // Cancelled, not finished; what was written is whole, and no temp file is left.
    const left = await readdir(out);
    const images = left.filter((f) => f.endsWith('.jpg'));
    expect(images.length).toBeGreaterThan(0);
    expect(images.length).toBeLessThan(40);
    expect(left.filter((f) => f.startsWith('.') && !/^\.pixmill-(journal|record)\.jsonl$/.test(f))).toEqual([]);
    for (const file of images) expect((await sharp(join(out, file)).metadata()).width, file).toBe(1200);
    expect(server.stderr()).toMatch(/Stopping[\s\S]*Stopped\./);
    await expect(status(server.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
