import { describe, expect, it } from 'vitest';
import { FACTOR_IDS, type FactorId } from '../../schemas/frameworks.ts';
import { defaultWeights, rank, type RatedFramework } from './rank.ts';
import { parseWeight, searchWithWeights, weightsFromSearch } from './url-state.ts';

const all = (n: number) => Object.fromEntries(FACTOR_IDS.map((f) => [f, n])) as Record<FactorId, number>;
const a: RatedFramework = { id: 'a', name: 'A', ratings: { ...all(3), speed: 5 } };
const b: RatedFramework = { id: 'b', name: 'B', ratings: { ...all(3), deployment: 5, speed: 1 } };

describe('rank', () => {
  it('maps ratings to 0..100 whatever the weights', () => {
    const top: RatedFramework = { id: 't', name: 'T', ratings: all(5) };
    const low: RatedFramework = { id: 'l', name: 'L', ratings: all(1) };
    const r = rank([low, top], { ...defaultWeights(), speed: 5 });
    expect(r.map((x) => [x.id, x.score])).toEqual([
      ['t', 100],
      ['l', 0],
    ]);
  });
  it('follows the weights, and explains with the factors that pull most', () => {
    const speedFirst = rank([a, b], { ...all(0), speed: 5, deployment: 1 } as never);
    expect(speedFirst[0]?.id).toBe('a');
    expect(speedFirst[0]?.strengths[0]?.factor).toBe('speed');
    expect(speedFirst[1]?.weaknesses[0]?.factor).toBe('speed');
    const deployFirst = rank([a, b], { ...all(0), deployment: 5 } as never);
    expect(deployFirst[0]?.id).toBe('b');
  });
  it('gives no score, rather than NaN, when every weight is zero', () => {
    const r = rank([a, b], all(0) as never);
    expect(r.map((x) => x.score)).toEqual([null, null]);
    expect(r.map((x) => x.id)).toEqual(['a', 'b']);
  });
});

describe('URL state', () => {
  it('round-trips weights and keeps other islands’ parameters', () => {
    const w = { ...defaultWeights(), speed: 5, licence: 0 };
    const search = searchWithWeights('?other=1&choose.speed=2', w);
    expect(search).toBe('?other=1&choose.licence=0&choose.speed=5');
    expect(weightsFromSearch(search)).toEqual({ weights: w, ignored: [] });
  });
  it('writes nothing for default weights', () => {
    expect(searchWithWeights('', defaultWeights())).toBe('');
  });
  it('ignores bad values with a reason, keeping the default', () => {
    const { weights, ignored } = weightsFromSearch(
      '?choose.speed=9&choose.licence=abc&choose.cloud=2.5&choose.colour=3&choose.debugging=&choose.academia=4',
    );
    expect(weights).toEqual({ ...defaultWeights(), academia: 4 });
    expect(ignored).toHaveLength(5);
    expect(ignored.join('\n')).toMatch(/choose\.speed=9.*whole number from 0 to 5/);
    expect(ignored.join('\n')).toMatch(/"choose\.colour" is not a factor/);
  });
});

describe('parseWeight', () => {
  it('accepts whole numbers within bounds only', () => {
    expect(['0', '5', ' 3 '].map(parseWeight)).toEqual([0, 5, 3]);
    expect(['', '6', '-1', '2.5', '1e0', 'Infinity', 'NaN', '0x3'].map(parseWeight)).toEqual(Array(8).fill(undefined));
  });
});
