import { z } from 'astro/zod';

import { CHOOSER_FRAMEWORKS, FACTOR_IDS, RATING_MAX, RATING_MIN, type FactorId } from '../lib/chooser/factors.ts';

export * from '../lib/chooser/factors.ts';

export const sourceSchema = z.object({
  /** Title of the page or document. */
  title: z.string().min(3),
  /** Primary source, https only. */
  url: z.url({ protocol: /^https$/ }),
});

export const factSchema = z.object({
  /** Our rating of this framework on this factor, from the fact below (1 weak .. 5 strong). */
  rating: z.number().int().min(RATING_MIN).max(RATING_MAX),
  /** The fact, in one or two sentences of our own. */
  summary: z.string().min(20),
  /** Where the fact comes from. */
  sources: z.array(sourceSchema).min(1),
  /** The date the fact was true of (the source's date or the day we checked it). */
  asOf: z.coerce.date(),
});
export type Fact = z.infer<typeof factSchema>;

export const frameworkEntrySchema = z.object({
  id: z.enum(CHOOSER_FRAMEWORKS),
  /** Display name. */
  name: z.string().min(2),
  /** The release the facts describe. */
  version: z.string().min(1),
  /** One fact per factor; every factor is required so no framework is ranked on missing data. */
  facts: z.object(Object.fromEntries(FACTOR_IDS.map((f) => [f, factSchema])) as Record<FactorId, typeof factSchema>),
});
export type FrameworkEntry = z.infer<typeof frameworkEntrySchema>;
