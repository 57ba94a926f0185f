import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/config.schema';
import { EgressDeniedError, EgressGuard } from './egress-guard.service';
import { isPrivateAddress } from './private-address';

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

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '100.64.0.1',
  ])('blocks %s', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['157.240.1.35', '8.8.8.8', '2a03:2880:f003:c07:face:b00c::2'])('allows %s', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
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
