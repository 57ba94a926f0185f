import { createServer, Server } from 'node:http';
import { AddressInfo, isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/config.schema';
import { EgressDeniedError, EgressGuard } from './egress-guard.service';
import { classifyAddress, isPrivateAddress } from './private-address';

const guard = (allowHosts: string[], allowPrivateHosts: string[] = []) =>
  new EgressGuard({
    egress: { allowHosts, allowPrivateHosts, timeoutMs: 2000 },
    auth: { oidc: { publicUrl: '', providers: [] } },
  } as unknown as AppConfig);

describe('EgressGuard and single sign-on issuers', () => {
  it('allows the hosts of configured OpenID Connect issuers, and only those', () => {
    const g = new EgressGuard({
      egress: { allowHosts: ['graph.facebook.com'], allowPrivateHosts: [], timeoutMs: 2000 },
      auth: { oidc: { publicUrl: '', providers: [{ issuer: 'https://login.corp.example/realms/main' }] } },
    } as unknown as AppConfig);
    expect(() =>
      g.check(new URL('https://login.corp.example/realms/main/.well-known/openid-configuration')),
    ).not.toThrow();
    expect(() => g.check(new URL('https://evil.example/'))).toThrow(EgressDeniedError);
  });
});

/**
 * Address → verdict, written from the IANA IPv4 and IPv6 special-purpose registries (not from the product's
 * own tables). `reason` is a fragment the refusal must name.
 */
const ADDRESSES: [address: string, allowed: boolean, reason: RegExp][] = [
  // IPv4
  ['127.0.0.1', false, /loopback/],
  ['10.1.2.3', false, /private-use/],
  ['172.16.0.1', false, /private-use/],
  ['172.31.255.255', false, /private-use/],
  ['192.168.1.1', false, /private-use/],
  ['169.254.169.254', false, /link-local/],
  ['0.0.0.0', false, /this network/],
  ['100.64.0.1', false, /shared address space/],
  ['192.0.0.8', false, /IETF protocol assignments/],
  ['192.0.2.10', false, /documentation/],
  ['198.51.100.7', false, /documentation/],
  ['203.0.113.9', false, /documentation/],
  ['198.18.0.1', false, /benchmarking/],
  ['192.88.99.1', false, /6to4 relay/],
  ['224.0.0.251', false, /multicast/],
  ['240.0.0.1', false, /reserved/],
  ['255.255.255.255', false, /reserved/],
  ['157.240.1.35', true, /public IPv4/],
  ['8.8.8.8', true, /public IPv4/],
  ['172.32.0.1', true, /public IPv4/],
  // IPv6 plain special-purpose blocks
  ['::1', false, /loopback/],
  ['::', false, /unspecified/],
  ['fe80::1', false, /link-local/],
  ['fe80::1%eth0', false, /link-local/],
  ['febf:ffff::1', false, /link-local/],
  ['fec0::1', false, /site-local/],
  ['fd00::1', false, /unique-local/],
  ['fc00::1', false, /unique-local/],
  ['ff02::1', false, /multicast/],
  ['ff0e::1', false, /multicast/],
  ['2001:db8::1', false, /documentation/],
  ['3fff::1', false, /documentation/],
  ['100::1', false, /discard-only/],
  ['2001::1', false, /IETF protocol assignments/],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false, /IETF protocol assignments/], // Teredo
  ['2001:1ff::1', false, /IETF protocol assignments/],
  ['5f00::1', false, /segment routing/],
  ['64:ff9b:1::a00:1', false, /local-use IPv4\/IPv6 translation/],
  ['4000::1', false, /outside 2000::\/3/],
  ['::ffff:0:a00:1', false, /IPv4-translated/],
  // IPv6 forms that embed an IPv4 address: judged by the embedded address
  ['::127.0.0.1', false, /IPv4-compatible/],
  ['::7f00:1', false, /IPv4-compatible/],
  ['::10.0.0.1', false, /IPv4-compatible/],
  ['::8.8.8.8', false, /IPv4-compatible/],
  ['::ffff:127.0.0.1', false, /IPv4-mapped .* 127\.0\.0\.1: loopback/],
  ['::ffff:7f00:1', false, /IPv4-mapped .* 127\.0\.0\.1: loopback/],
  ['::ffff:169.254.169.254', false, /IPv4-mapped .*: link-local/],
  ['::ffff:8.8.8.8', true, /IPv4-mapped .* 8\.8\.8\.8: public/],
  ['64:ff9b::10.0.0.1', false, /NAT64 .* 10\.0\.0\.1: private-use/],
  ['64:ff9b::7f00:1', false, /NAT64 .* 127\.0\.0\.1: loopback/],
  ['64:ff9b::a9fe:a9fe', false, /NAT64 .* 169\.254\.169\.254: link-local/],
  ['64:ff9b::9df0:123', true, /NAT64 .* 157\.240\.1\.35: public/],
  ['2002:7f00:1::', false, /6to4 .* 127\.0\.0\.1: loopback/],
  ['2002:c0a8:101::1', false, /6to4 .* 192\.168\.1\.1: private-use/],
  ['2002:a9fe:a9fe::', false, /6to4 .* 169\.254\.169\.254: link-local/],
  ['2002:808:808::1', true, /6to4 .* 8\.8\.8\.8: public/],
  // Global unicast
  ['2a03:2880:f003:c07:face:b00c::2', true, /global unicast/],
  ['2600::1', true, /global unicast/],
  // Not an address at all
  ['graph.facebook.com', false, /not an IP address/],
];

