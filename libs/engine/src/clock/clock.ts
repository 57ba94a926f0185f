/**
 * The time as the product sees it: what alarms and health views call "now". In production it is the system clock.
 * A controllable clock (config `testing.clock: controllable`, refused when NODE_ENV=production) lets tests move
 * time with `set` and `advance` instead of waiting: it follows the system clock until `set` freezes it.
 */
export class Clock {
  private frozen: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(readonly controllable = false) {}

  now(): Date {
    return new Date(this.frozen ?? Date.now());
  }

  /** Freezes the clock at `at`. */
  set(at: Date): void {
    this.frozen = this.checked(at.getTime());
    this.changed();
  }

  /** Moves the clock forward (freezing it first when it still follows the system clock). */
  advance(ms: number): void {
    this.frozen = this.checked((this.frozen ?? Date.now()) + ms);
    this.changed();
  }

  /**
   * Calls `listener` after every `set` and `advance` (never for the system clock's own passing): whatever sleeps
   * towards a time on this clock (the timer runner) looks again. Returns the function that removes it.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private checked(at: number): number {
    if (!this.controllable) throw new Error('the clock is the system clock; set testing.clock: controllable');
    if (!Number.isFinite(at)) throw new RangeError('the clock cannot be set to an invalid date');
    return at;
  }
}
