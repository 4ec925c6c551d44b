// `pixmill serve`'s HTTP and WebSocket API fed what a hostile page or a confused client could
// send, as electron/main/ipc-fuzz.test.ts feeds IPC: requests without the token, with the wrong
// Host or Origin, traversal in the URL; socket messages that are not JSON, not objects, of unknown
// types and channels, every channel's valid payload broken one field at a time, every path swapped
// for one outside the roots, and a message too large. A real server (from source, in this
// process): it never crashes, answers every message, and never touches a path outside its roots.

import { mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CHANNELS, type Channel, type Result, requestSchemas } from '../common/ipc.js';
import { makePipeline } from '../common/pipeline.js';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../common/serve-messages.js';
import { type ServeApp, startServeApp } from '../server/http-app.js';
import { Roots } from '../server/roots.js';
import { tempDir } from './fixtures.js';

let base: string;
let root: string;
let outside: string;
let app: ServeApp;
let origin: string;

const PAGE = `<!doctype html><html><head><meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'" />
  </head><body>page</body></html>`;

beforeAll(async () => {
  base = await realpath(await tempDir('pixmill-serve-fuzz-'));
  root = join(base, 'root');
  outside = join(base, 'outside');
  await mkdir(join(root, 'in'), { recursive: true });
  await mkdir(outside);
  await mkdir(join(base, 'renderer'));
  await writeFile(join(base, 'renderer', 'index.html'), PAGE);
  await writeFile(join(base, 'secret.txt'), 'secret');
  await writeFile(join(outside, 'photo.jpg'), 'not really');
  await symlink(outside, join(root, 'link-out'));
  app = await startServeApp({
    host: '127.0.0.1',
    port: 0,
    remote: false,
    roots: await Roots.create([root]),
    rendererDir: join(base, 'renderer'),
    version: '0.0.0-fuzz',
  });
  origin = `http://127.0.0.1:${app.port}`;
});