describe('which addresses egress may reach (IANA special-purpose registries)', () => {
  it.each(ADDRESSES)('%s → allowed %s', (address, allowed, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.reason).toMatch(reason);
    expect(isPrivateAddress(address)).toBe(!allowed);
  });

  // The guard refuses an IP literal even when an operator put it in allowHosts by mistake.
  const literals = ADDRESSES.filter(([a]) => isIP(a) === 6 && !a.includes('%'));
  it.each(literals)(
    'guard.check(http://[%s]/) with the literal allow-listed → allowed %s',
    (address, allowed) => {
      const url = new URL(`http://[${address}]/`);
      const g = guard([url.hostname.replace(/^\[|\]$/g, '')]);
      if (allowed) expect(() => g.check(url)).not.toThrow();
      else expect(() => g.check(url)).toThrow(/private address/);
    },
  );
});

describe('EgressGuard', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses hosts that are not allow-listed before connecting', async () => {
    await expect(guard(['graph.facebook.com']).request('https://evil.example/x')).rejects.toThrow(
      /not in egress.allowHosts/,
    );
  });

  it('refuses literal private addresses even when listed as a normal host', async () => {
    await expect(guard(['127.0.0.1']).request(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(
      EgressDeniedError,
    );
    await expect(guard(['169.254.169.254']).request('http://169.254.169.254/latest')).rejects.toThrow(
      /private address/,
    );
  });

  it('refuses a public-looking name that resolves to a private address (checked at connect time)', async () => {
    await expect(guard(['localhost']).request(`http://localhost:${port}/`)).rejects.toThrow(
      /resolves to a private address/,
    );
  });

  it('reaches explicitly allowed private hosts, and does not follow redirects', async () => {
    const g = guard([], ['127.0.0.1']);
    const ok = await g.request(`http://127.0.0.1:${port}/`);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.text()).toBe('ok');
    const redirect = await g.request(`http://127.0.0.1:${port}/redirect`);
    expect(redirect.statusCode).toBe(302);
    await redirect.body.dump();
  });

  it('refuses non-http schemes', async () => {
    await expect(guard(['x']).request('file:///etc/passwd')).rejects.toThrow(/file: URLs/);
  });
});
