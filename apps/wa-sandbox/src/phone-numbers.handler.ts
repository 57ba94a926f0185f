import type { ServerResponse } from 'node:http';
import { sendGraphJson } from './http-io';
import type { NumberState } from './number-registry';

/** GET /{version}/{phone_number_id}: the fields connectors read when checking credentials. */
export function handlePhoneNumber(res: ServerResponse, number: NumberState): void {
  sendGraphJson(res, 200, phoneNumberToGraph(number));
}

/** GET /{version}/{waba_id}/phone_numbers */
export function handleWabaPhoneNumbers(res: ServerResponse, numbers: NumberState[]): void {
  sendGraphJson(res, 200, {
    data: numbers.map(phoneNumberToGraph),
    paging: { cursors: { before: cursor(0), after: cursor(Math.max(0, numbers.length - 1)) } },
  });
}

function phoneNumberToGraph(number: NumberState): Record<string, unknown> {
  return {
    verified_name: 'Switchboard Sandbox',
    code_verification_status: 'VERIFIED',
    display_phone_number: `+${number.config.displayPhoneNumber}`,
    quality_rating: 'GREEN',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    id: number.config.phoneNumberId,
  };
}

export function cursor(index: number): string {
  return Buffer.from(`sandbox-cursor:${index}`).toString('base64url');
}

export function cursorIndex(value: string | null): number | undefined {
  if (!value) return undefined;
  const match = /^sandbox-cursor:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
