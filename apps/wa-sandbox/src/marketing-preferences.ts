/** Customers who stopped marketing messages from a WABA (`user_preferences` stop; resume clears it). */
export class MarketingPreferences {
  private readonly stopped = new Set<string>();

  set(wabaId: string, waId: string, value: 'stop' | 'resume'): void {
    if (value === 'stop') this.stopped.add(`${wabaId}:${waId}`);
    else this.stopped.delete(`${wabaId}:${waId}`);
  }

  isStopped(wabaId: string, waId: string): boolean {
    return this.stopped.has(`${wabaId}:${waId}`);
  }
}
