/**
 * The fleet model of `npm run bench -- fleet`: a discrete-event simulation of devices checking
 * for a policy over a simulated week, with the extension's own schedule (src/retry/check-schedule.ts:
 * a check at browser start, then on the refresh alarm with its jitter). Time is simulated; the
 * bytes of each answer come from real bundles served by the real `aup serve` (fleet.ts measures them).
 */
import { decidePolicyCheck, nextCheckAt } from '../../src/retry/check-schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** One published bundle: from when it is served, and its chunks (sha256 → bytes on the wire). */
export type Version = { serial: number; publishedAt: number; chunks: Map<string, number>; manifestBytes: number };
/** Wire bytes of the answers that do not depend on the version's chunks. */
export type WireSizes = { notModified: number };

export type FleetOptions = {
  devices: number;
  days: number;
  refreshMinutes: number;
  /** Before any of the week's bundles: what every device holds at the start. */
  versions: Version[];
  wire: WireSizes;
  /** Old behaviour, for comparison: a check at every worker wake, this many per hour the browser runs. */
  wakesPerHour: number;
  seed: number;
};

/** What the server sees under one way of serving, per simulated day. */
export type Tally = { requests: number[]; bytes: number[]; perSecond: Map<number, number>; perMinute: Map<number, number>; bytesPerMinute: Map<number, number> };

function tally(days: number): Tally {
  return { requests: Array(days).fill(0), bytes: Array(days).fill(0), perSecond: new Map(), perMinute: new Map(), bytesPerMinute: new Map() };
}

function count(t: Tally, at: number, bytes: number): void {
  const day = Math.floor(at / DAY);
  if (day < 0 || day >= t.requests.length) return;
  t.requests[day]! += 1;
  t.bytes[day]! += bytes;
  const s = Math.floor(at / 1000);
  t.perSecond.set(s, (t.perSecond.get(s) ?? 0) + 1);
  const m = Math.floor(at / MIN);
  t.bytesPerMinute.set(m, (t.bytesPerMinute.get(m) ?? 0) + bytes);
  t.perMinute.set(m, (t.perMinute.get(m) ?? 0) + 1);
}

export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function normal(random: () => number, mean: number, sd: number): number {
  const u = Math.max(random(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * When each device's browser runs on day `day` (0 = Monday): office devices (85 %) on weekdays
 * from about 08:30 (sd 35 min) to about 17:00 (sd 45 min), 5 % of them away on any day and 15 %
 * restarting the browser once at a random time; shared devices (15 %: children's homes, libraries)
 * every day, started between 07:00 and 10:00 and closed between 21:00 and 23:00.
 */
function sessions(kind: 'office' | 'shared', day: number, random: () => number): Array<[number, number]> {
  const base = day * DAY;
  if (kind === 'shared') return [[base + 7 * HOUR + random() * 3 * HOUR, base + 21 * HOUR + random() * 2 * HOUR]];
  if (day % 7 >= 5 || random() < 0.05) return [];
  const start = base + Math.min(Math.max(normal(random, 8.5 * HOUR, 35 * MIN), 6.5 * HOUR), 11 * HOUR);
  const end = base + Math.min(Math.max(normal(random, 17 * HOUR, 45 * MIN), 13 * HOUR), 20 * HOUR);
  if (random() >= 0.15) return [[start, end]];
  const restart = start + random() * (end - start);
  return [[start, restart], [restart + 30_000, end]];
}

/** The version served at `at`. */
function servedAt(versions: Version[], at: number): Version {
  let v = versions[0]!;
  for (const next of versions) if (next.publishedAt <= at) v = next;
  return v;
}

export type FleetResult = {
  /** What we do: ETag/304, then only the chunks a device does not hold. */
  deltas: Tally;
  /** ETag/304, but the whole bundle whenever it changed. */
  wholeOnChange: Tally;
  /** No ETag, no chunk reuse: the whole bundle at every check. */
  wholeEveryCheck: Tally;
  /** Before this change: the same with a check at every wake too (deltas and 304s). */
  everyWake: Tally;
  checks: number;
  deviceDays: number;
  checksPerDeviceDay: number[];
};

type Serving = 'deltas' | 'whole-on-change' | 'whole-every-check';

/** One check at `at` by a device holding `holding`, served one way: counted; returns what it then holds. */
function serveCheck(t: Tally, o: FleetOptions, at: number, holding: Version, how: Serving): Version {
  const v = servedAt(o.versions, at);
  if (v === holding && how !== 'whole-every-check') {
    count(t, at, o.wire.notModified);
    return holding;
  }
  count(t, at, v.manifestBytes);
  let ms = 1;
  // Chunks one after another, as the extension fetches them.
  for (const [sha, bytes] of v.chunks) if (how !== 'deltas' || !holding.chunks.has(sha)) count(t, at + ms++, bytes);
  return v;
}

/** Run the week. */
export function simulateFleet(o: FleetOptions): FleetResult {
  const random = prng(o.seed);
  const r: FleetResult = { deltas: tally(o.days), wholeOnChange: tally(o.days), wholeEveryCheck: tally(o.days), everyWake: tally(o.days), checks: 0, deviceDays: o.devices * o.days, checksPerDeviceDay: Array(o.days).fill(0) };
  const first = o.versions[0]!;
  for (let d = 0; d < o.devices; d++) {
    const kind = random() < 0.15 ? 'shared' : 'office';
    // Every device starts the week holding the first bundle, checked the evening before.
    const held = { deltas: first, onChange: first, old: first };
    let checkedAt = -12 * HOUR;
    let alarmAt = nextCheckAt(checkedAt, o.refreshMinutes, 0, null, random);
    for (let day = 0; day < o.days; day++) {
      for (const [start, end] of sessions(kind, day, random)) {
        // The extension's own decision at browser start and at each alarm while the browser runs
        // (an alarm missed while it was closed fires at start too, and shares the start's check).
        const events: number[] = [];
        const decide = (reason: 'browser-start' | 'alarm', now: number) => {
          const decision = decidePolicyCheck({ reason, now, refreshMinutes: o.refreshMinutes, policyUrl: 'u', held: { policyUrl: 'u', expiresAt: Infinity }, checkedAt, failures: 0, alarmAt });
          if (!decision.check) return;
          events.push(now);
          checkedAt = now;
          alarmAt = nextCheckAt(now, o.refreshMinutes, 0, null, random);
        };
        decide('browser-start', start);
        if (alarmAt < start) decide('alarm', start + 100);
        while (alarmAt < end) {
          const due = alarmAt;
          decide('alarm', due);
          if (alarmAt === due) break; // not re-armed: the model would spin
        }
        for (const t of events) {
          r.checksPerDeviceDay[day]! += 1;
          held.deltas = serveCheck(r.deltas, o, t, held.deltas, 'deltas');
          held.onChange = serveCheck(r.wholeOnChange, o, t, held.onChange, 'whole-on-change');
          serveCheck(r.wholeEveryCheck, o, t, first, 'whole-every-check');
        }
        // Before this change: the same checks plus one at every wake of the worker.
        const wakes = Math.round(((end - start) / HOUR) * o.wakesPerHour);
        const old = [...events, ...Array.from({ length: wakes }, () => start + random() * (end - start))].sort((a, b) => a - b);
        for (const t of old) held.old = serveCheck(r.everyWake, o, t, held.old, 'deltas');
      }
    }
  }
  r.checks = r.checksPerDeviceDay.reduce((a, b) => a + b, 0);
  r.checksPerDeviceDay = r.checksPerDeviceDay.map((n) => n / o.devices);
  return r;
}
