/**
 * When each breach became visible as flagged. The handler marks a clock breached in the transaction that removes its
 * `sla:<clockId>:breach` timer, and writes breached_at = the deadline itself (the fact's time), so breached_at says
 * nothing about the delay. Instead the sampler reads, every SAMPLE_MS, the breach timers already due and still
 * pending (an index range on timers.due_at: only the few due rows are read, whatever the number waiting). A breach's
 * flagged latency is then at most the first sample at or after its deadline that no longer holds its timer, minus
 * the deadline: an upper bound, coarse by one sample interval plus the query. The worker transaction's start
 * (sla_clocks.updated_at = now()) gives the lower bound.
 */
import { Client } from 'pg';

const SAMPLE_MS = 100;

interface Sample {
  /** The statement's time (ms): what it saw had committed by then. */
  at: number;
  pending: Set<string>;
}

export class BreachSampler {
  private readonly samples: Sample[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  backendPid = 0;

  constructor(private readonly db: Client) {}

  async start(): Promise<void> {
    this.backendPid = Number((await this.db.query('select pg_backend_pid() as pid')).rows[0].pid);
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      const { rows } = await this.db.query<{ at: Date; keys: string[] | null }>(
        `select statement_timestamp() as at,
                (select array_agg(key) from timers
                  where due_at <= statement_timestamp() and kind = 'sla.breach') as keys`,
      );
      this.samples.push({ at: new Date(rows[0].at).getTime(), pending: new Set(rows[0].keys ?? []) });
      await new Promise((r) => setTimeout(r, Math.max(0, SAMPLE_MS - (Date.now() - started))));
    }
  }

  /**
   * Milliseconds from the deadline to the first sample that no longer holds the clock's timer; null when every
   * sample after the deadline still held it (not flagged while sampling).
   */
  latencyOf(clockId: string, dueAt: number): number | null {
    const key = `sla:${clockId}:breach`;
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.samples[mid].at < dueAt) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.samples.length; i++)
      if (!this.samples[i].pending.has(key)) return this.samples[i].at - dueAt;
    return null;
  }

  /** Time between consecutive samples (ms): the upper bound's resolution, and how much the machine stalls a trivial query. */
  gaps(): number[] {
    const gaps: number[] = [];
    for (let i = 1; i < this.samples.length; i++) gaps.push(this.samples[i].at - this.samples[i - 1].at);
    return gaps;
  }

  count(): number {
    return this.samples.length;
  }
}
