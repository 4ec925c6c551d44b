// `pixmill filters`, run as a person or a script would: the built CLI as a child process.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_OPS, FILTERS } from '../common/filters.js';
import { parsePipeline } from '../common/pipeline.js';

const BIN = resolve(import.meta.dirname, '../bin/pixmill.cjs');
const pixmill = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('pixmill filters', () => {
  it('lists every filter of the registry with each parameter, its range or choices and its default', () => {
    const r = pixmill('filters');
    expect(r.status).toBe(0);
    for (const op of FILTER_OPS) expect(r.stdout).toContain(`  ${op} — ${FILTERS[op].label}`);
    expect(r.stdout).toMatch(/sigma +.*number 0\.3–10.*default/);
    expect(r.stdout).toMatch(
      /fit +Fit: one of inside, contain, cover, fill, outside; default inside \(when by is box\)/,
    );
  });

  it('prints one filter as JSON exactly as the registry has it, and its defaults make a valid step', () => {
    const r = pixmill('filters', 'resize', '--json');
    expect(r.status).toBe(0);
    const resize = JSON.parse(r.stdout);
    expect(resize).toEqual({ op: 'resize', ...JSON.parse(JSON.stringify(FILTERS.resize)) });
    const params = Object.fromEntries(
      Object.entries(resize.params).map(([k, p]) => [k, (p as { default: unknown }).default]),
    );
    expect(parsePipeline({ steps: [{ op: 'resize', params }] }).ok).toBe(true);
  });

  it('lists all filters as JSON', () => {
    const list = JSON.parse(pixmill('filters', '--json').stdout) as { op: string }[];
    expect(list.map((f) => f.op)).toEqual(FILTER_OPS);
  });

  it('refuses an unknown filter with the list of names and exit code 2', () => {
    const r = pixmill('filters', 'sharpn');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown filter "sharpn"; the filters are resize, crop');
  });
});
