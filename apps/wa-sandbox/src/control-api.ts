import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  accountEventSchemas,
  isAccountEventField,
  type AccountEventField,
  type AccountEventParams,
} from './account-event-schemas';
import { rawEventSchema } from './account-events';
import { GraphFaults, graphFaultsSchema } from './graph-faults';
import { readBody, sendJson } from './http-io';
import { profilePatchSchema } from './phone-number-profile';
import { customerMessageEnvelopeSchema, inboundSpecSchema, toInboundSpec } from './inbound-spec.schema';
import type { NumberRegistry } from './number-registry';
import { trimTrailingSlashes } from './trim-trailing-slashes';
import { UnknownReferenceError } from './unknown-reference.error';
import type { SandboxHandle } from './types';

/**
 * `/_sim/*`: thin HTTP wrappers over the handle for the CLI and manual demos. Plain JSON (not Graph
 * shapes); invalid input → 400 naming the offending field.
 */
export class ControlApi {
  constructor(
    private readonly sandbox: SandboxHandle,
    private readonly numbers: NumberRegistry,
    private readonly graphFaults: GraphFaults,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = trimTrailingSlashes(url.pathname);
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/_sim/health') {
      return sendJson(res, 200, { ok: true, pendingDeliveries: this.sandbox.pendingDeliveries() });
    }
    if (method === 'GET' && path === '/_sim/sent') {
      return sendJson(res, 200, this.sandbox.sent(url.searchParams.get('phoneNumberId') ?? undefined));
    }
    if (method === 'POST' && (match = /^\/_sim\/customers\/([^/]+)\/messages$/.exec(path))) {
      return this.customerMessage(req, res, decodeURIComponent(match[1]));
    }
    if (
      method === 'POST' &&
      (match = /^\/_sim\/numbers\/([^/]+)\/(token|fail-next|next-wamid|webhook)$/.exec(path))
    ) {
      return this.numberControl(req, res, decodeURIComponent(match[1]), match[2]);
    }
    if (method === 'POST' && (match = /^\/_sim\/numbers\/([^/]+)\/profile$/.exec(path))) {
      const id = decodeURIComponent(match[1]);
      if (!this.knownNumber(res, id)) return;
      const body = await parseBody(req, res, profilePatchSchema);
      if (!body) return;
      this.sandbox.setNumberProfile(id, body);
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && (match = /^\/_sim\/wabas\/([^/]+)\/subscribed-apps$/.exec(path))) {
      const body = await parseBody(req, res, z.object({ subscribed: z.boolean() }));
      if (!body) return;
      return this.referencing(res, () => {
        this.sandbox.setAppSubscribed(decodeURIComponent(match?.[1] ?? ''), body.subscribed);
        return Promise.resolve({ ok: true });
      });
    }
    if (method === 'POST' && path === '/_sim/events') {
      const body = await parseBody(req, res, rawEventSchema);
      if (!body) return;
      return this.referencing(res, () => this.sandbox.rawAccountEvent(body));
    }
    if (method === 'POST' && (match = /^\/_sim\/events\/([a-z_]+)$/.exec(path))) {
      const field = match[1];
      if (!isAccountEventField(field)) {
        return sendJson(res, 404, {
          error: 'unknown_field',
          message: `no typed event ${field}; use POST /_sim/events {field, value} for any other field`,
        });
      }
      return this.accountEvent(req, res, field);
    }
    if (method === 'POST' && path === '/_sim/webhook/verify') {
      const body = await parseBody(
        req,
        res,
        z.object({ phoneNumberId: z.string(), verifyToken: z.string().optional() }),
      );
      if (!body) return;
      if (!this.knownNumber(res, body.phoneNumberId)) return;
      return sendJson(
        res,
        200,
        await this.sandbox.verifyWebhook(body.phoneNumberId, { verifyToken: body.verifyToken }),
      );
    }
    if (method === 'GET' && path === '/_sim/faults') return sendJson(res, 200, this.graphFaults.list());
    if (method === 'POST' && path === '/_sim/faults') {
      const body = await parseBody(req, res, graphFaultsSchema);
      if (!body) return;
      this.sandbox.setGraphFaults(body.rules);
      return sendJson(res, 200, this.graphFaults.list());
    }
    if (method === 'POST' && path === '/_sim/webhook/faults') {
      const body = await parseBody(req, res, faultsSchema);
      if (!body) return;
      this.sandbox.setWebhookFaults(body);
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'not_found', message: `no control route ${method} ${path}` });
  }

  private async customerMessage(req: IncomingMessage, res: ServerResponse, waId: string): Promise<void> {
    if (!/^\d+$/.test(waId))
      return sendJson(res, 400, invalid([{ path: ['waId'], message: 'waId must be digits' }]));
    const raw = await parseBody(req, res, z.unknown());
    if (raw === undefined) return;
    const envelope = customerMessageEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return sendJson(res, 400, invalid(envelope.error.issues));
    const spec = inboundSpecSchema.safeParse(raw);
    if (!spec.success) return sendJson(res, 400, invalid(spec.error.issues));
    const { phoneNumberId, name, bsuid, bytesBase64 } = envelope.data;
    if (!this.knownNumber(res, phoneNumberId)) return;
    const customer = this.sandbox.customer(waId, { name, bsuid, phoneNumberId });
    const { wamid, result } = await customer.send(toInboundSpec(spec.data, bytesBase64));
    sendJson(res, 200, { wamid, delivery: result });
  }

  private async numberControl(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    action: string,
  ): Promise<void> {
    if (!this.knownNumber(res, id)) return;
    if (action === 'token') {
      const body = await parseBody(req, res, z.object({ valid: z.boolean() }));
      if (!body) return;
      this.sandbox.setTokenValid(id, body.valid);
    } else if (action === 'fail-next') {
      const body = await parseBody(req, res, failNextSchema);
      if (!body) return;
      this.sandbox.failNextSends(id, body.count, body.code);
    } else if (action === 'next-wamid') {
      const body = await parseBody(req, res, nextWamidSchema);
      if (!body) return;
      this.sandbox.setNextWamid(id, body.wamid, { statuses: body.statuses });
    } else {
      const body = await parseBody(req, res, z.object({ url: z.url() }));
      if (!body) return;
      this.sandbox.setWebhookUrl(id, body.url);
    }
    sendJson(res, 200, { ok: true });
  }

  private async accountEvent<F extends AccountEventField>(
    req: IncomingMessage,
    res: ServerResponse,
    field: F,
  ): Promise<void> {
    const schema: z.ZodType<unknown> = accountEventSchemas[field];
    const body = await parseBody(req, res, schema);
    if (body === undefined) return;
    return this.referencing(res, () => this.sandbox.accountEvent(field, body as AccountEventParams<F>));
  }

  /** Runs an action naming a number, WABA or template; an unknown one → 404 naming it. */
  private async referencing(res: ServerResponse, action: () => Promise<unknown>): Promise<void> {
    try {
      sendJson(res, 200, await action());
    } catch (err) {
      if (!(err instanceof UnknownReferenceError)) throw err;
      sendJson(res, 404, { error: 'unknown_reference', message: err.message });
    }
  }

  private knownNumber(res: ServerResponse, phoneNumberId: string): boolean {
    if (this.numbers.get(phoneNumberId)) return true;
    sendJson(res, 404, {
      error: 'unknown_number',
      message: `phoneNumberId ${phoneNumberId} is not a sandbox number`,
    });
    return false;
  }
}

