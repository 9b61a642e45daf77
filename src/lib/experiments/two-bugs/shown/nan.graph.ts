// The site's tf1 library (TF1's graph + Session, on TF.js): building
// the graph computes nothing, so a bad value can only show up when
// Session.run executes it. checkNumerics adds a node that fails the
// run and names itself, as tf.check_numerics did in TF 1.x.
import type { Graph, Node, Tf1 } from '../../../tf1/index.ts';

export interface NanGraph { x: Node; y: Node; loss: Node; train: Node }

export function buildNanGraph(
  tf1: Tf1, g: Graph,
  { hidden, lr, seed, check }:
    { hidden: number; lr: number; seed: number; check: boolean },
): NanGraph {
  const init = tf1.initializers.glorotUniform;
  const x = g.placeholder('float32', [null, 784], 'x');
  const y = g.placeholder('float32', [null, 10], 'y');
  const h = g.variableScope('layer1', () => g.relu(g.add(
    g.matMul(x, g.getVariable('kernel', [784, hidden], init(seed))),
    g.getVariable('bias', [hidden], tf1.initializers.zeros()))));
  const z = g.variableScope('layer2', () => g.add(
    g.matMul(h, g.getVariable('kernel', [hidden, 10], init(seed + 1))),
    g.getVariable('bias', [10], tf1.initializers.zeros())));
  // The bug, as in the eager version: log(softmax(z)) by hand.
  let logP = g.log(g.softmax(z), 'Log');
  if (check) logP = g.checkNumerics(logP, 'log(p)', 'Log/CheckNumerics');
  const loss = g.neg(
    g.reduceMean(g.reduceSum(g.mul(y, logP), 1)), 'loss');
  const opt = new tf1.train.GradientDescentOptimizer(lr);
  return { x, y, loss, train: opt.minimize(loss) };
}
