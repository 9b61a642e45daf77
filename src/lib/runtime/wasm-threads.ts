/**
 * Why tfjs's WASM backend ran with the threads it did. The rule is tfjs-backend-wasm 4.22's own,
 * read from its code rather than its docs:
 * - `init()` (dist/backend_wasm.js) loads the threaded SIMD build only when both flags
 *   `WASM_HAS_SIMD_SUPPORT` and `WASM_HAS_MULTITHREAD_SUPPORT` are true (and no single .wasm path
 *   is forced; we set a folder, not a file). The multithread flag (dist/flags_wasm.js) posts a
 *   SharedArrayBuffer through a MessageChannel, which browsers allow only on a cross-origin
 *   isolated page, and is false in Node.
 * - The threaded build sizes its pool in C++ (`init_with_threads_count(-1)`, checked in the
 *   shipped .wasm): half of `navigator.hardwareConcurrency`, rounded down, at least 1, at most 8.
 *   The other builds run on one thread.
 */
export interface WasmThreadFacts {
  threads: number;
  /** Whether tfjs loaded its threaded build: its multithread check passed and the browser has SIMD. */
  threadedBuild: boolean;
  simd: boolean;
  /** false when the worker turned tfjs's threads off on purpose (the comparison's one-thread run). */
  threadsAllowed: boolean;
  crossOriginIsolated: boolean | undefined;
  /** navigator.hardwareConcurrency: logical cores, as the browser reports them. */
  logicalCores: number | undefined;
}

export const MAX_WASM_THREADS = 8;

/** The pool size the threaded build picks for itself from the logical core count. */
export function threadedPoolSize(logicalCores: number): number {
  return Math.min(Math.max(Math.floor(logicalCores / 2), 1), MAX_WASM_THREADS);
}

const cores = (n: number) => `${n} logical core${n === 1 ? '' : 's'}`;

/** One sentence a reader can check against their own machine, or undefined when a fact is missing. */
export function explainWasmThreads(f: Partial<WasmThreadFacts>): string | undefined {
  if (f.threads === undefined || f.threadedBuild === undefined) return undefined;
  if (!f.threadedBuild) {
    if (f.threadsAllowed === false)
      return 'this worker turned tfjs threads off, so tfjs loaded its single-threaded build';
    if (f.crossOriginIsolated === false)
      return 'the page is not cross-origin isolated, so there is no SharedArrayBuffer and tfjs loaded its single-threaded build';
    if (f.simd === false) return 'tfjs loads its threaded build only with WebAssembly SIMD, which this browser lacks';
    return "tfjs's check for shared memory between workers failed, so it loaded its single-threaded build";
  }
  if (f.logicalCores === undefined)
    return 'tfjs chose the thread count from the logical cores, which this run did not record';
  const expected = threadedPoolSize(f.logicalCores);
  const bounds = `rounded down, at least 1 and at most ${MAX_WASM_THREADS}`;
  const rule = `tfjs takes half of the ${cores(f.logicalCores)} this browser reports, ${bounds}`;
  return expected === f.threads ? rule : `${rule}, which gives ${expected}, yet it reports ${f.threads}`;
}
