// The real app in real Electron: the window opens on the built renderer and the preload's bridge
// is there. Runs only where the Electron binary exists; the Chromium suite covers the UI itself.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, methodName } from '../../common/ipc.js';
import { findElectronBinary } from './electron-binary.js';

const repo = resolve(import.meta.dirname, '../..');
const mainEntry = join(repo, 'out/main/index.js');
const binary = findElectronBinary();
const skipReason =
  'missing' in binary
    ? binary.missing
    : existsSync(mainEntry)
      ? undefined
      : `${mainEntry} is not built (run npx electron-vite build)`;
if (skipReason) console.warn(`Electron smoke test skipped: ${skipReason}.`);

describe.skipIf(skipReason !== undefined)('Pixmill in Electron', () => {
  let app: ElectronApplication | undefined;
  afterAll(async () => app?.close());

  it('opens its window on the app and exposes the bridge, one function per channel', async () => {
    const executablePath = 'path' in binary ? binary.path : '';
    // Chromium refuses to start its sandbox as root (CI containers), so only there go without it.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({ executablePath, args: [...rootOnly, mainEntry], cwd: repo });
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(await window.title()).toBe('Pixmill');
    expect(window.url()).toMatch(/^app:\/\/pixmill\//);
    await window.getByTestId('drop-zone').waitFor();
    const kinds = await window.evaluate(() => {
      const api = (globalThis as unknown as { pixmill: Record<string, unknown> }).pixmill;
      return Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v]));
    });
    const expected = Object.fromEntries(
      [...CHANNELS.map((c) => methodName(c)), 'on', 'pathForFile'].map((name) => [name, 'function']),
    );
    expect(kinds).toEqual(expected);
    const info = await window.evaluate(() =>
      (globalThis as unknown as { pixmill: { appInfo(): Promise<unknown> } }).pixmill.appInfo(),
    );
    expect(info).toMatchObject({ ok: true, value: { platform: process.platform } });
  });
});
