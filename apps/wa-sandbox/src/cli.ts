#!/usr/bin/env node
/**
 * wa-sandbox CLI (talks to a running sandbox's /_sim control API, or starts one):
 *   send  --sandbox http://127.0.0.1:PORT --number <phoneNumberId> --from 5511987654321 --text "Olá" [--name "Ana"]
 *   sent  --sandbox http://127.0.0.1:PORT [--number <phoneNumberId>]
 *   serve [--port 8090] --webhook http://127.0.0.1:3000/webhooks/whatsapp
 *   event <field> --sandbox URL --params '{"phoneNumberId":"…","qualityRating":"RED"}'
 *   event --sandbox URL --params '{"field":"any_field","wabaId":"…","value":{…}}'
 *   profile --sandbox URL --number ID --params '{"messagingLimitTier":"TIER_10K"}'
 *   subscribe|unsubscribe --sandbox URL --waba WABA_ID
 *   faults --sandbox URL --params '{"rules":[{"path":"WABA_ID/message_templates","error":{"code":80008,"message":"…"}}]}'
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox-server';

const USAGE = `usage:
  wa-sandbox send  --sandbox URL --number PHONE_NUMBER_ID --from WA_ID --text TEXT [--name NAME]
  wa-sandbox sent  --sandbox URL [--number PHONE_NUMBER_ID]
  wa-sandbox serve [--port 8090] [--host 127.0.0.1] --webhook URL
  wa-sandbox event [FIELD] --sandbox URL --params JSON   (no FIELD: {field, value, wabaId|phoneNumberId})
  wa-sandbox profile --sandbox URL --number PHONE_NUMBER_ID --params JSON
  wa-sandbox subscribe|unsubscribe --sandbox URL --waba WABA_ID
  wa-sandbox faults --sandbox URL [--params JSON]   (Graph fault rules {rules:[…]}, replacing the current ones; no --params: list them)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sandbox: { type: 'string' },
      number: { type: 'string' },
      from: { type: 'string' },
      text: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      webhook: { type: 'string' },
      params: { type: 'string' },
      waba: { type: 'string' },
    },
  });

  if (command === 'event' && values.sandbox && values.params) {
    const path = positionals[0] ? `/_sim/events/${encodeURIComponent(positionals[0])}` : '/_sim/events';
    return postControl(values.sandbox, path, values.params);
  }
  if (command === 'profile' && values.sandbox && values.number && values.params) {
    return postControl(
      values.sandbox,
      `/_sim/numbers/${encodeURIComponent(values.number)}/profile`,
      values.params,
    );
  }
  if (command === 'faults' && values.sandbox) {
    if (values.params) return postControl(values.sandbox, '/_sim/faults', values.params);
    const res = await fetch(`${values.sandbox}/_sim/faults`);
    console.log(await res.text());
    return res.ok ? 0 : 1;
  }
  if ((command === 'subscribe' || command === 'unsubscribe') && values.sandbox && values.waba) {
    const body = JSON.stringify({ subscribed: command === 'subscribe' });
    return postControl(
      values.sandbox,
      `/_sim/wabas/${encodeURIComponent(values.waba)}/subscribed-apps`,
      body,
    );
  }

  if (command === 'send' && values.sandbox && values.number && values.from && values.text !== undefined) {
    const res = await fetch(`${values.sandbox}/_sim/customers/${encodeURIComponent(values.from)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phoneNumberId: values.number,
        name: values.name,
        type: 'text',
        body: values.text,
      }),
    });
    console.log(await res.text());
    return res.ok ? 0 : 1;
  }
  if (command === 'sent' && values.sandbox) {
    const query = values.number ? `?phoneNumberId=${encodeURIComponent(values.number)}` : '';
    const res = await fetch(`${values.sandbox}/_sim/sent${query}`);
    console.log(JSON.stringify(await res.json(), null, 2));
    return res.ok ? 0 : 1;
  }
  if (command === 'serve' && values.webhook) {
    const number = {
      phoneNumberId: '100000000000001',
      displayPhoneNumber: '15550000001',
      wabaId: '200000000000001',
      accessToken: 'sandbox-access-token',
      appSecret: 'sandbox-app-secret',
      verifyToken: 'sandbox-verify-token',
      webhookUrl: values.webhook,
    };
    const sandbox = await startSandbox({
      port: Number(values.port ?? 8090),
      host: values.host,
      numbers: [number],
    });
    console.log(JSON.stringify({ url: sandbox.url, graphVersion: sandbox.graphVersion, number }, null, 2));
    const stop = () => void sandbox.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => undefined);
  }
  console.error(USAGE);
  return 2;
}

/** POSTs a JSON body (given as text, checked here) to the control API and prints the answer. */
async function postControl(sandbox: string, path: string, json: string): Promise<number> {
  try {
    JSON.parse(json);
  } catch {
    console.error('--params must be valid JSON');
    return 2;
  }
  const res = await fetch(`${sandbox}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json,
  });
  console.log(await res.text());
  return res.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
