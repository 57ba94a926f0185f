import { SetMetadata } from '@nestjs/common';

export const TIMER_HANDLER = Symbol('TIMER_HANDLER');

/**
 * Makes a provider method the handler of one timer kind: `handler(fired, em)` receives the due timers of that kind
 * in batches; its writes through `em` commit together with the timers' removal, so each fires exactly once. The
 * kind must be declared in a module's timer manifest (declareTimers), or boot stops.
 */
export const OnTimer = (kind: string): MethodDecorator => SetMetadata<symbol, string>(TIMER_HANDLER, kind);
