import { Provider } from '@nestjs/common';

/** The timer kinds a module promises to handle; boot checks each has exactly one @OnTimer handler. */
export class TimerManifest {
  constructor(
    readonly owner: string,
    readonly kinds: readonly string[],
  ) {}
}

/**
 * A provider declaring the timer kinds of a module (`owner` names the module in boot errors). Put it in the
 * module's providers next to the classes whose methods carry @OnTimer.
 */
export function declareTimers(owner: string, kinds: readonly string[]): Provider {
  return { provide: `timer-kinds:${owner}`, useValue: new TimerManifest(owner, kinds) };
}
