import type * as tfc from '@tensorflow/tfjs-core';
import { spread, type Spread } from './stats.ts';

/**
 * Times a computation the way the TensorFlow.js benchmark harness does, in phases: a first run
 * (shader compile, JIT, allocation: reported on its own), untimed warm-ups, then timed runs. Each
 * run ends with `await data()` on its outputs, so GPU work is inside the measured time rather than
 * queued behind it. Kernel time comes from a separate `tf.time` pass, where the backend reports it.
 */
export interface TimingProtocol {
  warmups: number;
  runs: number;
  /** Always true: a run's time includes reading its outputs back. */
  readback: true;
}

export interface Timing {
  protocol: TimingProtocol;
  firstMs: number;
  /** Raw per-run wall times, in order. */
  timesMs: number[];
  wall: Spread;
  /** Kernel time per run from tf.time (wall-clock fallback on cpu); absent if not measured. */
  kernel?: Spread;
}

export type Step = () => tfc.Tensor | tfc.Tensor[] | Promise<tfc.Tensor | tfc.Tensor[]>;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw new Cancelled();
}

/**
 * Lets the worker's event loop run, so a Cancel message sent by the page is delivered, then
 * throws if the run was cancelled. Awaiting a tensor's data() on the cpu and wasm backends only
 * queues microtasks, which never let a message through: without this, Cancel would wait for the
 * whole run. Call it between steps, outside any timed region.
 */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  await yieldToEventLoop();
  throwIfAborted(signal);
}

/**
 * A MessageChannel message is a task queued behind messages already waiting (such as Cancel),
 * without setTimeout's 4 ms clamp. scheduler.yield() would not do: its continuation is meant to
 * run ahead of other waiting tasks.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

const now = () => performance.now();

/** Runs one step, waits for its outputs to reach the CPU, frees them, and returns the wall time. */
async function timedRun(step: Step): Promise<number> {
  const t0 = now();
  const out = await step();
  const outputs = Array.isArray(out) ? out : [out];
  await Promise.all(outputs.map((t) => t.data()));
  const ms = now() - t0;
  for (const t of outputs) t.dispose();
  return ms;
}

export async function timeSteps(
  tf: Pick<typeof tfc, 'time'>,
  step: Step,
  {
    warmups,
    runs,
    kernelRuns = 0,
    signal,
  }: { warmups: number; runs: number; kernelRuns?: number; signal?: AbortSignal },
): Promise<Timing> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number >= 1, got ${runs}`);
  if (!Number.isInteger(warmups) || warmups < 0) throw new RangeError(`warmups must be >= 0, got ${warmups}`);
  await checkpoint(signal);
  const firstMs = await timedRun(step);
  for (let i = 0; i < warmups; i++) {
    await checkpoint(signal);
    await timedRun(step);
  }
  const timesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await checkpoint(signal);
    timesMs.push(await timedRun(step));
  }
  const kernelMs: number[] = [];
  for (let i = 0; i < kernelRuns; i++) {
    await checkpoint(signal);
    // tf.time runs the function synchronously; read back and free what it made.
    let outputs: tfc.Tensor[] = [];
    const info = await tf.time(() => {
      const out = step();
      if (out instanceof Promise) throw new Error('kernel timing needs a synchronous step');
      outputs = Array.isArray(out) ? out : [out];
    });
    await Promise.all(outputs.map((t) => t.data()));
    outputs.forEach((t) => t.dispose());
    if (typeof info.kernelMs === 'number') kernelMs.push(info.kernelMs);
  }
  return {
    protocol: { warmups, runs, readback: true },
    firstMs,
    timesMs,
    wall: spread(timesMs),
    ...(kernelMs.length ? { kernel: spread(kernelMs) } : {}),
  };
}
