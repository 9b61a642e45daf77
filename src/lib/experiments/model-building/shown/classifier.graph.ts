// TF1 style: build a graph of symbols first, then run it in a Session.
import { createTf1, type FeedDict } from '../../../tf1/index.ts';
import { batches, INPUTS, type ClassifierStyle } from
  '../harness.ts';

export const trainGraph: ClassifierStyle = async (tf, p, h) => {
  const tf1 = createTf1(tf);
  const g = new tf1.Graph();
  const x = g.placeholder('float32', [null, INPUTS], 'x');
  const y = g.placeholder('int32', [null], 'y');
  const hidden = g.variableScope('hidden', () => {
    const w = g.getVariable('kernel', [INPUTS, p.hidden],
      tf1.initializers.randomNormal(Math.sqrt(2 / INPUTS), p.seed));
    const b = g.getVariable('bias', [p.hidden], tf1.initializers.zeros());
    return g.relu(g.add(g.matMul(x, w), b));
  });
  const logits = g.variableScope('out', () => {
    const w = g.getVariable('kernel', [p.hidden, 10],
      tf1.initializers.glorotUniform(p.seed + 1));
    const b = g.getVariable('bias', [10], tf1.initializers.zeros());
    return g.add(g.matMul(hidden, w), b);
  });
  const loss = g.reduceMean(g.sparseSoftmaxCrossEntropyWithLogits(y, logits));
  const trainOp = new tf1.train.AdamOptimizer(p.learningRate).minimize(loss);
  const predicted = g.argMax(logits, 1);

  const sess = new tf1.Session(g);
  try {
    await sess.run(g.globalVariablesInitializer());
    h.start();
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      let total = 0;
      for (const batch of batches(h.train, p.batchSize, h.rng, p.shift)) {
        if (await h.cancelled()) return { testAccuracy: NaN };
        const feed: FeedDict = new Map();
        feed.set(x, batch.xs).set(y, batch.labels);
        const [l] = await sess.runValues([loss, trainOp], feed);
        total += l!.values[0]! * batch.size;
      }
      h.epochEnd(total / h.train.count);
    }
    const accuracy = await h.accuracy(async (xs) => {
      const [classes] = await sess.runValues([predicted], new Map([[x, xs]]));
      return classes!.values;
    });
    return { testAccuracy: accuracy };
  } finally {
    sess.close();
  }
};
