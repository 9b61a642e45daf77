/**
 * tf1: a small define-then-run layer over TensorFlow.js ops, so the site can show what TF1's
 * graphs and sessions were like with code that actually runs in the browser.
 *
 * ```ts
 * const tf1 = createTf1(tf);                 // ctx.tf in the worker, tfjs in Node tests
 * const g = new tf1.Graph();                 // building records nodes; nothing is computed
 * const x = g.placeholder('float32', [null, 784], 'x');
 * const y = g.placeholder('int32', [null], 'y');
 * const logits = g.variableScope('dense', () => {
 *   const w = g.getVariable('kernel', [784, 10], tf1.initializers.glorotUniform(seed));
 *   const b = g.getVariable('bias', [10], tf1.initializers.zeros());
 *   return g.add(g.matMul(x, w), b);         // names 'dense/MatMul', 'dense/add'
 * });
 * g.variableScope('dense', () => g.getVariable('kernel', [784, 10]));   // ValueError, TF1's text
 * g.variableScope('dense', { reuse: true }, () => g.getVariable('kernel')); // the same node
 * const loss = g.reduceMean(g.sparseSoftmaxCrossEntropyWithLogits(y, logits));
 * const train = new tf1.train.GradientDescentOptimizer(0.1).minimize(loss);
 * const sess = new tf1.Session(g);
 * await sess.run(g.globalVariablesInitializer());
 * const [lossT] = await sess.run([loss, train], new Map([[x, xs], [y, ys]]));
 * lossT.dispose();                           // fetched tensors belong to the caller
 * sess.close();                              // frees the variables
 * ```
 *
 * Graph: placeholder, constant, getVariable (+ variableScope with reuse true/false/'auto',
 * nameScope), add, sub, mul, div, neg, equal, greater, less, matMul (transposeA/B), relu, tanh,
 * sigmoid, exp, log, square, softmax, reduceMean, reduceSum, argMax, cast, reshape, conv2d,
 * identity, checkNumerics, sparseSoftmaxCrossEntropyWithLogits, cond, whileLoop, group,
 * gradients(y, xs) (symbolic: it adds the backward ops to the graph under `gradients/`),
 * globalVariables, trainableVariables, globalVariablesInitializer. Numbers given where a node is
 * expected become constants. train.GradientDescentOptimizer(lr) and train.AdamOptimizer(lr, beta1,
 * beta2, epsilon), each with minimize(loss, varList?); Adam keeps TF1's slot variables
 * (`<var>/Adam`, `<var>/Adam_1`) and `beta1_power`/`beta2_power`.
 *
 * Session: run(fetch | fetches, feed?) runs only the ops the fetches depend on
 * (`lastRunStats.opsExecuted` and `.ops` say which), disposes every tensor it made except the
 * fetched ones, and returns null for ops without a value (an optimizer step, an initializer).
 * runValues(fetches, feed?) returns plain numbers and keeps nothing. close() disposes variables.
 * Values that steer the run (a cond's predicate, a loop's condition) or that TF1 checked inside a
 * kernel (checkNumerics, label range) are read with `await data()`, never dataSync, so the GPU
 * backends are not stalled (and WebGPU works).
 * Feeds may be tensors (copied, the caller keeps ownership), typed arrays, number arrays or numbers;
 * any node may be fed, as in TF1.
 *
 * Errors follow TF1: ValueError while building (variable reuse, static shapes that cannot fit,
 * feeding a value of the wrong shape); InvalidArgumentError at run time with the failing node's
 * name at the end (`[[node dense/MatMul]]`: shapes, an unfed placeholder, NaN in checkNumerics,
 * out-of-range labels); FailedPreconditionError for a variable read before initialization;
 * LookupError for an op without a gradient.
 *
 * Left out, compared with TF1: collections (tf.add_to_collection, GraphKeys other than the
 * variable lists), control dependencies (run order is data order; an assign and a read of the
 * same variable in one run are ordered by the graph's edges only), devices and placement, queues,
 * input pipelines and QueueRunners, partitioned and resource variables, tf.train.Saver and
 * checkpoints, summaries and TensorBoard, multiple outputs per op (except the loop's Exit nodes),
 * gradients of while loops, cond and conv2d, optimizers other than gradient descent and Adam,
 * sessions sharing variables across graphs, and ops running in parallel (one at a time here).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { AdamOptimizer, Graph, GradientDescentOptimizer, initializers } from './graph.ts';
import { Session } from './session.ts';
import * as errors from './errors.ts';

export {
  AdamOptimizer,
  Graph,
  Node,
  GradientDescentOptimizer,
  initializers,
  type DType,
  type Shape,
  type Initializer,
  type VariableScopeOptions,
} from './graph.ts';
export { Session, type FeedDict, type FeedValue, type RunStats } from './session.ts';
export * from './errors.ts';

export function createTf1(tf: typeof tfc) {
  class BoundSession extends Session {
    constructor(graph: Graph) {
      super(tf, graph);
    }
  }
  return {
    Graph,
    Session: BoundSession,
    train: { GradientDescentOptimizer, AdamOptimizer },
    initializers,
    errors,
    /** tf.AUTO_REUSE */
    AUTO_REUSE: 'auto' as const,
  };
}
export type Tf1 = ReturnType<typeof createTf1>;
