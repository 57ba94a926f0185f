/** A deadline to fire once: `key` is unique (scheduling the same key again moves it), `kind` picks the handler. */
export interface TimerInput {
  kind: string;
  /** Unique across kinds, e.g. `sla:<clockId>:breach`; scheduling it again replaces the earlier one. */
  key: string;
  dueAt: Date;
  /** Small and free of secrets: it is stored with the timer and handed to the handler. */
  payload?: Record<string, unknown>;
}

/** A timer as its handler receives it, once, in the transaction that removes it. */
export interface FiredTimer {
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** The clock's time when it fired (the controllable clock in tests). */
  firedAt: Date;
}
