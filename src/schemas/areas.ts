import { z } from 'astro/zod';

/** Every comparison area of the site, in reading order. `about` is for pages that are not chapters. */
export const AREAS = [
  'about',
  'choosing',
  'model-building',
  'sessions',
  'symbolic-imperative',
  'debugging',
  'data-pipelines',
  'distributed',
  'deployment',
  'speed',
  'migration',
  'verdict',
] as const;
export const areaSchema = z.enum(AREAS);
export type Area = z.infer<typeof areaSchema>;

/** How each area is named in search filters. */
export const AREA_LABELS: Record<Area, string> = {
  about: 'About the site',
  choosing: 'Choosing a framework',
  'model-building': 'Model building',
  sessions: 'Sessions and variable scoping',
  'symbolic-imperative': 'Symbolic vs imperative, autodiff',
  debugging: 'Debugging',
  'data-pipelines': 'Data pipelines',
  distributed: 'Distributed training',
  deployment: 'Deployment',
  speed: 'Speed',
  migration: 'Migrating TF1 to TF2',
  verdict: 'Verdict today',
};

/** Frameworks a chapter can show, with the fixed tab labels used on every page (one syncKey). */
export const FRAMEWORKS = {
  tf1: { label: 'TF 1.x', snippetExt: 'tf1.py' },
  tf2: { label: 'TF 2 / Keras', snippetExt: 'tf2.py' },
  pytorch: { label: 'PyTorch', snippetExt: 'torch.py' },
  jax: { label: 'JAX', snippetExt: 'jax.py' },
} as const;
export type FrameworkId = keyof typeof FRAMEWORKS;
export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];
export const frameworkIdSchema = z.enum(FRAMEWORK_IDS as [FrameworkId, ...FrameworkId[]]);

/** The syncKey every framework `<Tabs>` uses, so a reader's pick follows them across pages. */
export const FRAMEWORK_SYNC_KEY = 'framework';
