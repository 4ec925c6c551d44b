// app://pixmill/… serves the built renderer, and nothing else: a path that resolves outside the
// renderer folder is refused, so the page cannot read the user's files through its own protocol.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { debuglog } from 'node:util';
import { RENDERER_CONTENT_TYPES as TYPES } from '../../common/content-types.js';
import { CONTENT_SECURITY_POLICY } from '../../common/csp.js';

const debug = debuglog('pixmill');

export const APP_ORIGIN = 'app://pixmill';

export function resolveAppFile(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== APP_ORIGIN && !(parsed.protocol === 'app:' && parsed.host === 'pixmill')) return null;
    pathname = decodeURIComponent(parsed.pathname);
  } catch (e) {
    debug('app:// refused %s: %s', url, e);
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
  return file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep) ? file : null;
}

export async function serveAppRequest(rendererDir: string, request: { url: string }): Promise<Response> {
  const file = resolveAppFile(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
    });
  } catch (e) {
    debug('app:// %s not served: %s', file, e);
    return new Response('Not found', { status: 404 });
  }
}
