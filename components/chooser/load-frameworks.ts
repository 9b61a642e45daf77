import { getCollection } from 'astro:content';
import { CHOOSER_FRAMEWORKS, FACTOR_IDS, type FactorId } from '../../src/schemas/frameworks.ts';
import type { RatedFramework } from '../../src/lib/chooser/rank.ts';

/** The frameworks collection in the chooser's order (TF2, PyTorch, JAX). */
export async function loadFrameworkEntries() {
  const entries = await getCollection('frameworks');
  return [...entries].sort((a, b) => CHOOSER_FRAMEWORKS.indexOf(a.data.id) - CHOOSER_FRAMEWORKS.indexOf(b.data.id));
}

export async function loadRatedFrameworks(): Promise<RatedFramework[]> {
  return (await loadFrameworkEntries()).map(({ data }) => ({
    id: data.id,
    name: data.name,
    ratings: Object.fromEntries(FACTOR_IDS.map((f) => [f, data.facts[f].rating])) as Record<FactorId, number>,
  }));
}
