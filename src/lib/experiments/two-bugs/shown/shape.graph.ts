// The site's tf1 library: with the input's width declared, the wrong
// weight fails while the graph is built (a static shape check, as in
// TF 1.x). Declared as unknown ([None, None], or a placeholder with no
// shape), the graph builds and the error waits for Session.run, which
// names the op that failed.
import type { Graph, Node, Tf1 } from '../../../tf1/index.ts';

export function buildShapeGraph(
  tf1: Tf1, g: Graph,
  { hidden, lr, seed, inputWidthKnown, wrongInputs }: {
    hidden: number; lr: number; seed: number;
    inputWidthKnown: boolean; wrongInputs: number;
  },
): { x: Node; y: Node; loss: Node; train: Node } {
  const init = tf1.initializers.glorotUniform;
  const x = g.placeholder(
    'float32', [null, inputWidthKnown ? 784 : null], 'x');
  const y = g.placeholder('int32', [null], 'y');
  const h = g.variableScope('layer1', () => g.relu(g.add(
    // The bug: a kernel sized for 32x32 images.
    g.matMul(x, g.getVariable('kernel', [wrongInputs, hidden], init(seed))),
    g.getVariable('bias', [hidden], tf1.initializers.zeros()))));
  const z = g.variableScope('layer2', () => g.add(
    g.matMul(h, g.getVariable('kernel', [hidden, 10], init(seed + 1))),
    g.getVariable('bias', [10], tf1.initializers.zeros())));
  const loss = g.reduceMean(
    g.sparseSoftmaxCrossEntropyWithLogits(y, z), null, false, 'loss');
  const opt = new tf1.train.GradientDescentOptimizer(lr);
  return { x, y, loss, train: opt.minimize(loss) };
}
