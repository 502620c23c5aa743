import { prng } from '../../tests/fixtures/synthetic-hosts.ts';

/**
 * How the page-load comparisons take turns: each round loads the same fresh host in every
 * browser, in a shuffled order, after a short pause.
 * Why not rotate (browser (i + k) mod n)? A rotation keeps each browser's predecessor the same
 * in almost every round, and on two cores the predecessor's work after its `load` event (paint,
 * its own tidying, the harness's bookkeeping) lands on the next load: a bias that never cancels.
 * Rotated, two identical Chromiums stayed within ±8 ms of each other, yet the browser after the
 * extension-less Puppeteer one read +13…+34 ms slower, while direct probes of the same build found
 * no cost (docs/performance.md). A seeded shuffle spreads predecessors evenly, and the pause lets
 * the machine settle so there is little left to carry over.
 */
export const SETTLE_MS = 150;

/** The round's order: a Fisher–Yates shuffle seeded by the round, so a re-run repeats it. */
export function roundOrder<T>(items: readonly T[], round: number, seed = 20261206): T[] {
  const random = prng(seed + round * 7919);
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
