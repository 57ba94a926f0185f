import { randomBytes, randomInt } from 'node:crypto';

// Process-wide counters make ids unique by construction even across several sandboxes in one process.
let wamidCounter = randomInt(0, 0xffff);
let mediaCounter = 0;
const MEDIA_BASE = 1_000_000_000_000_000 + randomInt(0, 100_000_000) * 1_000_000;

/**
 * A wamid shaped like Meta's: `wamid.` + base64 of a small protobuf-like record holding the customer's
 * number, a direction byte and a hex message key (e.g. `wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjB...`).
 */
export function newWamid(waId: string, direction: 'inbound' | 'outbound'): string {
  wamidCounter = (wamidCounter + 1) % 0xffffffff;
  const prefix = direction === 'inbound' ? '3EB0' : '';
  const key =
    `${prefix}${wamidCounter.toString(16).padStart(8, '0')}${randomBytes(5).toString('hex')}`.toUpperCase();
  const phone = Buffer.from(waId.replace(/\D/g, '').slice(0, 20) || '0', 'ascii');
  const keyBytes = Buffer.from(key, 'ascii');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, phone.length]),
    phone,
    Buffer.from([0x15, 0x02, 0x00, direction === 'inbound' ? 0x12 : 0x11, 0x18, keyBytes.length]),
    keyBytes,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** Media ids are 16-digit numeric strings. */
export function newMediaId(): string {
  mediaCounter += 1;
  return String(MEDIA_BASE + mediaCounter);
}

/** Graph responses carry an opaque fbtrace_id for support tickets. */
export function newFbTraceId(): string {
  return `A${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

/** Numeric-string challenge as Meta sends in the GET verification handshake. */
export function newChallenge(): string {
  return String(randomInt(1_000_000_000, 2_000_000_000));
}

/** Numeric template ids: 16 digits and below 2^53, since webhooks carry them as JSON numbers. */
export function newNumericId(): string {
  return String(10 ** 15 + randomInt(0, 2 ** 47));
}
