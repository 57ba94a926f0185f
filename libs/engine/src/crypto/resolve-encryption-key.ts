import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config/config-error';
import { AppConfig } from '../config/config.schema';

/**
 * The configured key, or outside production a key generated once under .data/ so that a laptop demo
 * needs no setup. Production without a key stops boot: secrets must never be sealed with a throwaway key.
 */
export function resolveEncryptionKey(config: AppConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (config.security.encryptionKey) return config.security.encryptionKey;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([
      { key: 'security.encryptionKey', reason: 'is required in production (SWITCHBOARD_ENCRYPTION_KEY)' },
    ]);
  }
  const file = join(dirname(config.database.embedded.dataDir), 'encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
