import type { ServerStore } from './acceptance-store.ts';
import type { AddResult } from './report-store.ts';

/**
 * Validates nothing further and keeps nothing: `aup serve --store none`, the baseline of
 * `npm run bench -- reports` (the same server answering without storing). Never for real use.
 */
export class DiscardReportStore implements ServerStore {
  private seq = 0;
  private acceptanceSeq = 0;
  async add(): Promise<AddResult> {
    this.seq++;
    return { receipt: `R-0000-${String(this.seq).padStart(6, '0')}`, created: true };
  }
  async saveAcceptance(): Promise<AddResult> {
    this.acceptanceSeq++;
    return { receipt: `A-0000-${String(this.acceptanceSeq).padStart(6, '0')}`, created: true };
  }
  async listAcceptances() { return []; }
  async acceptanceSummary() { return []; }
  async get() { return null; }
  async list() { return []; }
  async markActioned() { return false; }
  async deliveriesOf() { return []; }
  async dueDeliveries() { return []; }
  async deliverySucceeded() {}
  async deliveryFailed() {}
  async close() {}
}
