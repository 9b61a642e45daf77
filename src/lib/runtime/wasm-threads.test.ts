import { describe, expect, it } from 'vitest';
import { explainWasmThreads, threadedPoolSize } from './wasm-threads.ts';

const threaded = { threadedBuild: true, simd: true, threadsAllowed: true, crossOriginIsolated: true };

describe("tfjs-backend-wasm's own thread count", () => {
  it('is half the logical cores, rounded down, between 1 and 8', () => {
    expect([1, 2, 3, 4, 8, 16, 32].map(threadedPoolSize)).toEqual([1, 1, 1, 2, 4, 8, 8]);
  });
});

describe('why a WASM run had the threads it had', () => {
  it('says a 2-core machine gets one thread on a cross-origin isolated page', () => {
    expect(explainWasmThreads({ ...threaded, threads: 1, logicalCores: 2 })).toBe(
      'tfjs takes half of the 2 logical cores this browser reports, rounded down, at least 1 and at most 8',
    );
  });
  it('says so when tfjs reports another count than its rule gives', () => {
    expect(explainWasmThreads({ ...threaded, threads: 3, logicalCores: 16 })).toMatch(
      /which gives 8, yet it reports 3$/,
    );
  });
  it('names the worker that turned threads off before anything else', () => {
    const why = explainWasmThreads({
      ...threaded,
      threadedBuild: false,
      threadsAllowed: false,
      threads: 1,
      logicalCores: 8,
    });
    expect(why).toMatch(/^this worker turned tfjs threads off/);
  });
  it('names a page without cross-origin isolation', () => {
    const why = explainWasmThreads({
      ...threaded,
      threadedBuild: false,
      crossOriginIsolated: false,
      threads: 1,
      logicalCores: 8,
    });
    expect(why).toMatch(/not cross-origin isolated, so there is no SharedArrayBuffer/);
  });
  it('names a browser without WebAssembly SIMD', () => {
    expect(explainWasmThreads({ ...threaded, threadedBuild: false, simd: false, threads: 1 })).toMatch(
      /only with WebAssembly SIMD/,
    );
  });
  it("falls back to tfjs's failed shared-memory check when every other fact allows threads", () => {
    expect(explainWasmThreads({ ...threaded, threadedBuild: false, threads: 1 })).toMatch(
      /check for shared memory between workers failed/,
    );
  });
  it('says nothing for a run that did not record the facts (older files)', () => {
    expect(explainWasmThreads({ threads: 4, simd: true })).toBeUndefined();
  });
});
