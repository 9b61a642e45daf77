import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NoBackendError, selectBackend } from './backends.ts';
import { LeakError, withLeakCheck } from './memory.ts';
import { Cancelled, timeSteps } from './timing.ts';

// Real TensorFlow.js on its cpu backend: the same library the browser runs.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('timeSteps', () => {
  it('times first run, warm-ups and runs apart, reading every output back', async () => {
    let calls = 0;
    const a = tf.randomNormal([64, 64]);
    const timing = await timeSteps(tf, () => (calls++, tf.matMul(a, a)), { warmups: 2, runs: 5, kernelRuns: 2 });
    expect(calls).toBe(1 + 2 + 5 + 2);
    expect(timing.timesMs).toHaveLength(5);
    expect(timing.protocol).toEqual({ warmups: 2, runs: 5, readback: true });
    expect(timing.wall.median).toBeGreaterThan(0);
    expect(timing.kernel?.n).toBe(2);
    expect(tf.memory().numTensors).toBe(1); // only `a`: every output was freed
    a.dispose();
  });
  it('stops between runs when cancelled and rejects bad protocols', async () => {
    const controller = new AbortController();
    let calls = 0;
    const step = () => {
      if (++calls === 3) controller.abort();
      return tf.scalar(1);
    };
    await expect(timeSteps(tf, step, { warmups: 0, runs: 10, signal: controller.signal })).rejects.toBeInstanceOf(
      Cancelled,
    );
    expect(calls).toBe(3);
    await expect(timeSteps(tf, step, { warmups: 0, runs: 0 })).rejects.toThrow(/runs must be/);
  });
});

describe('withLeakCheck', () => {
  it('passes a tidy run and fails a leaking one with the count', async () => {
    const ok = await withLeakCheck(tf, async () => tf.tidy(() => tf.ones([10]).sum().arraySync()));
    expect(ok.memory.leakedTensors).toBe(0);
    let kept: tf.Tensor | undefined;
    const leak = withLeakCheck(tf, async () => {
      kept = tf.ones([10, 10]);
    });
    await expect(leak).rejects.toBeInstanceOf(LeakError);
    await expect(leak).rejects.toThrow(/leaked 1 tensor\(s\), 400 bytes/);
    kept?.dispose();
  });
  it('frees the tensors and variables of a run that fails, and says what it had left', async () => {
    const before = tf.memory().numTensors;
    const failing = withLeakCheck(tf, async () => {
      tf.variable(tf.zeros([3]));
      tf.ones([2, 2]);
      await Promise.resolve();
      throw new Error('gradient function not found');
    });
    await expect(failing).rejects.toThrow(/gradient function not found/);
    await failing.catch((e: { memory?: { leakedTensors: number } }) => expect(e.memory?.leakedTensors).toBe(3));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('selectBackend', () => {
  it('falls back in order and says why each backend was skipped', async () => {
    const choice = await selectBackend(tf, {
      webgpu: { precheck: async () => 'this browser has no WebGPU (navigator.gpu is missing)', load: async () => {} },
      webgl: { load: async () => {} }, // registered by @tensorflow/tfjs, but Node has no WebGL context
      wasm: {
        load: async () => {
          throw new Error('could not fetch tfjs-backend-wasm-simd.wasm');
        },
      },
      cpu: { load: async () => {} },
    });
    expect(choice.backend).toBe('cpu');
    expect(choice.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(choice.skipped[0]?.reason).toMatch(/no WebGPU/);
    expect(choice.skipped[2]?.reason).toMatch(/could not fetch/);
    expect(tf.getBackend()).toBe('cpu');
  });
  it('honours the reader’s pick, and fails clearly when nothing works', async () => {
    expect((await selectBackend(tf, { cpu: { load: async () => {} } }, 'cpu')).backend).toBe('cpu');
    await expect(selectBackend(tf, {}, 'wasm')).rejects.toBeInstanceOf(NoBackendError);
    await expect(selectBackend(tf, {}, 'wasm')).rejects.toThrow(/wasm \(not available in this build\)/);
  });
});
