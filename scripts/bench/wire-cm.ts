/**
 * A context-mixing coder for host-list keys, for measuring only (issue 14): how small could a
 * chunk be with a model far stronger than deflate's, and how long would a decoder written in
 * JavaScript take? It is a real coder — `decodeKeysCm(encodeKeysCm(keys))` gives the keys back,
 * and the benchmark checks that — but it is not a chunk format: no header, no version, no checks
 * on hostile input. Its figures are in docs/performance.md ("The chunk wire").
 *
 * The model, lpaq-like: each key (reversed labels, sorted, as host-list.ts makes them) is its
 * shared-prefix length with the previous key (8 binary decisions, 3 models: the previous prefix,
 * the previous key's length and last dot, the previous key's last label length) and then its
 * characters (6 binary decisions each over a 41-symbol alphabet, 0 = end of key) predicted by 6
 * models: order 1 with "first character after the prefix" and the previous key's character there
 * (sorted keys make it close), orders 2, 3 and 5, the current label so far, and the position in
 * the suffix. Counters adapt at 1/(n + 1.6); a logistic mixer picks weights by node and by kind
 * of position. A 32-bit binary arithmetic coder (as in lpaq1) turns 12-bit probabilities into bytes.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_.:';
const DOT = ALPHABET.indexOf('.') + 1;
const SYMBOL = new Uint8Array(128);
ALPHABET.split('').forEach((c, i) => (SYMBOL[c.charCodeAt(0)] = i + 1));

const SQUASH = new Int16Array(4096);
const STRETCH = new Int16Array(4096);
for (let i = 0; i < 4096; i++) SQUASH[i] = Math.min(4095, Math.max(1, Math.round(4096 / (1 + Math.exp(-(i - 2048) / 256)))));
{
  let from = 0;
  for (let x = -2047; x <= 2047; x++) {
    const p = SQUASH[x + 2048] as number;
    for (let j = from; j <= p; j++) STRETCH[j] = x;
    from = p + 1;
  }
  for (let j = from; j < 4096; j++) STRETCH[j] = 2047;
}
const squash = (d: number): number => (d > 2047 ? 4095 : d < -2047 ? 1 : (SQUASH[d + 2048] as number));
const RATE = new Int32Array(32).map((_, n) => Math.floor(65536 / (n + 1.6)));
const COUNT_LIMIT = 30;
const LEARNING = 24;
const MODELS = 6;
const TABLE_BITS = 22;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

/** The 32-bit binary arithmetic coder; `bit` is ignored when decoding. */
class Coder {
  private x1 = 0;
  private x2 = 0xffffffff;
  private x = 0;
  private at = 0;
  readonly out: number[] = [];
  constructor(private readonly input: Uint8Array | null) {
    if (input) for (let i = 0; i < 4; i++) this.x = ((this.x << 8) | this.next()) >>> 0;
  }
  private next(): number {
    const input = this.input as Uint8Array;
    return this.at < input.length ? (input[this.at++] as number) : 0;
  }
  code(bit: number, p: number): number {
    const range = this.x2 - this.x1;
    const mid = this.x1 + (range >>> 12) * p + (((range & 4095) * p) >>> 12);
    if (this.input) bit = this.x <= mid ? 1 : 0;
    if (bit) this.x2 = mid;
    else this.x1 = mid + 1;
    while (((this.x1 ^ this.x2) & 0xff000000) === 0) {
      if (!this.input) this.out.push(this.x2 >>> 24);
      this.x1 = (this.x1 << 8) >>> 0;
      this.x2 = ((this.x2 << 8) | 255) >>> 0;
      if (this.input) this.x = ((this.x << 8) | this.next()) >>> 0;
    }
    return bit;
  }
  finish(): Uint8Array {
    this.out.push(this.x1 >>> 24, 255, 255, 255);
    return Uint8Array.from(this.out);
  }
}

/** Probability counters (12-bit) with hit counts, and one logistic mixer with weight sets. */
class Mixer {
  readonly p: Uint16Array;
  readonly n: Uint8Array;
  readonly weights: Int32Array;
  readonly index: Int32Array;
  readonly stretched: Int32Array;
  constructor(
    readonly inputs: number,
    tableBits: number,
    weightSets: number,
  ) {
    this.p = new Uint16Array(inputs << tableBits).fill(2048);
    this.n = new Uint8Array(inputs << tableBits);
    this.weights = new Int32Array(inputs * weightSets).fill(1 << 14);
    this.index = new Int32Array(inputs);
    this.stretched = new Int32Array(inputs);
  }
  /** Code one bit with counters at `index` (already set) and weight set `set`. */
  bit(coder: Coder, bit: number, set: number): number {
    const { p, n, weights, index, stretched, inputs } = this;
    const w = set * inputs;
    let dot = 0;
    for (let m = 0; m < inputs; m++) {
      const s = STRETCH[p[index[m] as number] as number] as number;
      stretched[m] = s;
      dot += (weights[w + m] as number) * s;
    }
    const pr = squash(dot >> 16);
    const y = coder.code(bit, pr);
    const error = ((y << 12) - pr) * LEARNING;
    const target = y ? 4095 : 0;
    for (let m = 0; m < inputs; m++) {
      weights[w + m] = (weights[w + m] as number) + (((stretched[m] as number) * error) >> 16);
      const j = index[m] as number;
      const seen = n[j] as number;
      p[j] = (p[j] as number) + (((target - (p[j] as number)) * (RATE[seen] as number)) >> 16);
      if (seen < COUNT_LIMIT) n[j] = seen + 1;
    }
    return y;
  }
}

