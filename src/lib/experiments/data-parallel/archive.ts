import { parseDdpResult, type DdpResult } from './ddp-result.ts';

/**
 * The newest archived DDP run, read at build time (Vite inlines the files), for the chapter's table.
 * Every file is validated, so a malformed one fails the build instead of showing wrong figures.
 */
const files = import.meta.glob('../../../../benchmarks/results/distributed/ddp-mnist-mlp--*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const ddpResults: DdpResult[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, text]) => parseDdpResult(text, path.split('/').pop()!));

export const latestDdp: DdpResult | undefined = ddpResults.at(-1);
