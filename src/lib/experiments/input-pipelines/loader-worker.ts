/// <reference lib="webworker" />
import type { MnistSplit } from '../../data/mnist.ts';
import { createRng } from '../../runtime/rng.ts';
import { makeAugmentedBatcher } from './augment.ts';

/**
 * The DataLoader-style feed's preprocessing process: a second worker that owns a copy of the
 * images, shuffles, shifts and stacks batches, and hands each one over by transferring its
 * buffers (no copy). It makes a batch only when asked ("credit"), so the queue on the training
 * side never holds more than the prefetch depth. It loads no TensorFlow.js at all.
 */
export interface LoaderInit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  batchSize: number;
  maxShift: number;
  seed: number;
}
export type LoaderRequest = { init: LoaderInit } | { more: number };
export type LoaderReply = { size: number; xs: ArrayBuffer; ys: ArrayBuffer } | { error: string };

let next: (() => { size: number; xs: Float32Array; ys: Float32Array }) | undefined;

self.onmessage = (event: MessageEvent<LoaderRequest>) => {
  try {
    const message = event.data;
    if ('init' in message) {
      const { images, labels, count, batchSize, maxShift, seed } = message.init;
      const split: MnistSplit = { count, images, labels } as MnistSplit;
      next = makeAugmentedBatcher(split, count, batchSize, maxShift, createRng(seed));
      return;
    }
    if (!next) throw new Error('loader worker asked for batches before init');
    for (let i = 0; i < message.more; i++) {
      const b = next();
      const reply: LoaderReply = { size: b.size, xs: b.xs.buffer as ArrayBuffer, ys: b.ys.buffer as ArrayBuffer };
      (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, [reply.xs, reply.ys]);
    }
  } catch (error) {
    (self as unknown as DedicatedWorkerGlobalScope).postMessage({
      error: String((error as Error)?.message ?? error),
    } satisfies LoaderReply);
  }
};
