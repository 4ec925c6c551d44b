// The window's plan: every row of the engine's plan reaches the window in a few batched events,
// the totals are the engine's own, a newer plan stops the older, and refusals name the field.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../common/ipc.js';
import { makePipeline } from '../../common/pipeline.js';
import { tempDir } from '../../tests/fixtures.js';
import { type PlanRow, planBatch } from '../../workers/batch/dry-run.js';
import { PlanRunner } from './plans.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
let dir: string;
let input: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-plans-');
  input = join(dir, 'in');
  await mkdir(join(input, 'sub'), { recursive: true });
  await Promise.all(Array.from({ length: 1500 }, (_, i) => writeFile(join(input, 'sub', `${i}.jpg`), JPEG)));
  await writeFile(join(input, 'notes.txt'), 'not a picture');
  // A name the first output would take, held by a file Pixmill did not make.
  await mkdir(join(dir, 'out', 'sub'), { recursive: true });
  await writeFile(join(dir, 'out', 'sub', '7.jpg'), 'someone else');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function recorder() {
  const rows: EventMap['plan:rows'][] = [];
  const emit = <E extends EventName>(event: E, payload: EventMap[E]) => {
    if (event === 'plan:rows') rows.push(payload as EventMap['plan:rows']);
  };
  return { rows, emit };
}

describe('PlanRunner', () => {
  const request = (id: string) => ({ id, inputs: [input], outDir: join(dir, 'out'), spec: makePipeline() });

  it("streams the engine's rows in a few events and answers with its totals", async () => {
    const { rows, emit } = recorder();
    const interval = 20;
    const runner = new PlanRunner({ emit }, interval);
    const began = performance.now();
    const result = await runner.start(request('p1'));
    const elapsed = performance.now() - began;
    const expected: PlanRow[] = [];
    const plan = await planBatch(request('p1'), (row) => expected.push(row));
    expect(result).toEqual({ ok: true, value: { id: 'p1', ...plan } });
    const streamed = rows.flatMap((e) => e.rows);
    expect(streamed).toEqual(expected);
    expect(rows.every((e) => e.id === 'p1')).toBe(true);
    expect(rows.at(-1)?.count).toBe(1501);
    // Batched by time: at most one event per interval, and the last one at the end.
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(elapsed / interval) + 1);
    expect(rows.length).toBeLessThan(streamed.length);
    expect(plan.statuses).toMatchObject({ new: 1499, conflict: 1, ignored: 1 });
  });

  it('stops an older plan when a newer one starts', async () => {
    const { rows, emit } = recorder();
    const runner = new PlanRunner({ emit }, 5);
    const first = runner.start(request('p1'));
    const second = await runner.start(request('p2'));
    expect(await first).toMatchObject({ ok: false, code: 'CANCELLED' });
    expect(second).toMatchObject({ ok: true, value: { id: 'p2' } });
    expect(rows.filter((e) => e.id === 'p2').flatMap((e) => e.rows)).toHaveLength(1501);
  });

  it('is stopped by cancel with its id, and refuses an output folder inside an input, naming it', async () => {
    const { emit } = recorder();
    const runner = new PlanRunner({ emit });
    const running = runner.start(request('p3'));
    expect(runner.cancel('p3')).toEqual({ ok: true, value: null });
    expect(await running).toMatchObject({ ok: false, code: 'CANCELLED' });
    expect(await runner.start({ ...request('p4'), outDir: dir })).toMatchObject({
      ok: false,
      code: 'INVALID_SETTINGS',
      field: 'outDir',
    });
  });
});
