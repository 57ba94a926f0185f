import type { ServerResponse } from 'node:http';
import { sendGraphJson } from './http-io';
import type { NumberState } from './number-registry';
import { phoneNumberFields } from './phone-number-fields';

/** GET /{version}/{phone_number_id}[?fields=…]: the fields connectors read when checking credentials. */
export function handlePhoneNumber(res: ServerResponse, number: NumberState, url: URL): void {
  sendGraphJson(res, 200, phoneNumberFields(number, url.searchParams.get('fields')));
}

/** GET /{version}/{waba_id}/phone_numbers[?fields=…] */
export function handleWabaPhoneNumbers(res: ServerResponse, numbers: NumberState[], url: URL): void {
  const fields = url.searchParams.get('fields');
  sendGraphJson(res, 200, {
    data: numbers.map((n) => phoneNumberFields(n, fields)),
    paging: { cursors: { before: cursor(0), after: cursor(Math.max(0, numbers.length - 1)) } },
  });
}

export function cursor(index: number): string {
  return Buffer.from(`sandbox-cursor:${index}`).toString('base64url');
}

export function cursorIndex(value: string | null): number | undefined {
  if (!value) return undefined;
  const match = /^sandbox-cursor:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
