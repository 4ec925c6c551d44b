import { describe, expect, it } from 'vitest';
import { type Binding, hostAllowed, isLoopback, originAllowed } from './host-origin.js';

const local: Binding = { host: '127.0.0.1', port: 4870, remote: false };
const remote: Binding = { host: '0.0.0.0', port: 4870, remote: true };

describe('the Host header', () => {
  it('on loopback, names the bound address or localhost, at this port', () => {
    expect(hostAllowed('127.0.0.1:4870', local)).toBe(true);
    expect(hostAllowed('localhost:4870', local)).toBe(true);
    expect(hostAllowed('LOCALHOST:4870', local)).toBe(true);
  });

  it('refuses another name (DNS rebinding), another port, no port, junk and none', () => {
    for (const host of [
      'evil.example:4870',
      '127.0.0.1.evil.example:4870',
      'localhost.evil.example:4870',
      '127.0.0.1:4871',
      '127.0.0.1',
      'localhost',
      '127.0.0.1:4870:4870',
      '127.0.0.1:04870x',
      '192.168.1.5:4870',
      '',
      ' 127.0.0.1:4870',
    ])
      expect(hostAllowed(host, local), host).toBe(false);
    expect(hostAllowed(undefined, local)).toBe(false);
  });

  it('on ::1, takes the bracketed form', () => {
    const v6: Binding = { host: '::1', port: 4870, remote: false };
    expect(hostAllowed('[::1]:4870', v6)).toBe(true);
    expect(hostAllowed('[::2]:4870', v6)).toBe(false);
  });

  it('listening remotely, takes IP addresses and the machine’s name, still no other name', () => {
    expect(hostAllowed('192.168.1.5:4870', remote, 'studio')).toBe(true);
    expect(hostAllowed('[fe80::1]:4870', remote, 'studio')).toBe(true);
    expect(hostAllowed('studio:4870', remote, 'studio')).toBe(true);
    expect(hostAllowed('evil.example:4870', remote, 'studio')).toBe(false);
    expect(hostAllowed('192.168.1.5:80', remote, 'studio')).toBe(false);
  });
});

describe('the Origin header', () => {
  it('must be the very origin the page was served from', () => {
    expect(originAllowed('http://127.0.0.1:4870', '127.0.0.1:4870')).toBe(true);
    expect(originAllowed('http://localhost:4870', 'localhost:4870')).toBe(true);
  });

  it('refuses other sites, other ports, https, null, a missing origin and a missing host', () => {
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:4871',
      'https://127.0.0.1:4870',
      'http://localhost:4870',
      'null',
      'http://127.0.0.1:4870.evil.example',
      '',
    ])
      expect(originAllowed(origin, '127.0.0.1:4870'), origin).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:4870')).toBe(false);
    expect(originAllowed('http://127.0.0.1:4870', undefined)).toBe(false);
  });
});

describe('loopback addresses', () => {
  it('are 127.x, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '127.0.0.1.example', 'example.com'])
      expect(isLoopback(host), host).toBe(false);
  });
});
