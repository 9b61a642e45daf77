// TypeScript, TF1 style, on the site's small TF1 layer (src/lib/tf1):
// one tower function called twice. The second call shares the first
// call's variables only because its variable scope says reuse.
// The page's variable-scopes experiment runs this code.
import type { Graph, Initializer, Node } from '../../../tf1/index.ts';

export interface Sizes {
  inputs: number;
  hidden: number;
  embed: number;
}
/** Initial value for a variable, by its name in the tower. */
export type InitFor = (name: string) => Initializer;

/** dense(inputs -> hidden) + relu, then dense(hidden -> embed). */
export function tower(
  g: Graph, x: Node, s: Sizes, init: InitFor, reuse: boolean,
): Node {
  return g.variableScope('tower', { reuse }, () => {
    const h = g.variableScope('dense1', () => {
      const w = g.getVariable('kernel', [s.inputs, s.hidden], init('w1'));
      const b = g.getVariable('bias', [s.hidden], init('b1'));
      return g.relu(g.add(g.matMul(x, w), b));
    });
    return g.variableScope('dense2', () => {
      const w = g.getVariable('kernel', [s.hidden, s.embed], init('w2'));
      const b = g.getVariable('bias', [s.embed], init('b2'));
      return g.add(g.matMul(h, w), b);
    });
  });
}

/** Two inputs, one set of weights: score = <tower(a), tower(b)>. */
export function twoTowers(g: Graph, s: Sizes, init: InitFor) {
  const a = g.placeholder('float32', [null, s.inputs], 'a');
  const b = g.placeholder('float32', [null, s.inputs], 'b');
  const ea = tower(g, a, s, init, false);
  const eb = tower(g, b, s, init, true);
  const score = g.reduceSum(g.mul(ea, eb), 1, false, 'score');
  return { a, b, score };
}
