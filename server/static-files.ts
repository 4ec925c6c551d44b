// The built renderer (out/renderer), served as the app:// protocol serves it to the desktop
// window: files of that folder only, nothing above it, and index.html with the page's CSP, here
// letting the page connect to its own socket and nowhere else.
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CONTENT_TYPES as TYPES } from '../common/content-types.js';
import { CSP_DIRECTIVES, type CspDirectives, metaPolicy, serializeCsp } from '../common/csp.js';
import { SOCKET_PATH } from '../common/serve-messages.js';

/** Built (out/main/…): out/renderer beside it. From source (tests): the repository's out/renderer. */
export function defaultRendererDir(moduleUrl: string = import.meta.url): string {
  const path = fileURLToPath(moduleUrl);
  return path.endsWith('.ts') ? resolve(dirname(path), '../out/renderer') : resolve(dirname(path), '../renderer');
}

/** The page's policy with one change: it may open the socket of the origin it came from. */
function serveCsp(hostHeader: string): CspDirectives {
  return { ...CSP_DIRECTIVES, 'connect-src': [`ws://${hostHeader.toLowerCase()}${SOCKET_PATH}`] };
}

export const cspHeader = (hostHeader: string): string => serializeCsp(serveCsp(hostHeader));

const META_CSP = /<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/;

/** index.html with its <meta> policy made the same as the header's (the build wrote connect-src 'none'). */
export function withServeCsp(html: string, hostHeader: string): string {
  if (!META_CSP.test(html)) throw new Error('index.html has no Content-Security-Policy <meta> to adapt');
  return html.replace(
    META_CSP,
    `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(serveCsp(hostHeader))}" />`,
  );
}

/** The file a URL path names inside `dir`, or null for anything outside it. */
export function resolveStaticFile(dir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = normalize(join(dir, decoded === '/' ? 'index.html' : decoded));
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : null;
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

export class StaticFiles {
  constructor(private readonly dir: string) {}

  /** Refuses to start a server with no window to serve. */
  async indexHtml(): Promise<string> {
    const html = await readFile(join(this.dir, 'index.html'), 'utf8').catch(() => null);
    if (html === null)
      throw new Error(`The window is not built (no ${join(this.dir, 'index.html')}): run npm run build.`);
    if (!META_CSP.test(html)) throw new Error('The built index.html has no Content-Security-Policy <meta>.');
    return html;
  }

  async get(pathname: string, hostHeader: string): Promise<StaticFile | null> {
    const file = resolveStaticFile(this.dir, pathname);
    if (!file) return null;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (file === join(this.dir, 'index.html'))
      return { body: Buffer.from(withServeCsp(await this.indexHtml(), hostHeader)), type };
    const body = await readFile(file).catch(() => null);
    return body ? { body, type } : null;
  }
}
