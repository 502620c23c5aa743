import type { AddResult, ReportStore } from './report-store.ts';

/**
 * Validates nothing further and keeps nothing: `aup serve --store none`, the baseline of
 * `npm run bench -- reports` (the same server answering without storing). Never for real use.
 */
export class DiscardReportStore implements ReportStore {
  private seq = 0;
  async add(): Promise<AddResult> {
    this.seq++;
    return { receipt: `R-0000-${String(this.seq).padStart(6, '0')}`, created: true };
  }
  async get() { return null; }
  async list() { return []; }
  async markActioned() { return false; }
  async deliveriesOf() { return []; }
  async dueDeliveries() { return []; }
  async deliverySucceeded() {}
  async deliveryFailed() {}
  async close() {}
}
