// The page's Content-Security-Policy, declared once: the app:// protocol sends it as a header and
// the build writes it into index.html's <meta> (electron.vite.config.ts), so the two cannot drift.

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** The page may load only its own scripts and styles; images come from data: and blob: URLs. */
export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Browsers ignore these in a <meta> policy (and log a warning for each); only a header carries them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** For the HTTP header. */
export const CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES);

/** The same policy for index.html's <meta>: everything a meta element can carry. */
export function metaPolicy(directives: CspDirectives = CSP_DIRECTIVES): string {
  return serializeCsp(Object.fromEntries(Object.entries(directives).filter(([name]) => !HEADER_ONLY.has(name))));
}
