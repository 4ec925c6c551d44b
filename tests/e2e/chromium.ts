// Debian's Chromium stands in for Electron's (which cannot be downloaded here). The background
// flags matter: without them Chromium keeps calling home and floods the closed network.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env['PIXMILL_CHROMIUM'] ?? '/usr/bin/chromium';

export const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing)
  console.warn(
    `E2E tests skipped: no Chromium at ${CHROMIUM_PATH} (set PIXMILL_CHROMIUM to a Chromium binary to run them).`,
  );

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
