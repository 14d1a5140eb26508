import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, isLoopbackAddress, nonLoopbackWarning } from '../../../local/http/hostAccess.js';

describe('allowedHostHeaders', () => {
  it('accepts the loopback names with the port on a loopback bind, and nothing else', () => {
    expect([...allowedHostHeaders('127.0.0.1', 4000)].sort()).toEqual(['127.0.0.1:4000', '[::1]:4000', 'localhost:4000']);
  });

  it('adds the bound address of a non-loopback bind', () => {
    expect(allowedHostHeaders('192.168.1.20', 4000)).toEqual(
      new Set(['127.0.0.1:4000', '[::1]:4000', 'localhost:4000', '192.168.1.20:4000']),
    );
    expect(allowedHostHeaders('fd00::20', 4000)).toContain('[fd00::20]:4000');
  });

  it("adds this machine's interface addresses on a wildcard bind, never any name", () => {
    const ipv4 = Object.values(networkInterfaces())
      .flatMap((addresses) => addresses ?? [])
      .filter(({ family }) => family === 'IPv4');
    const allowed = allowedHostHeaders('0.0.0.0', 4000);
    for (const { address } of ipv4) expect(allowed).toContain(`${address}:4000`);
    expect(allowed).not.toContain('0.0.0.0:4000');
    expect(allowed).not.toContain('attacker.example:4000');
  });

  it('accepts a Host without the port on port 80 (browsers leave the default port out)', () => {
    expect(allowedHostHeaders('127.0.0.1', 80)).toContain('localhost');
  });
});

describe('a bind address', () => {
  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])('%s is loopback: no warning', (host) => {
    expect(isLoopbackAddress(host)).toBe(true);
    expect(nonLoopbackWarning(host)).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local'])('%s is not loopback: the CLI warns that the key is exposed', (host) => {
    expect(isLoopbackAddress(host)).toBe(false);
    expect(nonLoopbackWarning(host)).toMatch(/WARNING: HOST=.* anyone who can reach this machine.*\n.*sign in as the local users/);
  });
});
