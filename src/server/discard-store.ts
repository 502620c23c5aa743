import type { ServerStore } from './acceptance-store.ts';
import type { AddResult } from './report-store.ts';

/**
 * Validates nothing further and keeps nothing: `aup serve --store none`, the baseline of
 * `npm run bench -- reports` and `-- checkins` (the same server answering without storing).
 * Never for real use.
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
  async saveCheckin() { return { created: true }; }
  async listDevices() { return []; }
  async device() { return null; }
  async checkinsOf() { return []; }
  async fleetSummary() {
    return { all: { devices: 0, newestSerial: null, onNewest: 0, withHigh: 0, notSeen: 0, behind: 0, notInstalledByPolicy: 0 }, groups: [] };
  }
  async fleetGroups() { return []; }
  async pruneCheckins() { return { checkins: 0, devices: 0 }; }
  async listAcceptances() { return []; }
  async acceptanceSummary() { return []; }
  async notAccepted() { return { devices: [], withoutIdentity: 0 }; }
  async get() { return null; }
  async list() { return []; }
  async markActioned() { return false; }
  async deliveriesOf() { return []; }
  async dueDeliveries() { return []; }
  async deliverySucceeded() {}
  async deliveryFailed() {}
  async close() {}
}
