import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** Keys whose values never reach a log line, at any depth pino can address. */
export const REDACTED_KEYS = [
  'authorization',
  'accessToken',
  'appSecret',
  'verifyToken',
  'password',
  'token',
  'secret',
  '*.authorization',
  '*.accessToken',
  '*.appSecret',
  '*.verifyToken',
  '*.password',
  '*.token',
  '*.secret',
  'headers.authorization',
  'req.headers.authorization',
];

export function createPinoLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
    base: { service: 'switchboard' },
  });
}

/** Nest LoggerService over pino, so framework and product logs share one structured stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
