import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const configDir = resolve(process.cwd(), 'config');
const load = (env: Record<string, string>, overrides?: Record<string, unknown>) =>
  loadConfig({ configDir, env, overrides });

describe('loadConfig', () => {
  it('loads the defaults', () => {
    const c = load({});
    expect(c.server.port).toBe(3000);
    expect(c.queue.redisUrl).toBe('');
    expect(c.whatsapp.maxWebhookBytes).toBe(3 * 1024 * 1024);
  });

  it('applies the profile file, then well-known and nested environment variables', () => {
    const c = load({
      NODE_ENV: 'test',
      PORT: '4100',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SWITCHBOARD__WORKER__CONCURRENCY: '9',
      SWITCHBOARD__EGRESS__ALLOW_HOSTS: 'a.example, b.example',
      SWITCHBOARD_ADMIN_EMAIL: 'root@example.com',
      SWITCHBOARD__AUTH__LOCKOUT_THRESHOLD: '7',
    });
    expect(c.intake.relayIntervalMs).toBe(500);
    expect(c.auth.initialAdmin.email).toBe('root@example.com');
    expect(c.auth.lockoutThreshold).toBe(7);
    expect(c.server.port).toBe(4100);
    expect(c.queue.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.worker.concurrency).toBe(9);
    expect(c.egress.allowHosts).toEqual(['a.example', 'b.example']);
  });

  it('names every bad key and the reason', () => {
    let error: unknown;
    try {
      load({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SWITCHBOARD_ENCRYPTION_KEY: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('server.port');
    expect(message).toContain('database.url: must be a postgres:// URL or empty');
    expect(message).toContain('security.encryptionKey: must be 32 bytes encoded as base64');
  });

  it('refuses unknown keys instead of ignoring a typo', () => {
    expect(() => load({}, { worker: { concurency: 3 } })).toThrow(/worker: unknown key\(s\) concurency/);
    expect(() => load({}, { wroker: {} })).toThrow(/unknown key\(s\) wroker/);
  });

  it('refuses a controllable clock in production, allows it elsewhere', () => {
    const controllable = { testing: { clock: 'controllable' } };
    expect(() => load({ NODE_ENV: 'production' }, controllable)).toThrow(
      /testing\.clock: must be system when NODE_ENV=production/,
    );
    expect(load({ NODE_ENV: 'test' }, controllable).testing.clock).toBe('controllable');
    expect(load({}).testing.clock).toBe('system');
  });
});
