import { DEFAULT_PROFILE, type PhoneNumberProfile } from './phone-number-profile';
import type { FailableSendCode, SandboxNumber } from './types';

export interface NumberState {
  config: SandboxNumber;
  /** Display name, quality, tier and statuses Graph reports for the number. */
  profile: PhoneNumberProfile;
  /** When set, the token was invalidated at this sandbox time and every call answers 190/463. */
  tokenExpiredAt?: number;
  injectedFailures: Array<{ code: FailableSendCode; remaining: number }>;
  /**
   * Wamids the next accepted sends get, in order (lets a test make a status arrive before its send). With
   * `statuses: false` the send gets no status webhooks from the sandbox: only what the test delivers arrives.
   */
  presetWamids: Array<{ wamid: string; statuses: boolean }>;
  /** Accepted sends whose HTTP response is then lost (connection destroyed): the message still goes out. */
  responsesToLose: number;
}

/** The business phone numbers the sandbox hosts, plus per-number fault switches. */
export class NumberRegistry {
  private readonly numbers = new Map<string, NumberState>();

  constructor(numbers: SandboxNumber[]) {
    if (numbers.length === 0) throw new Error('wa-sandbox: at least one number is required');
    for (const config of numbers) {
      if (!/^\d+$/.test(config.phoneNumberId))
        throw new Error(`wa-sandbox: bad phoneNumberId ${config.phoneNumberId}`);
      if (!/^\d+$/.test(config.displayPhoneNumber)) {
        throw new Error(`wa-sandbox: displayPhoneNumber must be digits only (${config.displayPhoneNumber})`);
      }
      this.numbers.set(config.phoneNumberId, {
        config: { ...config },
        profile: { ...DEFAULT_PROFILE, ...config.profile },
        injectedFailures: [],
        presetWamids: [],
        responsesToLose: 0,
      });
    }
  }

  get(phoneNumberId: string): NumberState | undefined {
    return this.numbers.get(phoneNumberId);
  }

  require(phoneNumberId: string): NumberState {
    const state = this.numbers.get(phoneNumberId);
    if (!state) throw new Error(`wa-sandbox: unknown phoneNumberId ${phoneNumberId}`);
    return state;
  }

  first(): NumberState {
    const [first] = this.numbers.values();
    return first;
  }

  all(): NumberState[] {
    return [...this.numbers.values()];
  }

  byToken(token: string): NumberState[] {
    return this.all().filter((n) => n.config.accessToken === token);
  }

  isWaba(id: string): boolean {
    return this.all().some((n) => n.config.wabaId === id);
  }

  wabaIds(): string[] {
    return [...new Set(this.all().map((n) => n.config.wabaId))];
  }

  ofWaba(wabaId: string): NumberState[] {
    return this.all().filter((n) => n.config.wabaId === wabaId);
  }

  failNext(phoneNumberId: string, count: number, code: FailableSendCode): void {
    if (count > 0) this.require(phoneNumberId).injectedFailures.push({ code, remaining: count });
  }

  /** Consumes one injected failure, if any is queued. */
  takeInjectedFailure(state: NumberState): FailableSendCode | undefined {
    const head = state.injectedFailures[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) state.injectedFailures.shift();
    return head.code;
  }
}
