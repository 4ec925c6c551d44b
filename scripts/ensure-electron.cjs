#!/usr/bin/env node
// `npm start` runs this before opening the window. Electron 45 no longer downloads its binary when
// it is installed: it does so on first use, and electron-vite only reads the path the download
// leaves behind (node_modules/electron/path.txt), failing with "Electron uninstall" when it is
// missing. So the binary is fetched here, once, with Electron's own installer; where it cannot be
// had, one line says what is missing and how to get it, instead of a stack trace.
// CommonJS so it runs before anything is built.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

function installedBinary(dir) {
  // electron-vite starts this executable instead of the downloaded one when it is set.
  const chosen = process.env.ELECTRON_EXEC_PATH;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

function fail(what) {
  process.stderr.write(
    `pixmill: ${what}. On a machine with internet access, run \`npx install-electron\` in this folder ` +
      '(or set ELECTRON_EXEC_PATH to an Electron 45 executable), then `npm start` again. ' +
      'The command line (`npx pixmill`) and `npm test` work without it.\n',
  );
  process.exit(1);
}

const dir = electronDir();
if (!dir) fail('the electron package is not installed (run `npm install` first)');
if (installedBinary(dir)) process.exit(0);

const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
process.stderr.write(`pixmill: downloading the Electron ${version} binary (once)…\n`);
const install = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', stdio: 'pipe' });
if (install.status === 0 && installedBinary(dir)) process.exit(0);

// The installer prints a stack; its first line is the reason a person can act on.
const reason = `${install.stderr || install.stdout || install.error || ''}`.trim().split('\n')[0] || 'no reason given';
fail(`the Electron ${version} binary is missing and could not be downloaded (${reason})`);
