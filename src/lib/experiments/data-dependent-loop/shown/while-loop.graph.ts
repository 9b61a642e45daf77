// Graph (TF1 style, our tf1 library): the loop is an op of the graph,
// because no node has a value while the graph is being built.
import type { Tf1 } from '../../../tf1/index.ts';
import type { LoopSettings } from './while-loop.eager.ts';

export function buildNewtonGraph(
  tf1: Tf1, { tolerance, maxIterations }: LoopSettings,
) {
  const g = new tf1.Graph();
  const a = g.placeholder('float32', [null], 'a');
  const [x, , iterations] = g.whileLoop(
    // go on while any value still moves by more than the tolerance
    (_x, unconverged) => g.greater(unconverged, 0),
    (x, _unconverged, i) => {
      const next = g.mul(0.5, g.add(x, g.div(a, x)));
      const moved = g.greater(
        g.square(g.div(g.sub(next, x), next)), tolerance * tolerance);
      return [next, g.reduceSum(g.cast(moved, 'float32')), g.add(i, 1)];
    },
    [a, g.constant(1), g.constant(0)],
    { maximumIterations: maxIterations },
  );
  const sess = new tf1.Session(g);
  return {
    async run(values: Float32Array) {
      const [roots, n] = await sess.runValues(
        [x!, iterations!], new Map([[a, values]]));
      return {
        roots: roots!.values,
        iterations: n!.values[0]!,
        opsExecuted: sess.lastRunStats.opsExecuted,
        sessionRuns: 1,
      };
    },
    close: () => sess.close(),
  };
}

// The naive version: a host loop over a symbol. A node has no number
// in it, so Number(change) is NaN, the test is false, and the loop
// silently never runs: the "answer" is the input itself.
export async function hostLoopOnSymbol(
  tf1: Tf1, values: Float32Array, { tolerance, maxIterations }: LoopSettings,
) {
  const g = new tf1.Graph();
  const a = g.placeholder('float32', [null], 'a');
  let x = a;
  let change = g.constant(1);
  let iterations = 0;
  while (Number(change) > tolerance && iterations < maxIterations) {
    const next = g.mul(0.5, g.add(x, g.div(a, x)));
    change = g.reduceSum(g.square(g.div(g.sub(next, x), next)));
    x = next;
    iterations++;
  }
  const sess = new tf1.Session(g);
  try {
    const [roots] = await sess.runValues([x], new Map([[a, values]]));
    return { roots: roots!.values, iterations, seen: String(Number(change)) };
  } finally {
    sess.close();
  }
}