afterAll(async () => {
  await app?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function http(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port: app.port, path, method, headers: { host: `127.0.0.1:${app.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const cookie = (): Record<string, string> => ({ cookie: `pixmill-${app.port}=${app.token}` });

/** A socket as the page opens it (or as told otherwise); resolves once open, or with the refusal's status. */
function connect(headers: Record<string, string> = { origin, ...cookie() }): Promise<WebSocket | number> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${app.port}/socket`, { headers, maxPayload: MAX_MESSAGE_BYTES * 2 });
    ws.on('open', () => done(ws));
    ws.on('unexpected-response', (_req, res) => {
      done(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => done(-1));
  });
}

/** Sends raw text and waits for the message answering it (by id, or the first for messages with none). */
function exchange(ws: WebSocket, text: string, id?: number): Promise<ServerMessage> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'event' || message.type === 'pick') return;
      if (id !== undefined && 'id' in message && message.id !== id) return;
      ws.off('message', onMessage);
      done(message);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

let nextId = 1;
async function call(ws: WebSocket, channel: string, payload: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  const answer = await exchange(ws, JSON.stringify({ type: 'call', id, channel, payload }), id);
  if (answer.type !== 'result') throw new Error(`Expected a result, got ${JSON.stringify(answer).slice(0, 200)}`);
  return answer.result;
}

/** Seeded, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: unknown[] = [
  42,
  -1,
  null,
  true,
  'x',
  'x'.repeat(100_000),
  [],
  ['x'],
  {},
  { nested: { deep: [1, 2, 3] } },
  'photos/../../etc',
  '/home/a/../../etc/passwd',
  '/tmp/a\0b',
  '__proto__',
  { __proto__: { polluted: true } },
  1e308,
  Number.NaN,
];

describe('serve over HTTP', () => {
  it('refuses every request without the token, with a wrong one, or from another Host', async () => {
    for (const path of ['/', '/index.html', '/assets/index.js', '/socket', '/../secret.txt', '/favicon.ico']) {
      expect((await http(path)).status, path).toBe(401);
      expect((await http(path, { cookie: `pixmill-${app.port}=wrong` })).status, path).toBe(401);
      expect((await http(`${path}?token=${app.token.slice(1)}`)).status, path).toBe(401);
      expect((await http(path, { ...cookie(), host: `evil.example:${app.port}` })).status, path).toBe(403);
      expect((await http(path, { ...cookie(), host: 'localhost:1' })).status, path).toBe(403);
    }
    const refused = await http('/');
    expect(refused.body).toMatch(/needs the token/);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('moves the token into an HttpOnly cookie and serves the page with its CSP and nosniff', async () => {
    const first = await http(`/?token=${app.token}`);
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await http('/', cookie());
    expect(page.status).toBe(200);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain(`connect-src ws://127.0.0.1:${app.port}/socket`);
    expect(page.body).toContain(`connect-src ws://127.0.0.1:${app.port}/socket`);
    expect(page.body).not.toContain("connect-src 'none'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never serves a file outside the built window, however the path is written', async () => {
    const rnd = random(7);
    const tricks = ['..', '%2e%2e', '%2E%2E', '..%2f', '%2e%2e%2f', '.%2e', '..\\', '%5c..', '%00', '//', '/./'];
    const paths = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/a/../../secret.txt',
    ];
    for (let i = 0; i < 200; i++) {
      const parts = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => tricks[Math.floor(rnd() * tricks.length)]);
      paths.push(`/${parts.join('/')}/secret.txt`);
    }
    for (const path of paths) {
      const answer = await http(path, cookie());
      expect(answer.body, path).not.toContain('secret');
      expect([400, 404], path).toContain(answer.status);
    }
  });

  it('answers other methods and requests from another site with a refusal', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])
      expect((await http('/', cookie(), method)).status, method).toBe(405);
    expect((await http('/', { ...cookie(), origin: 'http://evil.example' })).status).toBe(403);
    const preflight = await http('/', { ...cookie(), origin: 'http://evil.example' }, 'OPTIONS');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('serve over the WebSocket', () => {
  it('refuses the upgrade without the token, from another Origin or Host, or from no Origin', async () => {
    expect(await connect({ origin })).toBe(401);
    expect(await connect({ origin, cookie: `pixmill-${app.port}=nope` })).toBe(401);
    expect(await connect({ origin: 'http://evil.example', ...cookie() })).toBe(403);
    expect(await connect({ origin: `http://localhost:${app.port}`, ...cookie() })).toBe(403);
    expect(await connect({ ...cookie() })).toBe(403);
    expect(
      await connect({ origin: `http://evil.example:${app.port}`, host: `evil.example:${app.port}`, ...cookie() }),
    ).toBe(403);
  });

  it('answers malformed messages with an error and keeps serving', async () => {
    const ws = (await connect()) as WebSocket;
    for (const text of [
      '',
      'not json',
      '{',
      '[]',
      '42',
      'null',
      '"call"',
      '{"type":"call"}',
      '{"id":-1,"type":"call"}',
    ]) {
      const answer = await exchange(ws, text);
      expect(answer.type, text).toBe('error');
    }
    const rnd = random(11);
    for (let i = 0; i < 150; i++) {
      const id = nextId++;
      const type = ['call', 'browse', 'pick-answer', 'nonsense', 42][Math.floor(rnd() * 5)];
      const channel =
        rnd() < 0.5 ? CHANNELS[Math.floor(rnd() * CHANNELS.length)] : HOSTILE[Math.floor(rnd() * HOSTILE.length)];
      const payload = HOSTILE[Math.floor(rnd() * HOSTILE.length)];
      const answer = await exchange(
        ws,
        JSON.stringify({ type, id, channel, payload, path: payload, paths: payload }),
        id,
      );
      expect('id' in answer && answer.id).toBe(id);
      // Only a few channels take no payload at all and may answer; none of them touches a path.
      if (answer.type === 'result' && answer.result.ok)
        expect(['app:info', 'settings:get', 'presets:list', 'bench:cancel']).toContain(channel);
      // Browsing with no path lists the roots, and nothing else.
      if (answer.type === 'browse-result' && answer.result.ok) expect(answer.result.value.path).toBeNull();
      if (answer.type === 'pick-result') expect(answer.result.ok).toBe(false);
    }
    const binary = await new Promise<ServerMessage>((done) => {
      ws.once('message', (d) => done(JSON.parse(d.toString()) as ServerMessage));
      ws.send(Buffer.from([1, 2, 3]));
    });
    expect(binary.type).toBe('error');
    expect((await call(ws, 'app:info', undefined)).ok).toBe(true);
    ws.close();
  });

  it('refuses each channel’s payload broken one field at a time, as IPC does', async () => {
    const ws = (await connect()) as WebSocket;
    const spec = makePipeline();
    const valid: Partial<Record<Channel, Record<string, unknown>>> = {
      'queue:count': { path: join(root, 'in') },
      'thumbnail:get': { path: join(root, 'in', 'a.jpg'), size: 96 },
      'batch:start': { inputs: [join(root, 'in')], outDir: join(root, 'out'), spec, mode: 'processes', workers: 1 },
      'preview:render': { input: join(root, 'in', 'a.jpg'), spec, size: 640 },
      'settings:set': { outDir: join(root, 'out'), mode: 'threads', workers: 2 },
      'presets:delete': { name: 'x' },
    };
    for (const [channel, payload] of Object.entries(valid) as [Channel, Record<string, unknown>][])
      for (const field of Object.keys(payload))
        for (const value of HOSTILE) {
          // As the socket carries it: JSON drops undefined and prototypes, NaN becomes null.
          const broken = JSON.parse(JSON.stringify({ ...payload, [field]: value })) as unknown;
          if (requestSchemas[channel].safeParse(broken).success) continue;
          const r = await call(ws, channel, broken);
          expect(r.ok, `${channel} ${field}`).toBe(false);
          if (!r.ok) expect(r.code).toBe('INVALID_REQUEST');
        }
    ws.close();
  });

  it('refuses every path outside the roots, on every channel that takes one, in plain words', async () => {
    const ws = (await connect()) as WebSocket;
    const outsidePaths = [
      outside,
      join(outside, 'photo.jpg'),
      join(root, 'link-out'),
      join(root, 'link-out', 'photo.jpg'),
      `${root}X`,
      '/etc',
      join(outside, 'new-out'),
    ];
    const inside = join(root, 'in');
    const watermark = (path: string) =>
      makePipeline({ steps: [{ op: 'watermark', params: { path } }] } as Parameters<typeof makePipeline>[0]);
    for (const bad of outsidePaths) {
      const calls: [Channel, unknown][] = [
        ['queue:count', { path: bad }],
        ['queue:list', { path: bad }],
        ['queue:forget', { path: bad }],
        ['thumbnail:get', { path: bad }],
        ['shell:openPath', { path: bad }],
        ['shell:showItem', { path: bad }],
        ['batch:start', { inputs: [bad], outDir: join(root, 'out'), spec: makePipeline(), mode: 'inline', workers: 1 }],
        ['batch:start', { inputs: [inside], outDir: bad, spec: makePipeline(), mode: 'inline', workers: 1 }],
        [
          'batch:start',
          { inputs: [inside], outDir: join(root, 'out'), spec: watermark(bad), mode: 'inline', workers: 1 },
        ],
        ['watch:start', { inputs: [inside], outDir: bad, spec: makePipeline(), mode: 'inline', workers: 1 }],
        ['plan:start', { id: 'p1', inputs: [bad], outDir: join(root, 'out'), spec: makePipeline() }],
        ['preview:render', { input: bad, spec: makePipeline() }],
        ['preview:render', { input: join(inside, 'a.jpg'), spec: watermark(bad) }],
        ['settings:set', { outDir: bad }],
        ['presets:save', { name: 'w', spec: watermark(bad) }],
        ['bench:run', { inputs: [bad] }],
      ];
      // Every channel whose request can name a path is tried: a new one must be added here (and to server/request-paths.ts).
      const tried = new Set(calls.map(([channel]) => channel));
      for (const channel of CHANNELS) {
        const shape = (requestSchemas[channel] as { shape?: Record<string, unknown> }).shape ?? {};
        if (Object.keys(shape).some((key) => ['path', 'inputs', 'outDir', 'input', 'spec'].includes(key)))
          expect(tried, channel).toContain(channel);
      }
      for (const [channel, payload] of calls) {
        const r = await call(ws, channel, payload);
        expect(r.ok, `${channel} ${bad}`).toBe(false);
        if (!r.ok) expect(r.message, `${channel} ${bad}`).toMatch(/is outside the folders this Pixmill server may use/);
      }
    }
    ws.close();
  });

  it('answers the dialogs through the page, refusing a choice outside the roots', async () => {
    const ws = (await connect()) as WebSocket;
    const pick = new Promise<number>((done) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as ServerMessage;
        if (m.type === 'pick' && m.kind === 'folders') done(m.id);
      }),
    );
    const id = nextId++;
    const result = exchange(ws, JSON.stringify({ type: 'call', id, channel: 'dialog:addFolders' }), id);
    const pickId = await pick;
    for (const paths of [
      [outside],
      [join(root, 'link-out')],
      ['/'],
      [`${root}/../outside`],
      'x',
      [42],
      [join(root, 'in', 'missing')],
    ]) {
      const answer = await exchange(ws, JSON.stringify({ type: 'pick-answer', id: 6000, pick: pickId, paths }), 6000);
      expect(answer.type === 'pick-result' && answer.result.ok, JSON.stringify(paths)).toBe(false);
    }
    const taken = await exchange(
      ws,
      JSON.stringify({ type: 'pick-answer', id: 6001, pick: pickId, paths: [join(root, 'in')] }),
      6001,
    );
    expect(taken.type === 'pick-result' && taken.result.ok).toBe(true);
    const answered = await result;
    expect(answered.type === 'result' && answered.result).toEqual({ ok: true, value: [join(root, 'in')] });
    // Browsing: inside listed, outside refused, the link out of the root not listed.
    const listing = await exchange(ws, JSON.stringify({ type: 'browse', id: 5000, path: root }), 5000);
    expect(
      listing.type === 'browse-result' && listing.result.ok && listing.result.value.entries.map((e) => e.name),
    ).toEqual(['in']);
    for (const path of [outside, join(root, 'link-out'), base, '/', 'relative', `${root}/..`]) {
      const refused = await exchange(ws, JSON.stringify({ type: 'browse', id: 5001, path }), 5001);
      expect(refused.type === 'browse-result' && refused.result.ok, path).toBe(false);
    }
    ws.close();
  });

  it('saves the error list where the folder browser says, inside the roots only, never over a file', async () => {
    const ws = (await connect()) as WebSocket;
    const picks: number[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as ServerMessage;
      if (m.type === 'pick' && m.kind === 'csv') picks.push(m.id);
    });
    const id = nextId++;
    const result = exchange(
      ws,
      JSON.stringify({ type: 'call', id, channel: 'errors:saveCsv', payload: { csv: 'a,b\n' } }),
      id,
    );
    await expect.poll(() => picks.length).toBe(1);
    const pick = picks[0]!;
    const answer = async (paths: string[], answerId: number) =>
      exchange(ws, JSON.stringify({ type: 'pick-answer', id: answerId, pick, paths }), answerId);
    for (const [i, path] of [
      join(outside, 'errors.csv'),
      join(root, 'link-out', 'errors.csv'),
      join(root, 'in'),
    ].entries()) {
      const refused = await answer([path], 7000 + i);
      expect(refused.type === 'pick-result' && refused.result.ok, path).toBe(false);
    }
    const taken = await answer([join(root, 'errors.csv')], 7100);
    expect(taken.type === 'pick-result' && taken.result.ok).toBe(true);
    const saved = await result;
    expect(saved.type === 'result' && saved.result).toEqual({ ok: true, value: join(root, 'errors.csv') });
    expect(await readFile(join(root, 'errors.csv'), 'utf8')).toBe('a,b\n');
    await rm(join(root, 'errors.csv'));
    ws.close();
  });

  it('closes a socket whose message is too large, and keeps serving others', async () => {
    const ws = (await connect()) as WebSocket;
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
    const next = (await connect()) as WebSocket;
    expect((await call(next, 'app:info', undefined)).ok).toBe(true);
    next.close();
  });

  it('touched nothing outside its roots', async () => {
    expect(await readdir(outside)).toEqual(['photo.jpg']);
    expect((await readdir(base)).sort()).toEqual(['outside', 'renderer', 'root', 'secret.txt']);
  });
});
