import { SetMetadata } from '@nestjs/common';

export const TIMER_HANDLER = Symbol('TIMER_HANDLER');

/** How the runner hands a kind's due timers to its handler. */
export interface TimerKindOptions {
  /**
   * Each timer of the kind fires alone in its own transaction (never with other timers, of its kind or another):
   * for a handler whose one timer is already a transaction's worth of work (e.g. a batch of 200 conversations).
   */
  alone?: boolean;
}

/** What @OnTimer stores on the method. */
export interface TimerHandlerMeta extends TimerKindOptions {
  kind: string;
}

/**
 * Makes a provider method the handler of one timer kind: `handler(fired, em)` receives the due timers of that kind
 * in batches (one timer at a time with `alone`); its writes through `em` commit together with the timers' removal,
 * so each fires exactly once. The kind must be declared in a module's timer manifest (declareTimers), or boot stops.
 */
export const OnTimer = (kind: string, options: TimerKindOptions = {}): MethodDecorator =>
  SetMetadata<symbol, TimerHandlerMeta>(TIMER_HANDLER, { kind, ...options });
