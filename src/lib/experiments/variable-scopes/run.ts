import type * as tfc from '@tensorflow/tfjs-core';
import { tower, twoTowers as buildGraphTowers, type Sizes } from './shown/shared-towers.graph.ts';
import { Tower, twoTowers as objectTowers } from './shown/shared-towers.module.ts';
import { loadMnist } from '../../data/mnist.ts';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint, timeSteps } from '../../runtime/timing.ts';
import { createTf1, ValueError, type Node } from '../../tf1/index.ts';
import { variableScopesParams } from './params.ts';

export { metricLabel } from './labels.ts';

const INPUTS = 784;

/**
 * Weight sharing two ways. TF1: a tower function that creates its variables with get_variable
 * inside a variable scope, called twice; the second call shares only if its scope says reuse, and
 * forgetting that is an error (caught here and reported as a note). Object style (Keras layers,
 * PyTorch modules): the tower is an object owning its variables, called twice. Both get the same
 * weights and score the same MNIST pairs; the scores must agree, and each forward pass is timed.
 */
export const variableScopes: Experiment<typeof variableScopesParams> = {
  id: 'variable-scopes',
  title: 'Shared weights: TF1 variable scopes against object-owned variables',
  params: variableScopesParams,
  async run(params, { tf, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const { pairs, hidden, embed } = params;
    const sizes: Sizes = { inputs: INPUTS, hidden, embed };
    const test = await loadMnist('test', readSiteFile);
    if (test.count < 2 * pairs)
      throw new RangeError(`pairs: the test subset has ${test.count} digits, ${2 * pairs} needed`);
    const pixels = (from: number) =>
      Float32Array.from(test.images.subarray(from * INPUTS, (from + pairs) * INPUTS), (p) => p / 255);
    const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
    const init = {
      w1: normal(INPUTS * hidden, Math.sqrt(2 / INPUTS)),
      b1: normal(hidden, 0.1),
      w2: normal(hidden * embed, Math.sqrt(1 / hidden)),
      b2: normal(embed, 0.1),
    };
    const disposables: { dispose(): void }[] = [];
    try {
      const a = tf.tensor2d(pixels(0), [pairs, INPUTS]);
      const b = tf.tensor2d(pixels(pairs), [pairs, INPUTS]);
      disposables.push(a, b);

      // ---- TF1 style ----
      const tf1 = createTf1(tf);
      const initFor = (name: string) => tf1.initializers.constant(init[name as keyof typeof init]);
      // First the mistake: a second tower built without reuse.
      const notes: Record<string, string> = {};
      let reuseErrorRaised = 0;
      {
        const g = new tf1.Graph();
        const x1 = g.placeholder('float32', [null, INPUTS], 'a');
        const x2 = g.placeholder('float32', [null, INPUTS], 'b');
        tower(g, x1, sizes, initFor, false);
        try {
          tower(g, x2, sizes, initFor, false);
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          reuseErrorRaised = 1;
          notes['reuse_error'] = `${e.name}: ${e.message}`;
        }
      }
      const g = new tf1.Graph();
      const { a: pa, b: pb, score } = buildGraphTowers(g, sizes, initFor);
      const variablesOf = (n: Node, seen = new Set<Node>()): Set<Node> => {
        if (n.op === 'VariableV2') seen.add(n);
        for (const i of n.inputs) variablesOf(i, seen);
        return seen;
      };
      const [ea, eb] = score.inputs[0]!.inputs as [Node, Node];
      const varsA = [...variablesOf(ea)];
      const varsB = [...variablesOf(eb)];
      const tf1Shared = varsA.length === varsB.length && varsA.every((v, i) => v === varsB[i]) ? 1 : 0;
      const sess = new tf1.Session(g);
      disposables.push({ dispose: () => sess.close() });
      await sess.run(g.globalVariablesInitializer());
      const feed = new Map([
        [pa, a],
        [pb, b],
      ]);
      const tf1Forward = async () => (await sess.run(score, feed))!;
      const tf1Scores = await tf1Forward();
      const tf1OpsPerForward = sess.lastRunStats.opsExecuted;
      const tf1Values = (await tf1Scores.data()) as Float32Array;
      tf1Scores.dispose();
      progress(0.2);

      // ---- object style ----
      const registered = () => Object.keys(tf.engine().registeredVariables).length;
      const before = registered();
      const weights = {
        w1: tf.tensor2d(init.w1, [INPUTS, hidden]),
        b1: tf.tensor1d(init.b1),
        w2: tf.tensor2d(init.w2, [hidden, embed]),
        b2: tf.tensor1d(init.b2),
      };
      disposables.push(...Object.values(weights));
      const model = new Tower(tf, weights);
      disposables.push(model);
      const objectVariables = registered() - before;
      // Record which variables each call reads, by wrapping the tower's call.
      const seen: tfc.Variable[][] = [];
      const probe = { call: (x: tfc.Tensor2D) => (seen.push([...model.variables]), model.call(x)) } as unknown as Tower;
      const objectScores = objectTowers(tf, probe, a, b);
      const objectShared = seen.length === 2 && seen[0]!.every((v, i) => v === seen[1]![i]) ? 1 : 0;
      const objectValues = (await objectScores.data()) as Float32Array;
      objectScores.dispose();
      progress(0.4);

      const maxAbsDiff = tf1Values.reduce((m, v, i) => Math.max(m, Math.abs(v - objectValues[i]!)), 0);
      await checkpoint(signal);
      const forwardTf1 = await timeSteps(tf, tf1Forward, { warmups: params.warmups, runs: params.runs, signal });
      progress(0.7);
      const forwardObject = await timeSteps(tf, () => objectTowers(tf, model, a, b), {
        warmups: params.warmups,
        runs: params.runs,
        signal,
      });
      progress(1);
      return {
        metrics: {
          reuse_error_raised: reuseErrorRaised,
          tf1_variables_created: g.globalVariables().length,
          tf1_towers_share_variables: tf1Shared,
          object_variables_created: objectVariables,
          object_towers_share_variables: objectShared,
          max_abs_diff: maxAbsDiff,
          tf1_ops_per_forward: tf1OpsPerForward,
        },
        timings: { forward_tf1: forwardTf1, forward_object: forwardObject },
        notes,
      };
    } finally {
      for (const d of disposables.reverse()) d.dispose();
    }
  },
};