const failNextSchema = z.object({
  count: z.number().int().min(1).max(100_000),
  code: z.union([z.literal(130429), z.literal(131056), z.literal(131000), z.literal(131016)]),
});

const nextWamidSchema = z.object({
  wamid: z.string().min(1).max(256),
  /** false: no status webhooks for that send. */
  statuses: z.boolean().optional(),
});

const faultsSchema = z.object({
  dropResponses: z.boolean().optional(),
  duplicateEvery: z.number().int().min(1).optional(),
  reorderStatuses: z.boolean().optional(),
  skipDelivered: z.boolean().optional(),
});

interface Issue {
  path: PropertyKey[];
  message: string;
}

function invalid(issues: readonly Issue[]): {
  error: string;
  issues: Array<{ field: string; message: string }>;
} {
  return {
    error: 'invalid_request',
    issues: issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })),
  };
}

/** Parses a JSON body against a schema; on failure answers 400 and returns undefined. */
async function parseBody<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let json: unknown;
  try {
    const raw = await readBody(req, 16 * 1024 * 1024);
    json = raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    sendJson(res, 400, invalid([{ path: [], message: 'body must be valid JSON' }]));
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    sendJson(res, 400, invalid(parsed.error.issues));
    return undefined;
  }
  return parsed.data;
}
