/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { ringAllReduceMessages, ringAllReduceShared, chunkBounds, type RingLinks } from './shown/data-parallel.ts';
import { IMAGE_SIZE, NUM_CLASSES } from '../../data/mnist.ts';
import { selectBackend } from '../../runtime/backends.ts';
import { browserBackends } from '../../runtime/browser-backends.ts';
import { createRng } from '../../runtime/rng.ts';
import { loadMnistCached, makeBatcher } from '../../training/data.ts';
import { shardGradient, weightCount } from './model.ts';
import { adamState, adamStep } from './optim.ts';
import type { FromReplica, InitMessage, ToReplica } from './protocol.ts';

/**
 * One data-parallel worker: its own TensorFlow.js (single-threaded WASM or CPU, so N workers use N
 * cores), its own copy of the weights, its slice of every global batch. Started by the
 * data-parallel experiment, which terminates it when the run ends, fails or is cancelled.
 */
const post = (message: FromReplica, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const now = () => performance.now();
let rank = -1;

async function readSiteFile(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(`/${path}`, self.location.origin));
  if (!response.ok) throw new Error(`could not load /${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Messages from one port, awaited in order. */
function inbox<T>(port: { onmessage: ((e: MessageEvent) => void) | null }) {
  const queue: T[] = [];
  const waiting: ((value: T) => void)[] = [];
  port.onmessage = (e) => {
    const w = waiting.shift();
    if (w) w(e.data as T);
    else queue.push(e.data as T);
  };
  return (): Promise<T> =>
    queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve));
}

let fromServer: (() => Promise<ToReplica>) | undefined;

async function train(init: InitMessage): Promise<void> {
  const { n, hidden, globalBatch, steps, transport } = init;
  // Threads off: each worker is meant to be one core's worth of compute.
  const backends = browserBackends({ wasmThreads: false });
  await selectBackend(tf, backends, init.backend);
  const data = await loadMnistCached('train', readSiteFile);
  const next = makeBatcher(data, globalBatch, createRng(init.dataSeed));
  const [lo, hi] = chunkBounds(globalBatch, n, init.rank);
  const weights = init.weights;
  const length = weightCount(hidden);
  const adam = adamState(length);
  const shared = init.grads
    ? Array.from({ length: n }, (_, r) => new Float32Array(init.grads!, r * length * 4, length))
    : undefined;
  const control = init.control ? new Int32Array(init.control) : undefined;
  const grads = shared ? shared[init.rank]! : new Float32Array(length);
  let links: RingLinks | undefined;
  if (init.left && init.right) {
    const receive = inbox<Float32Array>(init.left);
    const right = init.right;
    links = { send: (chunk) => right.postMessage(chunk, [chunk.buffer]), receive };
  }
  post({ type: 'ready', rank });
  for (let step = 1; step <= steps; step++) {
    const batch = next();
    if (step === init.crashAtStep) {
      // An uncaught error, as a real bug would raise: the coordinator sees the worker's error event.
      setTimeout(() => {
        throw new Error(`worker ${rank} crashed at step ${step} (injected by crashWorkerAtStep)`);
      });
      return new Promise(() => undefined);
    }
    const t0 = now();
    const loss = await shardGradient(
      tf,
      weights,
      hidden,
      batch.xs.subarray(lo * IMAGE_SIZE, hi * IMAGE_SIZE),
      batch.ys.subarray(lo * NUM_CLASSES, hi * NUM_CLASSES),
      globalBatch,
      grads,
    );
    const t1 = now();
    if (transport === 'parameter-server') {
      const copy = grads.slice();
      post({ type: 'grads', rank, step, grads: copy, loss, computeMs: t1 - t0 }, [copy.buffer]);
      const reply = await fromServer!();
      if (reply.type !== 'weights') throw new Error(`expected weights from the server, got ${reply.type}`);
      weights.set(reply.weights);
      post({ type: 'step', rank, step, loss, computeMs: t1 - t0, commMs: now() - t1, updateMs: 0 });
      continue;
    }
    // Gradients are already pre-scaled by 1 / global batch: a plain sum is the global mean.
    if (shared) ringAllReduceShared(shared, control!, init.rank);
    else if (n > 1) await ringAllReduceMessages(grads, links!, init.rank, n);
    const t2 = now();
    adamStep(adam, weights, grads, init.learningRate);
    post({ type: 'step', rank, step, loss, computeMs: t1 - t0, commMs: t2 - t1, updateMs: now() - t2 });
  }
  post({ type: 'done', rank, weights, tensorsLeft: tf.memory().numTensors }, [weights.buffer]);
}

const first = inbox<ToReplica>(self);
const fail = (error: unknown) =>
  post({ type: 'error', rank, message: error instanceof Error ? error.message : String(error) });
self.addEventListener('unhandledrejection', (e) => fail(e.reason));
void (async () => {
  const init = await first();
  if (init.type !== 'init') throw new Error(`worker expected init, got ${init.type}`);
  rank = init.rank;
  fromServer = first;
  await train(init);
})().catch(fail);
