import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE, loadMnist, NUM_CLASSES, type MnistSplit } from '../../data/mnist.ts';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint } from '../../runtime/timing.ts';
import { createTf1, Graph, type Node, type Tf1 } from '../../tf1/index.ts';
import { checkedTrainStep, trainStep as nanStep, type Net } from './shown/nan.eager.ts';
import { buildNanGraph } from './shown/nan.graph.ts';
import { trainStep as shapeStep, WRONG_INPUTS } from './shown/shape.eager.ts';
import { buildShapeGraph } from './shown/shape.graph.ts';
import { twoBugsParams, type TwoBugsParams } from './params.ts';

export { metricLabel } from './labels.ts';

/** Where a bug surfaced: while the graph was built, when the failing op ran, or never (a NaN loss). */
const WHERE = { build: 0, run: 1, never: 2 } as const;

interface Batch {
  xs: Float32Array;
  ys: Float32Array;
  labels: Int32Array;
}

interface Outcome {
  where: number;
  /** Training step (1-based) during which it surfaced; 0 while building. */
  step: number;
  /** Work done before it surfaced: tensors made (eager) or graph ops run (tf1). */
  ops: number;
  error: string;
  extra?: Record<string, number>;
}

const messageOf = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The same two bugs found two ways. Eagerly, the shape mismatch throws from the op on the line that
 * calls it, and a check after each op (what tf.debugging.check_numerics and
 * torch.autograd.detect_anomaly do) stops the NaN at the op that made it. In a tf1 graph nothing
 * runs while it is built, so the errors wait for Session.run, which names the failing node; without
 * a checkNumerics node a NaN raises nothing and shows up only as the loss. Each version's error is
 * caught and reported with how far the program got. Pixels for the NaN bug are left unscaled
 * (0..255): that is the bug that drives softmax to exact zeros.
 */
export const twoBugs: Experiment<typeof twoBugsParams> = {
  id: 'two-bugs',
  title: 'Two bugs, surfaced eagerly and at Session.run',
  params: twoBugsParams,
  async run(params, { tf, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const train = await loadMnist('train', readSiteFile);
    const batches = Array.from({ length: params.steps }, () => drawBatch(train, params.batch, rng));
    const tf1 = createTf1(tf);
    const cases: [string, () => Promise<Outcome>][] = [
      ['nan_eager_checked', () => nanEager(tf, params, batches, true, signal)],
      ['nan_eager_unchecked', () => nanEager(tf, params, batches, false, signal)],
      ['nan_graph_unchecked', () => nanGraph(tf, tf1, params, batches, false, signal)],
      ['shape_eager', () => shapeEager(tf, params, batches, signal)],
      ['shape_graph_static', () => shapeGraph(tf, tf1, params, batches, true, signal)],
      ['shape_graph_dynamic', () => shapeGraph(tf, tf1, params, batches, false, signal)],
      ['nan_graph_checked', () => nanGraph(tf, tf1, params, batches, true, signal)],
    ];
    const metrics: Record<string, number> = {};
    const notes: Record<string, string> = {};
    for (const [i, [name, run]] of cases.entries()) {
      await checkpoint(signal);
      const o = await run();
      metrics[`${name}_where`] = o.where;
      metrics[`${name}_step`] = o.step;
      // Eager work is counted in tensors made (every kernel makes one or more), graph work in ops.
      metrics[name.includes('_eager') ? `${name}_tensors` : `${name}_ops`] = o.ops;
      for (const [k, v] of Object.entries(o.extra ?? {})) metrics[`${name}_${k}`] = v;
      notes[`${name}_error`] = o.error;
      progress((i + 1) / cases.length);
    }
    return { metrics, timings: {}, notes };
  },
};

/** A batch of raw pixels (0..255, the NaN bug's input) with one-hot and integer labels. */
function drawBatch(split: MnistSplit, size: number, rng: { int(n: number): number }): Batch {
  const xs = new Float32Array(size * IMAGE_SIZE);
  const ys = new Float32Array(size * NUM_CLASSES);
  const labels = new Int32Array(size);
  for (let b = 0; b < size; b++) {
    const i = rng.int(split.count);
    xs.set(split.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE), b * IMAGE_SIZE);
    labels[b] = split.labels[i]!;
    ys[b * NUM_CLASSES + split.labels[i]!] = 1;
  }
  return { xs, ys, labels };
}

