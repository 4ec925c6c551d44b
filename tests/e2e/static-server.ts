// Serves the built renderer (out/renderer) over http on 127.0.0.1 through the app's own app://
// request handler, so the page gets exactly what Electron would give it: the same files, the same
// refusals outside the root, the same Content-Security-Policy header.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, serveAppRequest } from '../../electron/main/protocol.js';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDirectory(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void serveAppRequest(root, { url: `${APP_ORIGIN}${req.url ?? '/'}` }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
