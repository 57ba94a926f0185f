import { createHash } from 'node:crypto';

/** Short, non-reversible label of an app secret: lets events name the secret that signed them. */
export const secretFingerprint = (secret: string) =>
  createHash('sha256').update(`switchboard:${secret}`).digest('hex').slice(0, 16);
