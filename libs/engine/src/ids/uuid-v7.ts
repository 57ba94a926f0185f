import { randomFillSync } from 'node:crypto';

/** Random bytes fetched in bulk: one syscall per 256 ids instead of one per id (ids are minted per message). */
const POOL = Buffer.alloc(16 * 256);
let offset = POOL.length;

/** The last timestamp issued and the counter within it (RFC 9562 §6.2, method 1: a 12-bit counter in rand_a). */
let lastMs = 0;
let counter = 0;

/**
 * Time-ordered UUID (RFC 9562 v7): index-friendly like a sequence, not guessable like one. Monotonic within the
 * process: ids minted in the same millisecond (a batch of messages) sort in the order they were minted, so
 * ordering rows by id follows the order they were created.
 */
export function uuidv7(now = Date.now()): string {
  if (offset === POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const bytes = Buffer.from(POOL.subarray(offset, offset + 16));
  offset += 16;
  if (now > lastMs) {
    lastMs = now;
    // A random start below half the range keeps ids unguessable and leaves room for 2,048+ ids this millisecond.
    counter = ((bytes[6] << 8) | bytes[7]) & 0x7ff;
  } else if (++counter > 0xfff) {
    // More ids in one millisecond than the counter holds: borrow the next millisecond.
    lastMs++;
    counter = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
