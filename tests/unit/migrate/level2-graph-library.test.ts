import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';

/**
 * A module of graph-building functions that no Session in it runs (TensorFlow's mnist.py tutorial
 * library) stays as it is; Level 2 says why at the functions without a TF2 form of the same contract.
 */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const warnings = (lines: string[]) =>
  migrate(py(lines))
    .report.filter((e) => e.rule === 'not-converted')
    .map((e) => `${e.line}:${e.col} ${e.message}`);

const library = [
  'import tensorflow as tf',
  'def inference(images, units):',
  "  with tf.name_scope('hidden'):",
  "    weights = tf.Variable(tf.zeros([784, units]), name='weights')",
  '    return tf.matmul(images, weights)',
  'def loss(logits, labels):',
  '  return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
  'def training(loss, learning_rate):',
  "  tf.summary.scalar('loss', loss)",
  '  optimizer = tf.train.GradientDescentOptimizer(learning_rate)',
  "  global_step = tf.Variable(0, name='global_step', trainable=False)",
  '  return optimizer.minimize(loss, global_step=global_step)',
];

describe('Level 2: a library of graph-building functions with no Session', () => {
  it('says why training() and inference() stay, at their places, and leaves the code to Level 1', () => {
    const out = migrate(py(library));
    const found = out.report.filter((e) => e.rule === 'not-converted');
    expect(found.map((e) => `${e.line}:${e.col} ${e.severity}`)).toEqual(['2:5 warning', '12:10 warning']);
    expect(found[0]!.message).toContain('`inference()` makes variables on every call');
    expect(found[0]!.message).toContain('make it a tf.Module or Keras layer built once');
    expect(found[1]!.message).toContain('`training()` builds a training op for a Session in another file to run');
    expect(out.code).toContain('optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate)\n');
    expect(out.code).toContain("with tf.name_scope('hidden'):\n");
  });

  it('finds an inline optimizer and apply_gradients too', () => {
    expect(
      warnings([
        'import tensorflow as tf',
        'def training(loss, rate):',
        '  return tf.train.AdamOptimizer(rate).minimize(loss)',
        'def apply(grads_and_vars):',
        '  opt = tf.train.AdamOptimizer(0.1)',
        '  return opt.apply_gradients(grads_and_vars)',
      ]).map((w) => w.slice(0, 5)),
    ).toEqual(['3:10 ', '6:10 ']);
  });

  it('says nothing of plain functions, of methods, or where a Session, an Estimator or eager execution runs the code', () => {
    expect(warnings(library.filter((_, i) => i === 0 || (i >= 5 && i <= 6)))).toEqual([]);
    expect(
      warnings([
        'import tensorflow as tf',
        'class Net(object):',
        '  def __init__(self):',
        '    self.w = tf.Variable(tf.zeros([2]))',
      ]),
    ).toEqual([]);
    for (const runner of ['tf.enable_eager_execution()', 'model = tf.estimator.Estimator(training)'])
      expect(warnings([...library, runner]).filter((w) => /another file|every call/.test(w))).toEqual([]);
    expect(warnings([...library, 'sess = tf.Session()']).filter((w) => /another file|every call/.test(w))).toEqual([]);
  });
});
