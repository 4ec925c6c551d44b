// The secret in the address `pixmill serve` prints: whoever lacks it gets nothing, not the page,
// not the socket. After the first visit it lives in an HttpOnly cookie, so the page's scripts
// never see it and the address bar no longer shows it.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const makeToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time: how much of a wrong token matched must not show in the answer's timing. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  // The length is no secret (every token is 43 characters); comparing equal lengths only is.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host: the port in the name keeps two servers apart. */
export const cookieName = (port: number): string => `pixmill-${port}`;

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export const tokenCookie = (port: number, token: string): string =>
  `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;

/** The token a request carries: `?token=` in its address, else the cookie. */
export function requestToken(url: URL, cookieHeader: string | undefined, port: number): string | null {
  return url.searchParams.get('token') ?? cookieValue(cookieHeader, cookieName(port));
}
