import { parseArchive } from '../../src/lib/results/archive.ts';

/** Every file in benchmarks/results/, read and validated when the site is built. */
const raw = import.meta.glob<string>('../../benchmarks/results/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
export const archive = parseArchive(raw);