/** Glorot-uniform weights from the same seeds the tf1 graphs use, so both start alike. */
function makeNet(tf: typeof tfc, inputs: number, { hidden, seed }: TwoBugsParams): Net {
  const glorot = (shape: [number, number], s: number) => {
    const limit = Math.sqrt(6 / (shape[0] + shape[1]));
    return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', s));
  };
  // Inside tidy the initial values are freed and the variables kept.
  return tf.tidy(() => ({
    w1: glorot([inputs, hidden], seed),
    b1: tf.variable(tf.zeros([hidden])),
    w2: glorot([hidden, NUM_CLASSES], seed + 1),
    b2: tf.variable(tf.zeros([NUM_CLASSES])),
  }));
}
const disposeNet = (net: Net) => [net.w1, net.b1, net.w2, net.b2].forEach((v) => v.dispose());

/**
 * Tensors made so far in this tfjs instance. Every kernel makes at least one new tensor, and tensor
 * ids come from one counter, so the difference between two marks measures the eager work done in
 * between (tf.profile would count kernels, but it loses a kernel's error to an unhandled rejection).
 */
function tensorMark(tf: typeof tfc): number {
  const probe = tf.scalar(0);
  probe.dispose();
  return probe.id;
}
const tensorsSince = (tf: typeof tfc, mark: number) => tensorMark(tf) - mark - 1;

async function nanEager(
  tf: typeof tfc,
  params: TwoBugsParams,
  batches: Batch[],
  check: boolean,
  signal: AbortSignal,
): Promise<Outcome> {
  const net = makeNet(tf, IMAGE_SIZE, params);
  const opt = tf.train.sgd(params.learningRate);
  let firstNan = 0;
  let last = NaN;
  const mark = tensorMark(tf);
  try {
    for (const [i, b] of batches.entries()) {
      await checkpoint(signal);
      const x = tf.tensor2d(b.xs, [params.batch, IMAGE_SIZE]);
      const y = tf.tensor2d(b.ys, [params.batch, NUM_CLASSES]);
      try {
        const loss = check ? await checkedTrainStep(tf, opt, net, x, y) : nanStep(tf, opt, net, x, y);
        last = (await loss.data())[0]!;
        loss.dispose();
        if (Number.isNaN(last) && firstNan === 0) firstNan = i + 1;
      } catch (e) {
        return { where: WHERE.run, step: i + 1, ops: tensorsSince(tf, mark), error: messageOf(e) };
      } finally {
        x.dispose();
        y.dispose();
      }
    }
    return {
      where: WHERE.never,
      step: firstNan,
      ops: tensorsSince(tf, mark),
      error: `no error raised; loss after ${batches.length} steps: ${last}`,
      extra: { first_nan_step: firstNan, steps_run: batches.length },
    };
  } finally {
    disposeNet(net);
    opt.dispose();
  }
}

async function shapeEager(
  tf: typeof tfc,
  params: TwoBugsParams,
  batches: Batch[],
  signal: AbortSignal,
): Promise<Outcome> {
  const net = makeNet(tf, WRONG_INPUTS, params);
  const opt = tf.train.sgd(params.learningRate);
  const mark = tensorMark(tf);
  try {
    for (const [i, b] of batches.entries()) {
      await checkpoint(signal);
      const x = tf.tidy(() => tf.div(tf.tensor2d(b.xs, [params.batch, IMAGE_SIZE]), 255));
      const y = tf.tensor2d(b.ys, [params.batch, NUM_CLASSES]);
      try {
        shapeStep(tf, opt, net, x as tfc.Tensor2D, y).dispose();
      } catch (e) {
        return { where: WHERE.run, step: i + 1, ops: tensorsSince(tf, mark), error: messageOf(e) };
      } finally {
        x.dispose();
        y.dispose();
      }
    }
    return { where: WHERE.never, step: 0, ops: tensorsSince(tf, mark), error: 'no error raised' };
  } finally {
    disposeNet(net);
    opt.dispose();
  }
}

