// Finds the Electron binary without require('electron'): that module, when its binary is
// missing, starts downloading it (and on a machine without network, fails after trying).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron npm package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  // The same rules as node_modules/electron/index.js, minus its download.
  const path = override
    ? join(override, relative || 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : undefined;
  if (!path)
    return { missing: `the electron npm package is installed but its binary was never downloaded (no ${pathFile})` };
  if (!existsSync(path)) return { missing: `the Electron binary ${path} does not exist` };
  return { path };
}
