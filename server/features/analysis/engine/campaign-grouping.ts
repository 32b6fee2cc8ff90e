/**
 * Campaign grouping: MinHash over word 3-shingles with locality-sensitive hashing, our own small
 * module (the `minhash` package on npm is unmaintained since 2019 and hashes strings slowly).
 * 128 hash functions in 32 bands of 4: pairs with a Jaccard similarity of 0.5 meet in a bucket with
 * probability 0.87 (and campaign copies reach each other through the many copies between them);
 * each candidate pair is then checked on the full signature.
 */
const HASHES = 128;
const ROWS = 4;
const BANDS = Math.floor(HASHES / ROWS);
/** Share of the smaller text's shingles that must also be in the other: a template with a few words changed and the sender's own sentences added still passes. */
export const MIN_CONTAINMENT = 0.7;
/** Below this estimated Jaccard similarity two texts are never one campaign, however short one is. */
const MIN_JACCARD = 0.4;
/** A bucket shared by more texts than this stops taking new ones (their links already exist through the first). */
export const BUCKET_CAP = 6;

/** Odd multipliers and xor masks of the hash functions, fixed so that signatures are the same on every run. */
const MULTIPLIERS = new Uint32Array(HASHES);
const MASKS = new Uint32Array(HASHES);
for (let i = 0, s = 0x2545f491; i < HASHES; i += 1) {
  s = (Math.imul(s ^ (s >>> 16), 0x45d9f3b) + 0x9e3779b9) >>> 0;
  MULTIPLIERS[i] = (s | 1) >>> 0;
  s = (Math.imul(s ^ (s >>> 13), 0x27d4eb2d) + 0x85ebca6b) >>> 0;
  MASKS[i] = s;
}

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Lower-case words, punctuation dropped: "Keep it local!" and "keep it local" are the same text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Distinct hashed word 3-shingles (the words themselves for a text shorter than three). */
function shingles(tokens: readonly string[]): Set<number> {
  const hashes = tokens.map(wordHash);
  const set = new Set<number>();
  if (hashes.length < 3) for (const h of hashes) set.add(h);
  for (let i = 0; i + 2 < hashes.length; i += 1) {
    set.add((Math.imul(hashes[i]!, 0x9e3779b1) ^ Math.imul(hashes[i + 1]!, 0x85ebca77) ^ Math.imul(hashes[i + 2]!, 0xc2b2ae3d)) >>> 0);
  }
  return set;
}

export interface Signature {
  readonly minima: Uint32Array;
  readonly size: number;
}

export function signature(text: string): Signature {
  const set = shingles(words(text));
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of set) {
    for (let i = 0; i < HASHES; i += 1) {
      let x = Math.imul(shingle ^ MASKS[i]!, MULTIPLIERS[i]!);
      x = (x ^ (x >>> 15)) >>> 0;
      if (x < minima[i]!) minima[i] = x;
    }
  }
  return { minima, size: set.size };
}

/** Same campaign: enough of the shorter text's shingles, estimated from the signatures, are in the other. */
export function sameCampaign(a: Signature, b: Signature): boolean {
  if (a.size === 0 || b.size === 0) return false;
  // Stop as soon as too many hashes differ for the Jaccard floor: most candidates fail early.
  const maxDiffering = HASHES * (1 - MIN_JACCARD);
  let differing = 0;
  for (let i = 0; i < HASHES; i += 1) if (a.minima[i] !== b.minima[i] && ++differing > maxDiffering) return false;
  const equal = HASHES - differing;
  const jaccard = equal / HASHES;
  if (jaccard < MIN_JACCARD) return false;
  const shared = (jaccard * (a.size + b.size)) / (1 + jaccard);
  return shared / Math.min(a.size, b.size) >= MIN_CONTAINMENT;
}

function bandKey(minima: Uint32Array, band: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let r = band * ROWS; r < band * ROWS + ROWS; r += 1) h = Math.imul(h ^ minima[r]!, 0x01000193) ^ (h >>> 13);
  return h >>> 0;
}

/** The signature's band keys as signed 32-bit integers (the database index stores them as `integer`). */
export function bandKeys(sig: Signature): number[] {
  if (sig.size === 0) return [];
  return Array.from({ length: BANDS }, (_, band) => bandKey(sig.minima, band) | 0);
}

/** Union–find over text indexes; the root of a group is its lowest index, so the first text to arrive represents it. */
class Groups {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  root(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  join(a: number, b: number): void {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export interface GroupingInput {
  readonly text: string;
  /** False for a text a person took out of or put into a campaign: grouping never links it. */
  readonly linkable: boolean;
}

/**
 * Groups texts (in arrival order) into campaigns: returns, for each text, the index of the first
 * text of its group. Each text is checked only against texts it shares an LSH bucket with;
 * `onIndexed` hears each (text, band key) a bucket took, for the persisted index.
 */
export function groupNearDuplicates(inputs: readonly GroupingInput[], onProgress?: (done: number) => void, onIndexed?: (text: number, key: number) => void): Int32Array {
  const groups = new Groups(inputs.length);
  const buckets = new Map<number, number[]>();
  const signatures: Signature[] = [];
  // checkedBy[j] === i once text i was compared with text j (a stamp instead of a set per text: no garbage).
  const checkedBy = new Int32Array(inputs.length).fill(-1);
  inputs.forEach((input, i) => {
    const sig = signature(input.text);
    signatures.push(sig);
    if (!input.linkable || sig.size === 0) return;
    for (let band = 0; band < BANDS; band += 1) {
      const key = bandKey(sig.minima, band);
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        onIndexed?.(i, key | 0);
        continue;
      }
      for (const j of bucket) {
        if (checkedBy[j] === i) continue;
        checkedBy[j] = i;
        if (groups.root(j) !== groups.root(i) && sameCampaign(sig, signatures[j]!)) groups.join(i, j);
      }
      if (bucket.length < BUCKET_CAP) {
        bucket.push(i);
        onIndexed?.(i, key | 0);
      }
    }
    if (onProgress && i % 1000 === 999) onProgress(i + 1);
  });
  return Int32Array.from({ length: inputs.length }, (_, i) => groups.root(i));
}
