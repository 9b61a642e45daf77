import { FACTOR_IDS, FACTORS, RATING_MAX, RATING_MIN, type FactorId } from './factors.ts';

/** What the chooser needs of a framework: its name and a 1..5 rating per factor. */
export interface RatedFramework {
  id: string;
  name: string;
  ratings: Record<FactorId, number>;
}

export type Weights = Record<FactorId, number>;

export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 5;
export const DEFAULT_WEIGHT = 3;

export const defaultWeights = (): Weights => Object.fromEntries(FACTOR_IDS.map((f) => [f, DEFAULT_WEIGHT])) as Weights;

export interface Reason {
  factor: FactorId;
  label: string;
  /** This framework's rating minus the mean of the others, times the factor's weight. */
  pull: number;
}

export interface Ranked {
  id: string;
  name: string;
  /** Weighted mean rating mapped to 0..100; null when every weight is zero. */
  score: number | null;
  /** Factors that lift it most above the others, strongest first. */
  strengths: Reason[];
  /** Factors that hold it back most, weakest first. */
  weaknesses: Reason[];
}

/**
 * Ranks frameworks by the weighted mean of their ratings. The score is on 0..100 so that a
 * framework rated 5 on everything scores 100 and one rated 1 scores 0, whatever the weights.
 * Ties keep the input order, so the ranking is stable as weights change.
 */
export function rank(frameworks: readonly RatedFramework[], weights: Weights, reasons = 3): Ranked[] {
  const total = FACTOR_IDS.reduce((s, f) => s + weights[f], 0);
  const ranked = frameworks.map((fw, index) => {
    const mean = total === 0 ? null : FACTOR_IDS.reduce((s, f) => s + weights[f] * fw.ratings[f], 0) / total;
    const score = mean === null ? null : ((mean - RATING_MIN) / (RATING_MAX - RATING_MIN)) * 100;
    const pulls: Reason[] = FACTOR_IDS.filter((f) => weights[f] > 0).map((factor) => {
      const others = frameworks.filter((o) => o !== fw);
      const othersMean = others.reduce((s, o) => s + o.ratings[factor], 0) / Math.max(others.length, 1);
      return { factor, label: FACTORS[factor], pull: weights[factor] * (fw.ratings[factor] - othersMean) };
    });
    return {
      index,
      id: fw.id,
      name: fw.name,
      score,
      strengths: pulls
        .filter((p) => p.pull > 0)
        .sort((a, b) => b.pull - a.pull)
        .slice(0, reasons),
      weaknesses: pulls
        .filter((p) => p.pull < 0)
        .sort((a, b) => a.pull - b.pull)
        .slice(0, reasons),
    };
  });
  ranked.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.index - b.index);
  return ranked.map(({ index: _index, ...r }) => r);
}
