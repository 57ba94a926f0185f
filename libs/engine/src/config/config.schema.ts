import { z } from 'zod';

const hostList = z.array(z.string().min(1));

/** One OpenID Connect identity provider (Keycloak, Entra ID, Google Workspace, Authentik…). */
const oidcProvider = z.strictObject({
  /** Used in URLs: /api/auth/oidc/<id>/start */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lowercase letters, digits and - only'),
  /** Shown on the sign-in button. */
  name: z.string().min(1).max(60),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z.string().default('openid email profile'),
  /** The claim that lists the user's groups (Keycloak and Authentik: groups; Entra ID: groups or roles). */
  groupsClaim: z.string().min(1).default('groups'),
  /** Members of any of these groups are admins. */
  adminGroups: z.array(z.string().min(1)).default([]),
  /** Group → department role. A user gets every role whose group they are in. */
  departmentRoles: z
    .array(
      z.strictObject({
        group: z.string().min(1),
        department: z.string().min(1),
        role: z.enum(['supervisor', 'agent', 'viewer']),
      }),
    )
    .default([]),
  /** Create accounts on first sign-in (jit), or admit only people who already have one (existing). */
  provisioning: z.enum(['jit', 'existing']).default('jit'),
  /** Roles come from the groups on every sign-in (true), or are managed in Switchboard (false). */
  manageRoles: z.boolean().default(true),
  /** Plain-http issuers are refused unless this is set (local test providers only). */
  allowInsecureHttp: z.boolean().default(false),
});

