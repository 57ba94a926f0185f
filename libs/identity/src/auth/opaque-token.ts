import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens, API tokens, invitation and reset links. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** How opaque tokens are stored and looked up: high entropy makes a slow hash unnecessary. */
export const hashOpaqueToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');