/** Runs one graph's training loop; Session.run errors are caught and reported with the ops run so far. */
async function graphLoop(
  tf1: Tf1,
  g: Graph,
  nodes: { x: Node; y: Node; loss: Node; train: Node },
  feed: (b: Batch) => [tfc.Tensor, tfc.Tensor],
  batches: Batch[],
  signal: AbortSignal,
): Promise<Outcome> {
  const sess = new tf1.Session(g);
  let ops = 0;
  let firstNan = 0;
  let last = NaN;
  try {
    await sess.run(g.globalVariablesInitializer());
    ops += sess.lastRunStats.opsExecuted;
    for (const [i, b] of batches.entries()) {
      await checkpoint(signal);
      const [xs, ys] = feed(b);
      try {
        const [loss] = await sess.runValues(
          [nodes.loss, nodes.train],
          new Map([
            [nodes.x, xs],
            [nodes.y, ys],
          ]),
        );
        ops += sess.lastRunStats.opsExecuted;
        last = loss!.values[0]!;
        if (Number.isNaN(last) && firstNan === 0) firstNan = i + 1;
      } catch (e) {
        ops += sess.lastRunStats.opsExecuted;
        return { where: WHERE.run, step: i + 1, ops, error: messageOf(e), extra: { nodes: g.operations.length } };
      } finally {
        xs.dispose();
        ys.dispose();
      }
    }
    return {
      where: WHERE.never,
      step: firstNan,
      ops,
      error: `no error raised; loss after ${batches.length} steps: ${last}`,
      extra: { nodes: g.operations.length, first_nan_step: firstNan, steps_run: batches.length },
    };
  } finally {
    sess.close();
  }
}

async function nanGraph(
  tf: typeof tfc,
  tf1: Tf1,
  params: TwoBugsParams,
  batches: Batch[],
  check: boolean,
  signal: AbortSignal,
): Promise<Outcome> {
  const g = new tf1.Graph();
  const nodes = buildNanGraph(tf1, g, { hidden: params.hidden, lr: params.learningRate, seed: params.seed, check });
  const feed = (b: Batch): [tfc.Tensor, tfc.Tensor] => [
    tf.tensor2d(b.xs, [b.labels.length, IMAGE_SIZE]),
    tf.tensor2d(b.ys, [b.labels.length, NUM_CLASSES]),
  ];
  return graphLoop(tf1, g, nodes, feed, batches, signal);
}

async function shapeGraph(
  tf: typeof tfc,
  tf1: Tf1,
  params: TwoBugsParams,
  batches: Batch[],
  widthKnown: boolean,
  signal: AbortSignal,
): Promise<Outcome> {
  const g = new tf1.Graph();
  let nodes;
  try {
    nodes = buildShapeGraph(tf1, g, {
      hidden: params.hidden,
      lr: params.learningRate,
      seed: params.seed,
      inputWidthKnown: widthKnown,
      wrongInputs: WRONG_INPUTS,
    });
  } catch (e) {
    return { where: WHERE.build, step: 0, ops: 0, error: messageOf(e), extra: { nodes: g.operations.length } };
  }
  const feed = (b: Batch): [tfc.Tensor, tfc.Tensor] => [
    tf.tensor2d(
      b.xs.map((v) => v / 255),
      [b.labels.length, IMAGE_SIZE],
    ),
    tf.tensor1d(b.labels, 'int32'),
  ];
  return graphLoop(tf1, g, nodes, feed, batches, signal);
}
