import { describe, expect, it } from 'vitest';
import { cookieName, cookieValue, makeToken, requestToken, tokenCookie, tokenMatches } from './token.js';

describe('the token', () => {
  it('is long, URL-safe and different every time', () => {
    const a = makeToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(makeToken()).not.toBe(a);
  });

  it('matches only itself: not a prefix, a longer string, another case, empty or absent', () => {
    const token = makeToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, null)).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });

  it('is read from ?token= first, else from this port’s cookie, never from another port’s', () => {
    const url = (q: string) => new URL(`http://127.0.0.1:4870/${q}`);
    expect(requestToken(url('?token=abc'), undefined, 4870)).toBe('abc');
    expect(requestToken(url(''), `other=1; ${cookieName(4870)}=xyz`, 4870)).toBe('xyz');
    expect(requestToken(url(''), `${cookieName(4871)}=xyz`, 4870)).toBeNull();
    expect(requestToken(url(''), undefined, 4870)).toBeNull();
    expect(cookieValue('a=1;b=2', 'b')).toBe('2');
    expect(cookieValue('ab=1', 'b')).toBeNull();
  });

  it('rides in a cookie scripts cannot read and other sites cannot send', () => {
    const cookie = tokenCookie(4870, 'tok');
    expect(cookie).toMatch(/^pixmill-4870=tok;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });
});