/** The whole runtime configuration. Every default lives in config/default.yaml, not here. */
export const configSchema = z.strictObject({
  server: z.strictObject({
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65535),
    trustProxyHops: z.coerce.number().int().min(0).max(10),
    /** The built SPA (npm run build -w apps/web); served at / when it exists. */
    webDist: z.string().min(1),
  }),
  realtime: z.strictObject({
    /** Socket.IO path, on the api's own origin. */
    path: z.string().regex(/^\/[a-z0-9._/-]*[a-z0-9._-]$/, 'must be a path like /socket.io'),
    /** How often open sockets re-check their session and rooms (revocations also drop them at once). */
    revalidateSeconds: z.coerce.number().int().min(1).max(3600),
    /** After a user's last socket closes, how long before they are set offline (a page reload does not flap). */
    offlineGraceSeconds: z.coerce.number().min(0).max(3600),
    /** Without any client event for this long, an online agent becomes away (automatically). */
    idleAwayMinutes: z.coerce.number().min(0.01).max(1440),
    /** How often each api process marks its sockets alive (and looks for idle agents and dead processes). */
    heartbeatSeconds: z.coerce.number().min(0.1).max(300),
    /** A connection row not marked alive for this long belongs to a dead process and expires. */
    connectionTtlSeconds: z.coerce.number().min(1).max(3600),
    /** A `typing` presence ends by itself after this long without a refresh. */
    typingSeconds: z.coerce.number().min(0.5).max(60),
  }),
  database: z.strictObject({
    url: z
      .string()
      .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL or empty'),
    poolMax: z.coerce.number().int().min(1).max(200),
    embedded: z.strictObject({
      dataDir: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65535),
    }),
  }),
  queue: z.strictObject({
    redisUrl: z
      .string()
      .refine((v) => v === '' || /^rediss?:\/\//.test(v), 'must be a redis:// URL or empty'),
    postgresSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier'),
    /** Redis key prefix (Redis backend only), so several installations can share one Redis. */
    prefix: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only'),
    /** PostgreSQL backend: connections per queue and per worker of a queue (each has its own pool). */
    postgresPoolMax: z.coerce.number().int().min(1).max(50),
  }),
  security: z.strictObject({
    encryptionKey: z
      .string()
      .refine(
        (v) => v === '' || Buffer.from(v, 'base64').length === 32,
        'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
      ),
  }),
  auth: z.strictObject({
    accessTokenTtlSeconds: z.coerce.number().int().min(30).max(86400),
    refreshTokenTtlDays: z.coerce.number().int().min(1).max(365),
    /** `auto`: the refresh cookie is Secure when the request came over HTTPS (see server.trustProxyHops). */
    cookieSecure: z.enum(['auto', 'always', 'never']),
    /** Failed sign-ins for one e-mail within lockoutMinutes before further attempts are refused. */
    lockoutThreshold: z.coerce.number().int().min(1).max(100),
    lockoutMinutes: z.coerce.number().int().min(1).max(1440),
    /** Failed sign-ins from one client address within lockoutMinutes before it is refused (429). */
    ipFailureLimit: z.coerce.number().int().min(1).max(10000),
    /** Lifetime of invitation links and of password-reset links. */
    invitationTtlHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    passwordResetTtlHours: z.coerce.number().int().min(1).max(72),
    oidc: z.strictObject({
      /** The URL people open Switchboard at (https://switchboard.example.com); redirect URIs are built from it. */
      publicUrl: z
        .string()
        .refine(
          (v) => v === '' || /^https?:\/\/[^/]+$/.test(v),
          'must be an origin like https://host, or empty',
        ),
      providers: z.array(oidcProvider).max(20),
    }),
    mfa: z.strictObject({
      /** Admins must set up and use a TOTP second factor to sign in. */
      requiredForAdmins: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()),
    }),
    /** Created at boot when the installation has no admin yet; ignored afterwards. */
    initialAdmin: z.strictObject({
      email: z
        .string()
        .refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), 'must be an e-mail address or empty'),
      password: z.string(),
    }),
  }),
  whatsapp: z.strictObject({
    graphBaseUrl: z.string().url(),
    graphVersion: z.string().regex(/^v\d+\.\d+$/, 'must look like v24.0'),
    maxWebhookBytes: z.coerce.number().int().min(1024),
    /** Minutes a rotated-out app secret still verifies deliveries (Meta's in-flight retries). */
    appSecretOverlapMinutes: z.coerce.number().int().min(0).max(10080),
  }),
  media: z.strictObject({
    storageDir: z.string().min(1),
    maxBytes: z.coerce.number().int().min(1),
    /**
     * An agent's upload no reply has sent is deleted (row and bytes) once older than this. Meta keeps an uploaded
     * media id for 30 days, so keeping an unsent one longer serves nothing.
     */
    unsentRetentionHours: z.coerce.number().positive().max(720),
  }),
  egress: z.strictObject({
    allowHosts: hostList,
    allowPrivateHosts: hostList,
    timeoutMs: z.coerce.number().int().min(100),
  }),
  intake: z.strictObject({
    relayIntervalMs: z.coerce.number().int().min(100),
    /** Webhooks stored within this window share one queue job (processing drains all pending events). */
    enqueueCoalesceMs: z.coerce.number().int().min(0).max(1000),
    staleAfterMs: z.coerce.number().int().min(100),
  }),
  worker: z.strictObject({
    concurrency: z.coerce.number().int().min(1).max(256),
    sendConcurrency: z.coerce.number().int().min(1).max(256),
    /** First retry delay of sends and media downloads; later ones grow exponentially. */
    retryBaseMs: z.coerce.number().int().min(10),
    retryAttempts: z.coerce.number().int().min(1).max(50),
    /** Job lock; a job of a crashed worker is retried after it expires. */
    lockDurationMs: z.coerce.number().int().min(1000),
    /**
     * CPU niceness the worker process gives itself (0 = unchanged, 19 = lowest). When api and worker share cores,
     * webhook acknowledgements (which Meta times) then win over processing, which catches up in larger batches.
     */
    cpuNice: z.coerce.number().int().min(0).max(19),
  }),
  plugins: z.strictObject({
    /** Plugins to load: local folders (relative to the working directory) or npm package names. */
    enabled: hostList,
    /**
     * Intake first: while stored webhooks wait to be processed (a burst), hooks for stored messages wait too, up to
     * this many ms after their messages were stored; 0 runs them at once.
     */
    hookMaxDeferMs: z.coerce.number().int().min(0).max(600_000),
    /** A failed hook call is retried after this many ms, doubling each time (the stream does not wait for it). */
    hookRetryBaseMs: z.coerce.number().int().min(10).max(3_600_000),
    /** Calls per hook and event in all (the first and its retries) before the failure is left on record. */
    hookAttempts: z.coerce.number().int().min(1).max(20),
  }),
  events: z.strictObject({
    /** Most events handed to a subscriber at once. */
    batchSize: z.coerce.number().int().min(1).max(10_000),
    /** Safety poll: delivery loops look for events this often even when no commit woke them. */
    pollIntervalMs: z.coerce.number().int().min(50),
    /** A failing subscriber is retried after this, doubling per failure up to retryMaxMs. */
    retryBaseMs: z.coerce.number().int().min(10),
    retryMaxMs: z.coerce.number().int().min(10),
    /** Events every subscriber has passed are pruned once older than this. */
    retentionHours: z.coerce.number().min(0),
  }),
  timers: z.strictObject({
    /** Most due timers claimed and fired in one transaction. */
    batchSize: z.coerce.number().int().min(1).max(10_000),
    /** The runner looks for due timers at least this often, even when no schedule or clock change woke it. */
    maxSleepMs: z.coerce.number().int().min(10).max(60_000),
    /** A timer whose handler throws is retried after this, doubling per failure up to retryMaxMs. */
    retryBaseMs: z.coerce.number().int().min(10),
    retryMaxMs: z.coerce.number().int().min(10),
  }),
  sla: z.strictObject({
    /** conversation.window_closing is published this long before a free-reply window closes. */
    windowWarningMinutes: z.coerce.number().int().min(1).max(1439),
  }),
  reporting: z.strictObject({
    /** A report's queries are cancelled after this long (503, "narrow the range"); per statement, in its transaction. */
    statementTimeoutMs: z.coerce.number().int().min(1).max(600_000),
    /**
     * The volume guard (a row per message counted) keeps a message this long after its hour, so a copy of its event
     * arriving later is still counted once; older rows are pruned. Keep it at least events.retentionHours.
     */
    volumeGuardRetentionHours: z.coerce.number().int().min(1).max(87_600),
  }),
  assignment: z.strictObject({
    /** How often the worker looks for agents whose shift ended or began (once per cluster per tick). */
    tickMs: z.coerce.number().int().min(100).max(3_600_000),
    /** Open conversations an agent takes in a department when no capacity is set for them there. */
    defaultCapacity: z.coerce.number().int().min(1).max(1000),
  }),
  numbers: z.strictObject({
    /** How often the worker checks numbers for silence alarms (one check per cluster: a BullMQ job scheduler). */
    healthCheckIntervalMs: z.coerce.number().int().min(100).max(86_400_000),
  }),
  testing: z.strictObject({
    /** `controllable`: tests move the engine Clock (set/advance). Refused when NODE_ENV=production. */
    clock: z.enum(['system', 'controllable']),
  }),
  log: z.strictObject({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  }),
});

export type AppConfig = z.infer<typeof configSchema>;
