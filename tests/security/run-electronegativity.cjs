// Runs Electronegativity over the app's own sources (main, preload, renderer page and the
// package manifest it reads the Electron version from) and prints its findings as JSON.
// Usage: node --require ./offline-require.cjs run-electronegativity.cjs <project root>
const { cpSync, mkdtempSync } = require('node:fs');
const { rm } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const run = require('@doyensec/electronegativity');

async function main() {
  const root = process.argv[2];
  const work = mkdtempSync(join(tmpdir(), 'pixmill-eneg-'));
  const staged = join(work, 'app');
  const notTests = (src) => !/\.test\.tsx?$/.test(src);
  cpSync(join(root, 'electron'), join(staged, 'electron'), { recursive: true, filter: notTests });
  cpSync(join(root, 'renderer/src'), join(staged, 'renderer/src'), { recursive: true, filter: notTests });
  cpSync(join(root, 'renderer/index.html'), join(staged, 'renderer/index.html'));
  cpSync(join(root, 'package.json'), join(staged, 'package.json'));
  try {
    const result = await run({
      input: staged,
      output: join(work, 'findings.csv'),
      isSarif: false,
      customScan: [],
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      parserPlugins: [],
    });
    const findings = result.issues.map((f) => ({
      id: f.id,
      severity: f.severity?.name,
      confidence: f.confidence?.name,
      file: f.file,
      line: f.location?.line,
      sample: f.sample,
      description: f.description,
    }));
    process.stdout.write(JSON.stringify({ findings, errors: result.errors }));
  } finally {
    // Electronegativity's findings.csv stream may still be writing when run() resolves, so the
    // first removal can meet a file that appears under it (ENOTEMPTY): the scratch folder is
    // removed once that write has ended, and a leftover is never the scan's failure.
    await rm(work, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch(() => undefined);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