const hashTo = (value: number, salt: number): number => (Math.imul(value ^ salt, 0x9e3779b1) >>> (38 - TABLE_BITS)) << 6;

/** Keys: reversed-label host keys, unique and sorted (encodeHostList's order). */
export function encodeKeysCm(keys: readonly string[]): Uint8Array {
  const coder = new Coder(null);
  run(coder, keys.map((key) => Uint8Array.from(key, (c) => SYMBOL[c.charCodeAt(0)] as number)), keys.length);
  return coder.finish();
}

export function decodeKeysCm(bytes: Uint8Array, count: number): string[] {
  return run(new Coder(bytes), null, count).map((key) => String.fromCharCode(...Array.from(key, (s) => ALPHABET.charCodeAt(s - 1))));
}

function run(coder: Coder, keys: Uint8Array[] | null, count: number): Uint8Array[] {
  const prefixModel = new Mixer(3, 18, 256);
  const charModel = new Mixer(MODELS, TABLE_BITS, 3 * 64);
  const decoded: Uint8Array[] = [];
  const bases = new Int32Array(MODELS);
  let previous = new Uint8Array(256);
  let current = new Uint8Array(256);
  let previousLength = 0;
  let previousPrefix = 0;
  for (let k = 0; k < count; k++) {
    const key = keys ? (keys[k] as Uint8Array) : null;
    let prefix = 0;
    if (key) while (prefix < previousLength && prefix < key.length && key[prefix] === previous[prefix]) prefix++;
    let lastDot = 0;
    for (let i = 0; i < previousLength; i++) if (previous[i] === DOT) lastDot = i + 1;
    let node = 1;
    for (let b = 7; b >= 0; b--) {
      prefixModel.index[0] = ((previousPrefix & 255) << 8) + node;
      prefixModel.index[1] = ((256 + ((previousLength * 7 + lastDot) & 0x3ff)) << 8) + node;
      prefixModel.index[2] = ((1280 + ((previousLength - lastDot) & 255)) << 8) + node;
      node = node * 2 + prefixModel.bit(coder, (prefix >> b) & 1, node);
    }
    prefix = node & 255;
    if (prefix > previousLength) throw new Error(`key ${k + 1} shares more than the previous key holds`);
    current.set(previous.subarray(0, prefix));
    let length = prefix;
    let labelStart = prefix;
    while (labelStart > 0 && current[labelStart - 1] !== DOT) labelStart--;
    let label = 0;
    for (let i = labelStart; i < length; i++) label = (Math.imul(label, 0x2c1b3c6d) + (current[i] as number) + 1) | 0;
    for (;;) {
      const c1 = length >= 1 ? (current[length - 1] as number) : 0;
      const c2 = length >= 2 ? (current[length - 2] as number) : 0;
      const c3 = length >= 3 ? (current[length - 3] as number) : 0;
      const c45 = (length >= 4 ? (current[length - 4] as number) : 0) * 42 + (length >= 5 ? (current[length - 5] as number) : 0);
      const first = length === prefix ? 1 + (length < previousLength ? (previous[length] as number) : 41) : 0;
      const isFirst = first ? 1 : 0;
      const index = charModel.index;
      bases[0] = ((c1 * 64 + first) & 0x3fff) << 6;
      bases[1] = (0x4000 + (c1 * 42 + c2) * 2 + isFirst) << 6;
      bases[2] = hashTo(((c1 * 42 + c2) * 42 + c3) * 2 + isFirst, 0x1111);
      bases[3] = hashTo(((c1 * 42 + c2) * 42 + c3) * 1764 + c45, 0x1234567);
      bases[4] = hashTo(label ^ (Math.min(length - labelStart, 20) << 26), 0x7654321);
      bases[5] = ((first * 64 + Math.min(length - prefix, 20) * 4096 + c1 * 90000) & 0xffff) << 6;
      const symbol = key ? (length < key.length ? (key[length] as number) : 0) : 0;
      const set = (first ? 1 : c1 === DOT ? 2 : 0) * 64;
      let tree = 1;
      for (let b = 5; b >= 0; b--) {
        for (let m = 0; m < MODELS; m++) index[m] = (m << TABLE_BITS) + (((bases[m] as number) + tree) & TABLE_MASK);
        tree = tree * 2 + charModel.bit(coder, (symbol >> b) & 1, set + tree);
      }
      const s = tree & 63;
      if (s === 0) break;
      if (s > ALPHABET.length || length >= 253) throw new Error(`key ${k + 1} is not a host key`);
      current[length++] = s;
      if (s === DOT) {
        label = 0;
        labelStart = length;
      } else label = (Math.imul(label, 0x2c1b3c6d) + s + 1) | 0;
    }
    if (!keys) decoded.push(current.slice(0, length));
    [previous, current] = [current, previous];
    previousLength = length;
    previousPrefix = prefix;
  }
  return decoded;
}
