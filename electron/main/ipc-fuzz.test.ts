// Every IPC channel fed wrong types, missing and extra fields, huge strings, relative paths,
// '..' segments and NUL bytes: each refused with a message naming the field, and nothing reaches
// a dialog, the store, the shell or the engine.
import { access } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, requestSchemas } from '../../common/ipc.js';
import { makePipeline } from '../../common/pipeline.js';
import { createHandlers, type HandlerDeps } from './handlers.js';

const reached: string[] = [];
const touch = (what: string) => async () => {
  reached.push(what);
  return null as never;
};
const deps: HandlerDeps = {
  version: '0',
  dialogs: {
    addFolders: touch('dialog'),
    addFiles: touch('dialog'),
    chooseOutput: touch('dialog'),
    chooseWatermark: touch('dialog'),
    chooseCsvPath: touch('dialog'),
  },
  store: {
    getSettings: () => touch('store')() as never,
    setSettings: () => void reached.push('store'),
    listPresets: () => [],
    savePreset: () => void reached.push('store'),
    deletePreset: () => void reached.push('store'),
  },
  openPath: async () => {
    reached.push('shell');
    return '';
  },
  emit: () => void reached.push('emit'),
};
const handlers = createHandlers(deps);

const spec = makePipeline();
const OUT = '/tmp/pixmill-ipc-fuzz-never-created';
/** A valid payload per channel, which the fuzzer then breaks one field at a time. */
const VALID: Partial<Record<Channel, Record<string, unknown>>> = {
  'queue:count': { path: '/tmp' },
  'queue:list': { path: '/tmp' },
  'queue:forget': { path: '/tmp' },
  'thumbnail:get': { path: '/tmp/in.jpg', size: 96 },
  'batch:start': { inputs: ['/tmp/in'], outDir: OUT, spec, mode: 'processes', workers: 2 },
  'batch:pause': { id: 'b1' },
  'batch:resume': { id: 'b1' },
  'batch:cancel': { id: 'b1' },
  'plan:start': { id: 'p1', inputs: ['/tmp/in'], outDir: OUT, spec },
  'plan:cancel': { id: 'p1' },
  'watch:start': { inputs: ['/tmp/in'], outDir: OUT, spec, mode: 'processes', workers: 2 },
  'watch:stop': { id: 'w1' },
  'preview:render': { input: '/tmp/in.jpg', spec, size: 640 },
  'shell:openPath': { path: '/tmp' },
  'shell:showItem': { path: '/tmp/in.jpg' },
  'settings:set': { outDir: '/tmp', mode: 'threads', workers: 2 },
  'presets:save': { name: 'x', spec },
  'presets:delete': { name: 'x' },
  'errors:saveCsv': { csv: 'a,b' },
  'bench:run': { inputs: ['/tmp/in'], modes: ['processes', 'inline'], workers: [1, 2], rounds: 1 },
};
const HOSTILE_VALUES: [string, unknown][] = [
  ['a number', 42],
  ['null', null],
  ['an array', ['x']],
  ['an object', { nested: true }],
  ['a huge string', 'x'.repeat(100_000)],
  ['a relative path', 'photos/../../etc'],
  ['a .. segment', '/home/a/../../etc/passwd'],
  ['a NUL byte', '/tmp/a\0b'],
];

function cases(): [string, Channel, unknown, string][] {
  const out: [string, Channel, unknown, string][] = [];
  for (const channel of CHANNELS) {
    const valid = VALID[channel];
    if (!valid) {
      out.push([`${channel} with a payload it does not take`, channel, { surprise: 1 }, '(root)']);
      continue;
    }
    out.push([`${channel} with no payload`, channel, undefined, '(root)']);
    out.push([`${channel} with an extra field`, channel, { ...valid, extra: 'x' }, '(root)']);
    for (const field of Object.keys(valid)) {
      const { [field]: _, ...missing } = valid;
      // A field with a default may be left out; any other missing field is refused by name.
      if (
        !(
          requestSchemas[channel] as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }
        ).shape?.[field]?.safeParse(undefined).success
      ) {
        out.push([`${channel} without ${field}`, channel, missing, field]);
      }
      for (const [what, value] of HOSTILE_VALUES) {
        const payload = { ...valid, [field]: value };
        if (requestSchemas[channel].safeParse(payload).success) continue; // e.g. any text is a valid CSV
        out.push([`${channel} with ${what} as ${field}`, channel, payload, field]);
      }
    }
  }
  return out;
}

describe('IPC fuzzing', () => {
  const all = cases();
  it('breaks every field of each valid payload at least once', () => {
    for (const [channel, valid] of Object.entries(VALID))
      for (const field of Object.keys(valid))
        expect(all.filter(([, c, , f]) => c === channel && f === field).length, `${channel} ${field}`).not.toBe(0);
  });

  it.each(all)('refuses %s', async (_name, channel, payload, field) => {
    reached.length = 0;
    const r = await handlers[channel](payload);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('INVALID_REQUEST');
    expect(r.field === field || r.field?.startsWith(`${field}.`)).toBe(true);
    expect(r.message).toContain(r.field!);
    expect(reached).toEqual([]);
  });

  it('started no batch and created no output folder', async () => {
    await expect(access(OUT)).rejects.toThrow();
  });
});
