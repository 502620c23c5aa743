import type { Delivery, ReportStore, StoredReport } from './report-store.ts';
import { helpdeskMail, lineManagerMail, type MailMessage } from './mail-messages.ts';

/**
 * Sends what the reports table owes: every delivery row is tried until it succeeds, with
 * exponential back-off and jitter between attempts. The rows are written with the report in
 * one transaction, so a mail server or webhook that is down, or this process being killed,
 * delays a message but never loses it. (One server process per database: two would both send.)
 */

export type Senders = {
  mail(message: MailMessage): Promise<void>;
  webhook(url: string, body: unknown): Promise<void>;
};

export type OutboxOptions = {
  /** First retry after this; doubled each failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often due rows are looked for when nothing wakes the outbox. */
  pollMs: number;
  now?: () => Date;
  random?: () => number;
  log?: (message: string) => void;
};

export const DEFAULT_OUTBOX: OutboxOptions = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, pollMs: 5_000 };

export function retryDelay(attempts: number, o: Pick<OutboxOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const base = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** What the webhook receives: the whole report as ICT sees it. */
export function webhookBody(r: StoredReport) {
  return { type: 'aup-guard.report', version: 1, report: r };
}

export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: ReportStore,
    private readonly senders: Senders,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.log = options.log ?? ((m) => console.warn(m));
  }

  start(): void {
    this.timer ??= setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Look for due deliveries now (after a report is stored, or on the timer). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.log(`outbox: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when the current pass (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.store.dueDeliveries(this.now(), 20);
      if (due.length === 0) return;
      await Promise.all(due.map((d) => this.attempt(d)));
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const report = await this.store.get(d.reportId);
    try {
      if (!report) throw new Error('the report is missing');
      if (d.channel === 'webhook') await this.senders.webhook(d.to, webhookBody(report));
      else await this.senders.mail(d.channel === 'mail-helpdesk' ? helpdeskMail(report, d.to) : lineManagerMail(report, d.to));
      await this.store.deliverySucceeded(d.id, this.now());
    } catch (error) {
      const delay = retryDelay(d.attempts + 1, this.options, this.random);
      const message = (error as Error).message || String(error);
      await this.store.deliveryFailed(d.id, message, new Date(this.now().getTime() + delay));
      this.log(`outbox: ${d.channel} for ${report?.receipt ?? d.reportId} failed (attempt ${d.attempts + 1}: ${message}); next try in ${Math.round(delay / 1000)} s`);
    }
  }
}
