import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTf1, FailedPreconditionError, InvalidArgumentError, LookupError, ValueError } from './index.ts';

const tf1 = createTf1(tf);
let before = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  // Every test closes its session and disposes what it fetched: nothing may be left.
  expect(tf.memory().numTensors).toBe(before);
});

const values = async (t: tf.Tensor | null) => {
  const v = Array.from(await t!.data());
  t!.dispose();
  return v;
};

describe('tf1 graph and session', () => {
  it('computes a 2x2 matmul plus bias only when run', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 2], 'x');
    const w = g.constant([
      [1, 2],
      [3, 4],
    ]);
    const y = g.add(g.matMul(x, w), 10);
    // Building made nodes, no tensors.
    expect(tf.memory().numTensors).toBe(before);
    expect(y.shape).toEqual([null, 2]);
    const sess = new tf1.Session(g);
    // [1 1] @ [[1 2] [3 4]] = [4 6]; [2 0] @ ... = [2 4]; +10.
    expect(await values(await sess.run(y, new Map([[x, [1, 1, 2, 0]]])))).toEqual([14, 16, 12, 14]);
    sess.close();
  });

  it('names ops under scopes the TF1 way', () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 3], 'x');
    const a = g.variableScope('dense', () =>
      g.add(g.matMul(x, g.getVariable('kernel', [3, 2])), g.getVariable('bias', [2], tf1.initializers.zeros())),
    );
    const b = g.variableScope('dense', { reuse: true }, () => g.matMul(x, g.getVariable('kernel')));
    const c = g.nameScope('block', () => g.getVariable('v', [1]));
    expect(a.name).toBe('dense/add');
    expect(a.inputs[0]!.name).toBe('dense/MatMul');
    // Re-entering a variable scope opens a fresh name scope for ops; the variable name is shared.
    expect(b.name).toBe('dense_1/MatMul');
    expect(b.inputs[1]!.name).toBe('dense/kernel');
    // name_scope does not prefix get_variable.
    expect(c.name).toBe('v');
    expect(g.globalVariables().map((v) => v.name)).toEqual(['dense/kernel', 'dense/bias', 'v']);
  });

  it('raises TF1 reuse errors and shares the variable object with reuse', () => {
    const g = new tf1.Graph();
    const k = g.variableScope('tower', () => g.getVariable('kernel', [4, 2]));
    expect(() => g.variableScope('tower', () => g.getVariable('kernel', [4, 2]))).toThrow(
      new ValueError(
        'Variable tower/kernel already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?',
      ),
    );
    expect(g.variableScope('tower', { reuse: true }, () => g.getVariable('kernel'))).toBe(k);
    expect(g.variableScope('tower', { reuse: tf1.AUTO_REUSE }, () => g.getVariable('kernel', [4, 2]))).toBe(k);
    expect(() => g.variableScope('other', { reuse: true }, () => g.getVariable('kernel'))).toThrow(
      /Variable other\/kernel does not exist/,
    );
    expect(() => g.variableScope('tower', { reuse: true }, () => g.getVariable('kernel', [3, 2]))).toThrow(
      'Trying to share variable tower/kernel, but specified shape (3, 2) and found shape (4, 2).',
    );
    // Reuse is inherited by nested scopes.
    g.variableScope('outer', () => g.variableScope('inner', () => g.getVariable('w', [1])));
    expect(g.variableScope('outer', { reuse: true }, () => g.variableScope('inner', () => g.getVariable('w')))).toBe(
      g.globalVariables()[1],
    );
    expect(g.globalVariables()).toHaveLength(2);
  });

  it('fails at build time where static shapes cannot fit', () => {
    const g = new tf1.Graph();
    const a = g.placeholder('float32', [2, 3]);
    const b = g.placeholder('float32', [4, 5]);
    expect(() => g.matMul(a, b)).toThrow(ValueError);
    expect(() => g.add(a, b)).toThrow(/Dimensions must be equal, but are 3 and 5/);
  });

  it('fails at run time naming the op when batch dims were unknown', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, null], 'x');
    const y = g.variableScope('dense', () => g.matMul(x, g.constant([[1], [2]])));
    const sess = new tf1.Session(g);
    const ones = tf.ones([2, 3]);
    const err = await sess.run(y, new Map([[x, ones]])).catch((e: unknown) => e);
    ones.dispose();
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).op).toBe('dense/MatMul');
    expect((err as Error).message).toBe(
      'Matrix size-incompatible: In[0]: [2,3], In[1]: [2,1]\n\t [[node dense/MatMul]]',
    );
    sess.close();
  });

  it('needs every placeholder the fetch depends on, with the shape it declared', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 784], 'x');
    const y = g.relu(x);
    const sess = new tf1.Session(g);
    await expect(sess.run(y)).rejects.toThrow(
      new InvalidArgumentError(
        "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,784]",
        'x',
      ),
    );
    const wrong = tf.zeros([2, 3]);
    await expect(sess.run(y, new Map([[x, wrong]]))).rejects.toThrow(
      "Cannot feed value of shape (2, 3) for Tensor 'x:0', which has shape '(?, 784)'",
    );
    wrong.dispose();
    sess.close();
  });

  it('refuses to read a variable before its initializer ran', async () => {
    const g = new tf1.Graph();
    const w = g.variableScope('dense', () => g.getVariable('kernel', [2, 2], tf1.initializers.ones()));
    const sess = new tf1.Session(g);
    const err = await sess.run(g.square(w)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailedPreconditionError);
    expect((err as Error).message).toBe(
      'Attempting to use uninitialized value dense/kernel\n\t [[node dense/kernel/read]]',
    );
    await sess.run(g.globalVariablesInitializer());
    expect(await values(await sess.run(g.reduceSum(w)))).toEqual([4]);
    sess.close();
  });

  it('runs only the subgraph the fetches need', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [2], 'x');
    const cheap = g.mul(x, 2); // x, Const, mul
    const expensive = g.reduceSum(g.exp(g.matMul(g.reshape(x, [1, 2]), g.constant([[1], [1]]))));
    const sess = new tf1.Session(g);
    const feed = new Map([[x, [1, 2]]]);
    expect(await values(await sess.run(cheap, feed))).toEqual([2, 4]);
    // The fed placeholder is not an op that runs: Const and mul only.
    expect(sess.lastRunStats.ops).toEqual(['Const', 'mul']);
    await values(await sess.run(expensive, feed));
    expect(sess.lastRunStats.ops).toEqual(['Reshape', 'Const_1', 'MatMul', 'Exp', 'Sum']);
    sess.close();
  });

  it('builds gradients symbolically: d/dw mean((xw - y)^2) by hand', async () => {
    const g = new tf1.Graph();
    const x = g.constant([
      [1, 2],
      [3, 4],
    ]);
    const y = g.constant([[1], [2]]);
    const w = g.getVariable('w', [2, 1], tf1.initializers.constant([1, -1]));
    const loss = g.reduceMean(g.square(g.sub(g.matMul(x, w), y)));
    const [dw] = g.gradients(loss, [w]);
    expect(dw!.name.startsWith('gradients/')).toBe(true);
    const sess = new tf1.Session(g);
    await sess.run(g.globalVariablesInitializer());
    // xw = [-1, -1]; r = xw - y = [-2, -3]; loss = (4 + 9)/2 = 6.5;
    // dL/dw = (2/2) x^T r = [1*-2 + 3*-3, 2*-2 + 4*-3] = [-11, -16].
    const [l, d] = await sess.runValues([loss, dw!]);
    expect(l!.values[0]).toBeCloseTo(6.5, 6);
    expect(d!.values).toEqual([-11, -16]);
    sess.close();
  });

  it('takes one SGD step: w <- w - lr * grad', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 2], 'x');
    const y = g.placeholder('float32', [null, 1], 'y');
    const w = g.getVariable('w', [2, 1], tf1.initializers.constant([1, -1]));
    const loss = g.reduceMean(g.square(g.sub(g.matMul(x, w), y)), null, false, 'loss');
    const train = new tf1.train.GradientDescentOptimizer(0.1).minimize(loss);
    const sess = new tf1.Session(g);
    await sess.run(g.globalVariablesInitializer());
    const feed = new Map([
      [x, [1, 2, 3, 4]],
      [y, [1, 2]],
    ]);
    const [l, step] = await sess.run([loss, train], feed);
    expect(step).toBeNull();
    // The loss fetched with the step is the loss before the update.
    expect((await values(l!))[0]).toBeCloseTo(6.5, 6);
    // w = [1, -1] - 0.1 * [-11, -16] = [2.1, 0.6].
    const [wv] = await sess.runValues([w]);
    expect(wv!.values[0]).toBeCloseTo(2.1, 6);
    expect(wv!.values[1]).toBeCloseTo(0.6, 6);
    sess.close();
  });

  it('takes Adam steps as TF1 did: slots, beta powers, bias-corrected update', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 2], 'x');
    const y = g.placeholder('float32', [null, 1], 'y');
    const w = g.getVariable('w', [2, 1], tf1.initializers.constant([1, -1]));
    const loss = g.reduceMean(g.square(g.sub(g.matMul(x, w), y)));
    const train = new tf1.train.AdamOptimizer(0.1).minimize(loss);
    expect(g.globalVariables().map((v) => v.name)).toEqual(['w', 'beta1_power', 'beta2_power', 'w/Adam', 'w/Adam_1']);
    expect(g.trainableVariables().map((v) => v.name)).toEqual(['w']);
    const sess = new tf1.Session(g);
    await sess.run(g.globalVariablesInitializer());
    const feed = new Map([
      [x, [1, 2, 3, 4]],
      [y, [1, 2]],
    ]);
    // Reference: textbook Adam on the same loss, whose gradient is x^T (xw - y) (see above).
    const ref = { w: [1, -1], m: [0, 0], v: [0, 0] };
    for (let t = 1; t <= 3; t++) {
      const r = [ref.w[0]! + 2 * ref.w[1]! - 1, 3 * ref.w[0]! + 4 * ref.w[1]! - 2];
      const grad = [r[0]! + 3 * r[1]!, 2 * r[0]! + 4 * r[1]!];
      for (let i = 0; i < 2; i++) {
        ref.m[i] = 0.9 * ref.m[i]! + 0.1 * grad[i]!;
        ref.v[i] = 0.999 * ref.v[i]! + 0.001 * grad[i]! ** 2;
        const mHat = ref.m[i]! / (1 - 0.9 ** t);
        const vHat = ref.v[i]! / (1 - 0.999 ** t);
        ref.w[i] = ref.w[i]! - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      await sess.run(train, feed);
      const [wv] = await sess.runValues([w]);
      // The first step moves every weight by lr against its gradient's sign: [1.1, -0.9].
      if (t === 1) expect(wv!.values.map((v) => +v.toFixed(5))).toEqual([1.1, -0.9]);
      wv!.values.forEach((v, i) => expect(v).toBeCloseTo(ref.w[i]!, 5));
    }
    const byName = new Map(g.globalVariables().map((v) => [v.name, v]));
    const [p1, p2, m] = await sess.runValues([
      byName.get('beta1_power')!,
      byName.get('beta2_power')!,
      byName.get('w/Adam')!,
    ]);
    expect(p1!.values[0]).toBeCloseTo(0.9 ** 4, 6);
    expect(p2!.values[0]).toBeCloseTo(0.999 ** 4, 6);
    m!.values.forEach((v, i) => expect(v).toBeCloseTo(ref.m[i]!, 4));
    sess.close();
  });

  it('never reads synchronously: cond, while, checkNumerics and labels use data()', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [], 'x');
    const [out] = g.whileLoop(
      (v) => g.greater(v, 1),
      (v) => [g.div(v, 2)],
      [x],
    );
    const c = g.cond(
      g.greater(out!, 0.5),
      () => g.checkNumerics(g.square(out!), 'sq'),
      () => g.neg(out!),
    );
    const labels = g.constant([1], 'int32');
    const xent = g.sparseSoftmaxCrossEntropyWithLogits(labels, g.reshape(g.add(g.constant([[0, 0]]), c), [1, 2]));
    const sess = new tf1.Session(g);
    const sync = tf.Tensor.prototype.dataSync;
    tf.Tensor.prototype.dataSync = function () {
      throw new Error('dataSync called');
    };
    try {
      const [v] = await sess.runValues([xent], new Map([[x, 10]]));
      expect(v!.values[0]).toBeCloseTo(Math.LN2, 5);
    } finally {
      tf.Tensor.prototype.dataSync = sync;
    }
    sess.close();
  });

  it('trains softmax regression with sparse cross-entropy; gradient matches softmax - onehot', async () => {
    const g = new tf1.Graph();
    const logits = g.getVariable('logits', [1, 2], tf1.initializers.zeros());
    const labels = g.constant([1], 'int32');
    const loss = g.reduceMean(g.sparseSoftmaxCrossEntropyWithLogits(labels, logits));
    const [d] = g.gradients(loss, [logits]);
    const sess = new tf1.Session(g);
    await sess.run(g.globalVariablesInitializer());
    const [l, dv] = await sess.runValues([loss, d!]);
    // Equal logits: p = [0.5, 0.5]; loss = ln 2; grad = p - onehot(1) = [0.5, -0.5].
    expect(l!.values[0]).toBeCloseTo(Math.LN2, 6);
    expect(dv!.values).toEqual([0.5, -0.5]);
    sess.close();
  });

  it('checks numerics at run time, naming the op', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [2], 'x');
    const checked = g.checkNumerics(g.log(x), 'log of input');
    const sess = new tf1.Session(g);
    expect(await values(await sess.run(checked, new Map([[x, [1, 1]]])))).toEqual([0, 0]);
    await expect(sess.run(checked, new Map([[x, [1, -1]]]))).rejects.toThrow(
      'log of input : Tensor had NaN values\n\t [[node CheckNumerics]]',
    );
    sess.close();
  });

  it('runs a data-dependent while loop and only the cond branch taken', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [], 'x');
    // Halve until below 1: 10 -> 5 -> 2.5 -> 1.25 -> 0.625, four iterations.
    const [out, n] = g.whileLoop(
      (v) => g.greater(v, 1),
      (v, i) => [g.div(v, 2), g.add(i, 1)],
      [x, g.constant(0)],
    );
    const sess = new tf1.Session(g);
    const [o, k] = await sess.runValues([out!, n!], new Map([[x, 10]]));
    expect(o!.values).toEqual([0.625]);
    expect(k!.values).toEqual([4]);
    const c = g.cond(
      g.greater(x, 0),
      () => g.square(x),
      () => g.neg(x),
    );
    expect(await values(await sess.run(c, new Map([[x, 3]])))).toEqual([9]);
    expect(sess.lastRunStats.ops.some((o) => o.includes('false/'))).toBe(false);
    expect(await values(await sess.run(c, new Map([[x, -3]])))).toEqual([3]);
    expect(sess.lastRunStats.ops.some((o) => o.includes('true/'))).toBe(false);
    expect(() => g.gradients(out!, [x])).toThrow(LookupError);
    sess.close();
  });

  it('leaves the tensor count unchanged after runs and close, also after failing runs', async () => {
    const g = new tf1.Graph();
    const x = g.placeholder('float32', [null, 2], 'x');
    const w = g.getVariable('w', [2, 2]);
    const loss = g.reduceMean(g.tanh(g.matMul(x, w)));
    const train = new tf1.train.GradientDescentOptimizer(0.5).minimize(loss);
    const sess = new tf1.Session(g);
    await sess.run(g.globalVariablesInitializer());
    expect(tf.memory().numTensors).toBe(before + 1);
    for (let i = 0; i < 3; i++) await sess.run(train, new Map([[x, [1, 2, 3, 4]]]));
    await sess.run(train, new Map([[x, [1, 2, 3]]])).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before + 1);
    sess.close();
    await expect(sess.run(loss)).rejects.toThrow('Attempted to use a closed Session.');
  });
});
