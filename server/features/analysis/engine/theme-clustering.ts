import { kmeans } from 'ml-kmeans';
import { buildVocabulary, dense, similarity, type SparseVector, Stemmer, vectorise, type Vocabulary } from './text-features';

/**
 * Themes from TF-IDF vectors: k-means (`ml-kmeans`, k-means++ with a fixed seed, so the same
 * responses give the same themes) on an evenly spaced sample, the number of themes chosen by the
 * simplified silhouette unless the analyst gave one, then every response scored against every
 * theme's centroid. A response joins its best theme and any other that scores nearly as well.
 */
const VOCABULARY_SIZE = 250;
const SAMPLE_SIZE = 800;
const SEED = 19;
/** The theme counts tried when the analyst gives none: k-means runs once for each. */
const THEME_COUNTS = [4, 6, 8, 10, 13, 16, 20];
const MIN_SIMILARITY = 0.1;
/** A second theme is kept when it scores at least this share of the best one. */
const SECOND_THEME_SHARE = 0.75;
const KEY_PHRASES = 6;
/** Centroid terms kept with a stored theme, enough to score new responses against it. */
const STORED_TERMS = 60;

export interface ThemeScore {
  readonly theme: number;
  readonly score: number;
}

export interface ProposedTheme {
  readonly keyPhrases: string[];
  /** Stem → weight of the theme's centroid (its strongest terms), kept to suggest new responses into it later. */
  readonly centroid: Record<string, number>;
}

export interface ThemeProposal {
  readonly themes: ProposedTheme[];
  /** For each text, its themes, best first (empty: not themed). */
  readonly assignments: ThemeScore[][];
}

interface Corpus {
  readonly vocabulary: Vocabulary;
  readonly vectors: SparseVector[];
}

function corpusOf(texts: readonly string[]): Corpus {
  const stemmer = new Stemmer();
  const stems = texts.map((t) => stemmer.stems(t));
  const vocabulary = buildVocabulary(stems, VOCABULARY_SIZE, stemmer);
  return { vocabulary, vectors: stems.map((s) => vectorise(s, vocabulary)) };
}

function normalised(values: number[]): number[] {
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

/** Each text's themes: the best and any scoring nearly as well, above the floor. */
function assign(vectors: readonly SparseVector[], centroids: readonly ArrayLike<number>[]): ThemeScore[][] {
  return vectors.map((vector) => {
    const scores = centroids.map((c, theme) => ({ theme, score: similarity(vector, c) })).sort((a, b) => b.score - a.score || a.theme - b.theme);
    const best = scores[0]?.score ?? 0;
    return scores.filter((s) => s.score >= MIN_SIMILARITY && s.score >= best * SECOND_THEME_SHARE);
  });
}

/** Mean of a simplified silhouette (own centroid against the nearest other), higher is better. */
function silhouette(points: readonly number[][], clusters: readonly number[], centroids: readonly number[][]): number {
  let total = 0;
  points.forEach((p, i) => {
    let own = 0;
    let other = Infinity;
    centroids.forEach((c, k) => {
      let sum = 0;
      for (let d = 0; d < c.length; d += 1) sum += (c[d]! - p[d]!) ** 2;
      if (k === clusters[i]) own = Math.sqrt(sum);
      else other = Math.min(other, Math.sqrt(sum));
    });
    total += Math.max(own, other) === 0 ? 0 : (other - own) / Math.max(own, other);
  });
  return total / points.length;
}

function clusterSample(sample: number[][], themeCount: number | undefined): number[][] {
  const run = (k: number) => kmeans(sample, k, { seed: SEED, initialization: 'kmeans++', maxIterations: 50 });
  if (themeCount !== undefined) return run(Math.min(themeCount, sample.length)).centroids;
  let best: { score: number; centroids: number[][] } | undefined;
  for (const k of THEME_COUNTS.filter((k) => k * k <= sample.length)) {
    const result = run(k);
    const score = silhouette(sample, result.clusters, result.centroids);
    if (!best || score > best.score) best = { score, centroids: result.centroids };
  }
  return best?.centroids ?? [];
}

/** One Lloyd step over every text (the sample only seeded the centroids). */
function refine(vectors: readonly SparseVector[], centroids: readonly number[][], size: number): number[][] {
  const sums = centroids.map(() => new Array<number>(size).fill(0));
  for (const vector of vectors) {
    const best = assign([vector], centroids)[0]![0];
    if (!best) continue;
    vector.features.forEach((f, i) => (sums[best.theme]![f]! += vector.weights[i]!));
  }
  return sums.map((sum, k) => (sum.some((v) => v !== 0) ? normalised(sum) : centroids[k]!));
}

function storedCentroid(centroid: readonly number[], stems: readonly string[]): Record<string, number> {
  const top = centroid.map((w, f) => ({ w, f })).sort((a, b) => b.w - a.w).slice(0, STORED_TERMS).filter((t) => t.w > 0);
  return Object.fromEntries(top.map(({ w, f }) => [stems[f]!, Math.round(w * 1e4) / 1e4]));
}

/** Proposes themes for `texts` (one per distinct response: a campaign counts once). */
export function proposeThemes(texts: readonly string[], themeCount?: number): ThemeProposal {
  const { vocabulary, vectors } = corpusOf(texts);
  const size = vocabulary.idf.length;
  const usable = vectors.filter((v) => v.features.length > 0);
  if (usable.length < 2 || size === 0) return { themes: [], assignments: texts.map(() => []) };
  const step = Math.max(1, usable.length / SAMPLE_SIZE);
  const sample = Array.from({ length: Math.min(SAMPLE_SIZE, usable.length) }, (_, i) => dense(usable[Math.floor(i * step)]!, size));
  const centroids = refine(usable, clusterSample(sample, themeCount).map(normalised), size);
  const stems = [...vocabulary.index.keys()];
  const themes = centroids.map((c) => ({
    keyPhrases: c.map((w, f) => ({ w, f })).sort((a, b) => b.w - a.w).slice(0, KEY_PHRASES).map(({ f }) => vocabulary.surface[f]!),
    centroid: storedCentroid(c, stems),
  }));
  return { themes, assignments: assign(vectors, centroids) };
}

/**
 * Scores `texts` against themes that already exist (their stored centroids, or the mean of the
 * responses already in them): new responses are suggested into the analyst's themes, not re-clustered.
 */
export function suggestIntoThemes(texts: readonly string[], themes: readonly { members: readonly number[] }[], targets: readonly number[]): ThemeScore[][] {
  const { vocabulary, vectors } = corpusOf(texts);
  const size = vocabulary.idf.length;
  const centroids = themes.map(({ members }) => {
    const sum = new Array<number>(size).fill(0);
    for (const m of members) vectors[m]!.features.forEach((f, i) => (sum[f]! += vectors[m]!.weights[i]!));
    return normalised(sum);
  });
  return assign(targets.map((t) => vectors[t]!), centroids);
}
