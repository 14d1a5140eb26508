import { networkInterfaces } from 'node:os';

/** Names of this machine that only it can use; a browser sends one of them as Host. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::']);

/** Whether a bind address (HOST) accepts connections from this machine only. */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * The Host header values the API answers to: the loopback names and the bound address, with the
 * port; for a wildcard bind (0.0.0.0, ::), the addresses of this machine's interfaces. A website
 * that rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its name, so it is refused.
 */
export function allowedHostHeaders(bindHost: string, port: number): ReadonlySet<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARD_ADDRESSES.has(bindHost)) {
    const interfaces = Object.values(networkInterfaces()).flatMap((addresses) => addresses ?? []);
    for (const { address, family } of interfaces) if (bindHost === '::' || family === 'IPv4') names.add(bracketed(address));
  } else {
    names.add(bracketed(bindHost));
  }
  // A browser leaves out the default port.
  return new Set(
    [...names].flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`])).map((name) => name.toLowerCase()),
  );
}

/** What the CLI prints when HOST is not loopback, or undefined when it is. */
export function nonLoopbackWarning(host: string): string | undefined {
  if (isLoopbackAddress(host)) return undefined;
  return [
    `WARNING: HOST=${host} is not a loopback address: anyone who can reach this machine on the network`,
    "  can open GraphiQL or the app, which sign in as the local users (/config.json gives their passwords\n  to the runtime's own pages), and read or change their memos.",
    '  Unset HOST (127.0.0.1) unless you mean to share the API.',
  ].join('\n');
}

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
