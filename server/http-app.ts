// `pixmill serve`'s server: node:http for the page, ws for its socket, on one port. Every request
// and every socket upgrade must be addressed to this server (Host), carry the token, and, for the
// socket, come from the page this server served (Origin); only then is anything read or run.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventMap, EventName } from '../common/ipc.js';
import { MAX_MESSAGE_BYTES, SOCKET_PATH } from '../common/serve-messages.js';
import { createHandlers, type HandlerDeps } from '../electron/main/handlers.js';
import { type Binding, hostAllowed, originAllowed } from './host-origin.js';
import { memoryStore } from './memory-store.js';
import { socketDialogs } from './picks.js';
import type { Roots } from './roots.js';
import { Connection } from './socket.js';
import { cspHeader, StaticFiles } from './static-files.js';
import { makeToken, requestToken, tokenCookie, tokenMatches } from './token.js';

export interface ServeOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  remote: boolean;
  roots: Roots;
  rendererDir: string;
  version: string;
  /** Replaces the plain-Node worker spawners (tests). */
  spawners?: HandlerDeps['spawners'];
  log?: HandlerDeps['log'];
  /** Share every batch started in the page over this Redis server (`serve --redis URL`). */
  redis?: string | undefined;
}

export interface ServeApp {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  /** Closes the sockets and the server, cancels batches and closes every worker. */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

const NO_TOKEN =
  'Pixmill: this address needs the token pixmill serve printed when it started. Open the full address it printed (ending in ?token=…).\n';

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

/** A refused upgrade: a plain HTTP answer on the raw socket, then closed. */
function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/** The request's path and query; `//x` stays a path here, never a host. */
function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://pixmill.invalid${target}`);
  } catch {
    return null;
  }
}

export async function startServeApp(options: ServeOptions): Promise<ServeApp> {
  const files = new StaticFiles(options.rendererDir);
  await files.indexHtml();
  const token = makeToken();
  const binding: Binding = { host: options.host, port: options.port, remote: options.remote };
  const machine = hostname();
  const connections = new Set<Connection>();

  const handlers = createHandlers({
    version: options.version,
    dialogs: socketDialogs(options.roots),
    store: memoryStore(),
    openPath: async () => 'the window runs in a browser; open the folder on the machine running pixmill serve',
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => {
      for (const connection of connections) connection.send({ type: 'event', event, payload });
    },
    ...(options.spawners ? { spawners: options.spawners } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.redis ? { redis: options.redis } : {}),
  });

  /** Host, then token: the reason a request is refused, or null. */
  const refusal = (req: IncomingMessage, url: URL): { status: 401 | 403; text: string } | null => {
    if (!hostAllowed(req.headers.host, binding, machine))
      return { status: 403, text: 'Pixmill: this server answers only to its own address.\n' };
    if (!tokenMatches(token, requestToken(url, req.headers.cookie, binding.port)))
      return { status: 401, text: NO_TOKEN };
    return null;
  };

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch((e: unknown) => {
      options.log?.('error', `serve: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent) answer(res, 500, 'Pixmill: that could not be served.\n');
      else res.destroy();
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) return answer(res, 400, 'Pixmill: that address cannot be read.\n');
    const refused = refusal(req, url);
    if (refused) return answer(res, refused.status, refused.text);
    // Requests of this page's own scripts and styles carry its origin; anything else is another site's.
    if (req.headers.origin !== undefined && !originAllowed(req.headers.origin, req.headers.host))
      return answer(res, 403, 'Pixmill: requests from other sites are refused.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return answer(res, 405, 'Pixmill: only GET is served.\n', { allow: 'GET, HEAD' });
    // The token moves into an HttpOnly cookie and out of the address bar (and the history).
    if (url.searchParams.has('token')) {
      return answer(res, 303, 'See /\n', { location: '/', 'set-cookie': tokenCookie(binding.port, token) });
    }
    if (url.pathname === SOCKET_PATH) return answer(res, 426, 'Pixmill: this address is a WebSocket.\n');
    const host = req.headers.host!;
    const file = await files.get(url.pathname, host);
    if (!file) return answer(res, 404, 'Pixmill: not found.\n');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.type,
      'content-length': String(file.body.length),
      'content-security-policy': cspHeader(host),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, 404, 'Pixmill: not found.\n');
    const refused = refusal(req, url);
    if (refused) return refuseUpgrade(socket, refused.status, refused.text);
    if (!originAllowed(req.headers.origin, req.headers.host))
      return refuseUpgrade(socket, 403, 'Pixmill: the socket is only for the page this server serves.\n');
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Pixmill: not found.\n');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, handlers, options.roots);
      connections.add(connection);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return connection.send({ type: 'error', message: 'Expected a text message.' });
        void connection.receive(data.toString());
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        connections.delete(connection);
        connection.close();
      });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port, options.host, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (e) {
    // A port in use: nothing may be left running behind the message.
    sockets.close();
    await handlers.dispose();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  binding.port = port;
  // Listening on every address, the address to open is this machine's name, not 0.0.0.0.
  const anyAddress = options.host === '0.0.0.0' || options.host === '::';
  const shownHost = anyAddress ? machine : options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      (closing ??= (async () => {
        for (const ws of sockets.clients) ws.close(1001, 'Pixmill is stopping');
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        await Promise.all([closed, handlers.dispose()]);
      })()),
  };
}
