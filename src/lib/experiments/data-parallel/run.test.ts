import { describe, expect, it } from 'vitest';
import { Worker as NodeWorker } from 'node:worker_threads';
import {
  allGatherStep,
  chunkBounds,
  reduceScatterStep,
  ringAllReduceMessages,
  type RingLinks,
} from './shown/data-parallel.ts';
import { createRng } from '../../runtime/rng.ts';
import { adamState, adamStep, maxAbsDifference, sumInto } from './optim.ts';
import { dataParallelParams, workerLimitProblem } from './params.ts';
import { dataParallel, initialWeights, trainDataParallel } from './run.ts';
import { weightCount } from './model.ts';
import { metricLabel } from './labels.ts';

/** The shared-memory ring, every worker's step run in turn in this thread (valid: no chunk is both read and written within a step). */
function simulateSharedRing(buffers: Float32Array[]) {
  const n = buffers.length;
  for (let s = 0; s < n - 1; s++) for (let r = 0; r < n; r++) reduceScatterStep(buffers, r, s);
  for (let s = 0; s < n - 1; s++) for (let r = 0; r < n; r++) allGatherStep(buffers, r, s);
}

describe('ring all-reduce', () => {
  it('cuts a vector into chunks that cover it once', () => {
    expect([0, 1, 2].map((c) => chunkBounds(7, 3, c))).toEqual([
      [0, 2],
      [2, 4],
      [4, 7],
    ]);
    expect([0, 1].map((c) => chunkBounds(1, 2, c))).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it('sums three hand-written vectors into every worker', () => {
    const buffers = [
      Float32Array.of(1, 2, 3, 4, 5),
      Float32Array.of(10, 20, 30, 40, 50),
      Float32Array.of(100, 200, 300, 400, 500),
    ];
    simulateSharedRing(buffers);
    for (const b of buffers) expect(Array.from(b)).toEqual([111, 222, 333, 444, 555]);
  });

  it.each([1, 2, 3, 4, 7, 8])('gives every one of %i workers the exact sum of random vectors', (n) => {
    const rng = createRng(n);
    // Small integers: their float32 sums are exact in any order, so equality is the right check.
    const buffers = Array.from({ length: n }, () =>
      Float32Array.from({ length: 37 }, () => Math.floor(rng.next() * 100)),
    );
    const expected = buffers[0]!.map((_, i) => buffers.reduce((a, b) => a + b[i]!, 0));
    simulateSharedRing(buffers);
    for (const b of buffers) expect(Array.from(b)).toEqual(Array.from(expected));
  });

  it('gives the same sums with messages between neighbours (real MessageChannels)', async () => {
    const n = 4;
    const vectors = Array.from({ length: n }, (_, r) => Float32Array.from({ length: 10 }, (_, i) => (r + 1) * (i + 1)));
    const channels = Array.from({ length: n }, () => new MessageChannel());
    const links = vectors.map((_, r): RingLinks => {
      const right = channels[r]!.port1;
      const left = channels[(r + n - 1) % n]!.port2;
      const queue: Float32Array[] = [];
      const waiting: ((v: Float32Array) => void)[] = [];
      left.onmessage = (e) => (waiting.length ? waiting.shift()!(e.data) : queue.push(e.data));
      return {
        send: (c) => right.postMessage(c, [c.buffer]),
        receive: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((res) => waiting.push(res))),
      };
    });
    await Promise.all(vectors.map((v, r) => ringAllReduceMessages(v, links[r]!, r, n, 1 / n)));
    channels.forEach((c) => (c.port1.close(), c.port2.close()));
    // Mean of (r + 1) (i + 1) over r = 1..4 is 2.5 (i + 1).
    for (const v of vectors) expect(Array.from(v)).toEqual(Array.from({ length: 10 }, (_, i) => 2.5 * (i + 1)));
  });

  it('sums over a real SharedArrayBuffer with the Atomics barrier in 3 node:worker_threads', async () => {
    const n = 3;
    const length = 11;
    const grads = new SharedArrayBuffer(n * length * 4);
    const control = new SharedArrayBuffer(12);
    for (let r = 0; r < n; r++)
      new Float32Array(grads, r * length * 4, length).set(Array.from({ length }, (_, i) => r * 100 + i));
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.module).then(({ ringAllReduceShared }) => {
        const { grads, control, n, length, rank } = workerData;
        const buffers = Array.from({ length: n }, (_, r) => new Float32Array(grads, r * length * 4, length));
        ringAllReduceShared(buffers, new Int32Array(control), rank, 1 / n);
        parentPort.postMessage('ok');
      }, (e) => parentPort.postMessage(String(e)));`;
    const module = new URL('./shown/data-parallel.ts', import.meta.url).href;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, rank) => {
        const w = new NodeWorker(code, { eval: true, workerData: { module, grads, control, n, length, rank } });
        return new Promise<string>((resolve, reject) => {
          w.once('message', (m) => void w.terminate().then(() => resolve(String(m))));
          w.once('error', reject);
        });
      }),
    );
    expect(replies).toEqual(['ok', 'ok', 'ok']);
    // Mean over r of r * 100 + i is 100 + i, in every worker's buffer.
    for (let r = 0; r < n; r++)
      expect(Array.from(new Float32Array(grads, r * length * 4, length))).toEqual(
        Array.from({ length }, (_, i) => 100 + i),
      );
  });
});

describe('averaging and update', () => {
  it('sums the parameter server’s gradients by hand', () => {
    expect(Array.from(sumInto(new Float32Array(3), [Float32Array.of(1, 2, 3), Float32Array.of(0.5, -2, 4)]))).toEqual([
      1.5, 0, 7,
    ]);
    expect(() => sumInto(new Float32Array(3), [new Float32Array(2)])).toThrow(/length 2, expected 3/);
  });

  it('takes Adam’s first step as lr times the sign of the gradient', () => {
    const w = Float32Array.of(1, 1, 1);
    adamStep(adamState(3), w, Float32Array.of(0.5, -3, 0), 0.1);
    expect(w[0]).toBeCloseTo(0.9, 6);
    expect(w[1]).toBeCloseTo(1.1, 6);
    expect(w[2]).toBe(1);
  });

  it('reports the largest difference between workers’ weights', () => {
    expect(maxAbsDifference([Float32Array.of(1, 2), Float32Array.of(1, 2.5), Float32Array.of(0.75, 2)])).toBe(0.5);
    expect(maxAbsDifference([Float32Array.of(1, 2)])).toBe(0);
  });

  it('starts every worker from the same seeded weights, biases at zero', () => {
    const a = initialWeights(createRng(3), 8);
    expect(a.length).toBe(weightCount(8));
    expect(Array.from(a)).toEqual(Array.from(initialWeights(createRng(3), 8)));
    expect(Array.from(a.subarray(784 * 8, 784 * 8 + 8))).toEqual(new Array(8).fill(0));
  });
});

describe('params', () => {
  it('keeps worker counts within bounds, with a message', () => {
    expect(dataParallelParams.safeParse({ workers: 9 }).success).toBe(false);
    expect(dataParallelParams.safeParse({ workers: 0 }).success).toBe(false);
    const r = dataParallelParams.safeParse({ workers: 4, globalBatch: 3 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/global batch of 3 cannot give each of 4 workers/);
  });

  it('refuses more workers than cores unless asked to oversubscribe', () => {
    expect(workerLimitProblem(4, 2, false)).toMatch(/more than this machine's 2 CPU cores.*at most 2/);
    expect(workerLimitProblem(2, 2, false)).toBeUndefined();
    expect(workerLimitProblem(4, 2, true)).toBeUndefined();
  });

  it('labels every metric the run reports', () => {
    for (const name of [
      'steps_per_s',
      'scaling_efficiency',
      'communication_ms',
      'max_weight_diff',
      'test_accuracy',
      'server_update_ms',
    ])
      expect(metricLabel(name)).toBeDefined();
  });

  it('says clearly that Node has no Web Workers (the whole run is covered by e2e)', async () => {
    const p = dataParallelParams.parse({});
    await expect(
      trainDataParallel({
        n: 1,
        transport: 'messages',
        backend: 'cpu',
        params: p,
        weights: new Float32Array(1),
        crashAtStep: 0,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/needs Web Workers/);
    expect(dataParallel.id).toBe('data-parallel');
  });
});
