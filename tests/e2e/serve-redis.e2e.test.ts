// A batch started in the browser and done by another machine: `pixmill serve --redis URL` plans
// it, a `pixmill worker` process (standing in for a second machine) does the work, and the page
// says which machine did what. Real redis-server, real Chromium, no test bridge.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXMILL_BIN } from '../cli-runner.js';
import { tempDir } from '../fixtures.js';
import { type RedisServer, redisMissing, startRedis } from '../redis-server.js';
import { waitForSummary } from './app-actions.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { photoFolder } from './photo-folders.js';
import { type Server, startServe } from './serve-process.js';

describe.skipIf(chromiumMissing || redisMissing)(
  'pixmill serve --redis: a batch from the browser, done elsewhere',
  () => {
    let root: string;
    let redis: RedisServer;
    let worker: ChildProcess;
    let server: Server;
    let browser: Browser;

    beforeAll(async () => {
      root = await realpath(await tempDir('pixmill-e2e-serve-redis-'));
      redis = await startRedis();
      await Promise.all([photoFolder(root, 'Shoot', 6, { width: 800, height: 600 }, 3), mkdir(join(root, 'Web'))]);
      worker = spawn(process.execPath, [PIXMILL_BIN, 'worker', '--redis', redis.url, '--workers', '2'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let said = '';
      await new Promise<void>((resolve, reject) => {
        worker.stderr!.on('data', (d: Buffer) => {
          said += d.toString();
          if (said.includes('taking jobs from queue')) resolve();
        });
        worker.once('exit', (code) => reject(new Error(`pixmill worker exited (${code}): ${said}`)));
      });
      [server, browser] = await Promise.all([startServe(root, '--redis', redis.url), launchChromium()]);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      for (const child of [server?.child, worker])
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await redis?.stop();
      if (root) await rm(root, { recursive: true, force: true });
    });

    it('runs the batch on the worker and names it in the run bar', async () => {
      // Said on stderr after the address the test waited for on stdout: awaited, not read at once.
      await expect
        .poll(() => server.stderr())
        .toMatch(/shared over redis:\/\/127\.0\.0\.1:\d+: the machines running pixmill worker/);
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Add folders…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add folders' });
      await dialog.getByRole('option', { name: root }).dblclick();
      await dialog.getByRole('option', { name: 'Shoot' }).click();
      await dialog.getByRole('button', { name: 'Add the selected folder' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByLabel('Output folder', { exact: true }).fill(join(root, 'Web'));
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      expect(await waitForSummary(page)).toMatch(/6 images done/);
      // The worker process did the work: the run bar names it (host:pid), with all six images.
      await expect
        .poll(() => page.getByTestId('run-tuning').textContent())
        .toMatch(new RegExp(`Shared over redis://127\\.0\\.0\\.1:${redis.port}: \\S+:${worker.pid} 6 images`));
      const written = (await readdir(join(root, 'Web'))).filter((f) => !f.startsWith('.')).sort();
      expect(written).toHaveLength(6);
      for (const file of written) {
        const meta = await sharp(join(root, 'Web', file)).metadata();
        expect([meta.width, meta.height], file).toEqual([800, 600]);
      }
    }, 120_000);
  },
);
