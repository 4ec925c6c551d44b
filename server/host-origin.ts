// Which requests are addressed to this server at all. The Host header stops DNS rebinding (a
// site whose name suddenly points at 127.0.0.1 sends its own name as Host); the Origin header
// stops another site's page from opening the socket with the person's cookie.
import { isIP } from 'node:net';

export interface Binding {
  /** The address listened on, as given (127.0.0.1, ::1, 0.0.0.0). */
  host: string;
  port: number;
  /** Listening beyond loopback: reached by an address this server cannot know in advance. */
  remote: boolean;
}

/** `[::1]:8080` → `::1`, `localhost:8080` → `localhost`; null if the port is not ours. */
function hostnameFor(header: string, port: number): string | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(header);
  if (!match || Number(match[2]) !== port) return null;
  return match[1]!.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * On loopback: only the bound address and localhost. Listening remotely, any IP literal and this
 * machine's own name: a name an attacker controls could rebind, an address cannot.
 */
export function hostAllowed(header: string | undefined, binding: Binding, machineName = ''): boolean {
  if (!header) return false;
  const name = hostnameFor(header, binding.port);
  if (name === null) return false;
  if (name === 'localhost' || name === binding.host.toLowerCase()) return true;
  if (!binding.remote) return false;
  return isIP(name) !== 0 || (machineName !== '' && name === machineName.toLowerCase());
}

/** The origin a page served under `host` has: the socket's Origin must be exactly this. */
const originOf = (hostHeader: string): string => `http://${hostHeader.toLowerCase()}`;

export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin || !hostHeader) return false;
  return origin.toLowerCase() === originOf(hostHeader);
}

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
