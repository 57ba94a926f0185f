import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import { ConfigError } from './config-error';
import { AppConfig, configSchema } from './config.schema';

type Tree = { [key: string]: unknown };

/** Well-known environment variables and the config key each one sets. */
const ENV_KEYS: Record<string, string> = {
  DATABASE_URL: 'database.url',
  REDIS_URL: 'queue.redisUrl',
  PORT: 'server.port',
  SWITCHBOARD_ENCRYPTION_KEY: 'security.encryptionKey',
  SWITCHBOARD_ADMIN_EMAIL: 'auth.initialAdmin.email',
  SWITCHBOARD_ADMIN_PASSWORD: 'auth.initialAdmin.password',
  LOG_LEVEL: 'log.level',
};

export interface LoadConfigOptions {
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Applied last: used by tests and the demo launcher. */
  overrides?: Tree;
}

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isTree(v) && isTree(out[k]) ? merge(out[k] as Tree, v) : v;
  }
  return out;
}

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const part of path.slice(0, -1)) {
    if (!isTree(node[part])) node[part] = {};
    node = node[part] as Tree;
  }
  node[path[path.length - 1]] = value;
}

function readYaml(file: string): Tree {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (e) {
    throw new ConfigError([{ key: file, reason: `is not valid YAML: ${(e as Error).message}` }]);
  }
  if (parsed == null) return {};
  if (!isTree(parsed)) throw new ConfigError([{ key: file, reason: 'must contain a YAML mapping' }]);
  return parsed;
}

/** Parses a value from the environment: lists are comma-separated when the default is a list. */
function envValue(raw: string, current: unknown): unknown {
  if (Array.isArray(current)) return raw === '' ? [] : raw.split(',').map((s) => s.trim());
  return raw;
}

function getPath(tree: Tree, path: string[]): unknown {
  let node: unknown = tree;
  for (const p of path) node = isTree(node) ? node[p] : undefined;
  return node;
}

/**
 * default.yaml, then <NODE_ENV>.yaml, then the environment, then explicit overrides; validated with zod.
 * Throws ConfigError naming each bad key, so boot stops with the key and the reason.
 */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? env.SWITCHBOARD_CONFIG_DIR ?? join(process.cwd(), 'config');
  let tree = readYaml(join(dir, 'default.yaml'));
  const profile = env.NODE_ENV;
  if (profile && existsSync(join(dir, `${profile}.yaml`)))
    tree = merge(tree, readYaml(join(dir, `${profile}.yaml`)));

  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw !== undefined) setPath(tree, key.split('.'), envValue(raw, getPath(tree, key.split('.'))));
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('SWITCHBOARD__') || raw === undefined) continue;
    const path = name
      .slice('SWITCHBOARD__'.length)
      .split('__')
      .map((p) => p.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
    setPath(tree, path, envValue(raw, getPath(tree, path)));
  }
  if (options.overrides) tree = merge(tree, options.overrides);

  try {
    const config = configSchema.parse(tree);
    if (config.testing.clock === 'controllable' && env.NODE_ENV === 'production')
      throw new ConfigError([{ key: 'testing.clock', reason: 'must be system when NODE_ENV=production' }]);
    return config;
  } catch (e) {
    if (e instanceof ZodError) {
      throw new ConfigError(
        e.issues.map((i) => ({
          key: i.path.join('.') || '(root)',
          reason:
            i.code === 'unrecognized_keys'
              ? `unknown key(s) ${i.keys.join(', ')}`
              : i.message.replace(/^Invalid input: /, ''),
        })),
      );
    }
    throw e;
  }
}
