import { backendDetailsText } from '../../src/lib/runtime/result-text.ts';

export type Provenance = Parameters<typeof backendDetailsText>[0];

/** `simd: true, threads: 1` and, right after the thread count, why tfjs chose it. */
export function BackendDetails({ provenance }: { provenance: Provenance }) {
  const { text, threadsWhy } = backendDetailsText(provenance);
  return (
    <>
      {text}
      {threadsWhy && <span class="tfc-threads-why"> ({threadsWhy})</span>}
    </>
  );
}
