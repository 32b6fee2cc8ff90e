import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOPWORDS } from 'stopword';
import { words } from './campaign-grouping';

/**
 * TF-IDF over Porter stems (`stemmer`), with English stop-words (`stopword`) and the words every
 * consultation response uses dropped, so that what is left says what a response is about.
 */
const STOPWORDS = new Set([
  ...ENGLISH_STOPWORDS,
  ...['council', 'please', 'think', 'would', 'could', 'should', 'must', 'also', 'really', 'just', 'strategy', 'draft', 'response', 'thank', 'thanks', 'view', 'views', 'resident'],
]);

export interface Vocabulary {
  /** Stem → feature index. */
  readonly index: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** The word people wrote most often for each feature's stem (for key phrases). */
  readonly surface: readonly string[];
}

/** A sparse, L2-normalised vector: feature indexes and their weights. */
export interface SparseVector {
  readonly features: Int32Array;
  readonly weights: Float64Array;
}

export class Stemmer {
  private readonly cache = new Map<string, string | null>();
  /** How often each stem was written as each word, for the surface forms. */
  readonly written = new Map<string, Map<string, number>>();

  /** The stems of a text's content words (null for a stop-word, a number or a too-short word). */
  stems(text: string): string[] {
    const out: string[] = [];
    for (const word of words(text)) {
      let stem = this.cache.get(word);
      if (stem === undefined) {
        stem = word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word) ? null : stemmer(word);
        this.cache.set(word, stem);
      }
      if (stem === null) continue;
      out.push(stem);
      const forms = this.written.get(stem) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      this.written.set(stem, forms);
    }
    return out;
  }

  surfaceOf(stem: string): string {
    const forms = [...(this.written.get(stem) ?? new Map([[stem, 1]]))];
    return forms.reduce((best, form) => (form[1] > best[1] || (form[1] === best[1] && form[0] < best[0]) ? form : best))[0];
  }
}

/**
 * The `size` stems found in the most documents, leaving out those in more than half (they
 * separate nothing) and those in only one.
 */
export function buildVocabulary(documents: readonly string[][], size: number, stemmer: Stemmer): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of documents) for (const stem of new Set(doc)) df.set(stem, (df.get(stem) ?? 0) + 1);
  const chosen = [...df]
    .filter(([, n]) => n >= 2 && n <= documents.length / 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size);
  return {
    index: new Map(chosen.map(([stem], i) => [stem, i])),
    idf: Float64Array.from(chosen, ([, n]) => Math.log(documents.length / n)),
    surface: chosen.map(([stem]) => stemmer.surfaceOf(stem)),
  };
}

/** Sublinear TF × IDF over the vocabulary, L2-normalised (empty when no word of the text is in it). */
export function vectorise(stems: readonly string[], vocabulary: Vocabulary): SparseVector {
  const tf = new Map<number, number>();
  for (const stem of stems) {
    const feature = vocabulary.index.get(stem);
    if (feature !== undefined) tf.set(feature, (tf.get(feature) ?? 0) + 1);
  }
  const features = Int32Array.from(tf.keys());
  const weights = Float64Array.from(features, (f) => (1 + Math.log(tf.get(f)!)) * vocabulary.idf[f]!);
  const norm = Math.hypot(...weights) || 1;
  for (let i = 0; i < weights.length; i += 1) weights[i] = weights[i]! / norm;
  return { features, weights };
}

export function dense(vector: SparseVector, size: number): number[] {
  const out = new Array<number>(size).fill(0);
  vector.features.forEach((f, i) => (out[f] = vector.weights[i]!));
  return out;
}

/** Cosine similarity of a normalised sparse vector with a dense centroid. */
export function similarity(vector: SparseVector, centroid: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.features.length; i += 1) sum += vector.weights[i]! * centroid[vector.features[i]!]!;
  return sum;
}
