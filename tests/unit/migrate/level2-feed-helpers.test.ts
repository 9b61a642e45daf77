import { describe, expect, it } from 'vitest';
import { converted, py, refusedAsWritten as refused } from './level2-support.ts';

/**
 * A function that builds the feed dict (`feed_dict=feed(True)`): it returns its values keyed by the
 * converted function's parameter names, and the run passes them as `**feed(True)`.
 */

const graph = [
  'import numpy as np',
  'import tensorflow as tf',
  '',
  'x = tf.placeholder(tf.float32, [None, 3])',
  'keep = tf.placeholder(tf.float32)',
  'w = tf.Variable(tf.zeros([3, 1]))',
  'y = tf.nn.dropout(tf.matmul(x, w), keep_prob=keep)',
  'loss = tf.reduce_mean(y)',
  'train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
  '',
];
const helper = [
  'def feed(train):',
  '  if train:',
  '    xs = np.ones([4, 3])',
  '    k = 0.5',
  '  else:',
  '    xs = np.zeros([4, 3])',
  '    k = 1.0',
  '  return {x: xs, keep: k}',
  '',
];
const session = (...body: string[]) => [
  'with tf.Session() as sess:',
  '  sess.run(tf.global_variables_initializer())',
  '  for i in range(10):',
  ...body.map((l) => `    ${l}`),
];

describe('Level 2: a function that builds the feed dict', () => {
  it('returns the values keyed by parameter name, and each run passes them as **feed(...)', () => {
    const out = converted([
      ...graph,
      ...helper,
      ...session('sess.run(train_op, feed_dict=feed(True))', 'print(sess.run(loss, feed_dict=feed(False)))'),
    ]);
    expect(out.code).toBe(
      py([
        'import numpy as np',
        'import tensorflow as tf',
        '',
        'w = tf.Variable(tf.zeros([3, 1]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        'def feed(train):',
        '  if train:',
        '    xs = np.ones([4, 3])',
        '    k = 0.5',
        '  else:',
        '    xs = np.zeros([4, 3])',
        '    k = 1.0',
        "  return {'x': xs, 'keep': k}",
        '',
        '',
        '@tf.function',
        'def train_op(x, keep):',
        '    x = tf.cast(x, tf.float32)',
        '    keep = tf.cast(keep, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        y = tf.nn.dropout(tf.matmul(x, w), rate=1 - (keep))',
        '        loss = tf.reduce_mean(input_tensor=y)',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        '@tf.function',
        'def loss(x, keep):',
        '    x = tf.cast(x, tf.float32)',
        '    keep = tf.cast(keep, tf.float32)',
        '    y = tf.nn.dropout(tf.matmul(x, w), rate=1 - (keep))',
        '    loss = tf.reduce_mean(input_tensor=y)',
        '    return loss',
        '',
        'for i in range(10):',
        '  train_op(**feed(True))',
        '  print(loss(**feed(False)).numpy())',
      ]),
    );
    expect(
      out.report.filter((e) => e.rule === 'feed-dict-to-arguments').map((e) => `${e.line}:${e.col} ${e.message}`),
    ).toEqual([
      '11:1 The feed dict helper `feed()` now returns its values keyed by parameter name; ' +
        'its runs pass them as **feed(...) keyword arguments.',
    ]);
  });

  it('reads a helper named feed_dict, whose name is also the keyword it is passed to, and renames it', () => {
    const named = helper.map((l) => l.replace('def feed(', 'def feed_dict('));
    const out = converted([...graph, ...named, ...session('sess.run(train_op, feed_dict=feed_dict(True))')]);
    expect(out.code).toContain("  return {'x': xs, 'keep': k}\n");
    expect(out.code).toContain('def feed_arguments(train):\n');
    expect(out.code).not.toMatch(/\bfeed_dict\b/);
    expect(out.code.endsWith('\nfor i in range(10):\n  train_op(**feed_arguments(True))\n')).toBe(true);
    expect(out.report.filter((e) => e.rule === 'feed-dict-to-arguments').map((e) => e.message)).toContain(
      'The feed dict helper `feed_dict()` now returns its values keyed by parameter name; its runs pass them as ' +
        "**feed_arguments(...) keyword arguments (renamed `feed_arguments`: it no longer builds a feed_dict, TF1's Session.run " +
        'argument).',
    );
  });

  it('is refused where the helper is used other than as a feed_dict', () => {
    refused(
      [...graph, ...helper, ...session('sess.run(train_op, feed_dict=feed(True))'), 'print(feed(False))'],
      [24, 7],
      /the feed dict helper `feed\(\)` is used here too, not only for a Session.run's feed_dict/,
    );
  });

  it('is refused where a return is not a {placeholder: value} literal, or feeds other placeholders', () => {
    const branches = (other: string) => [
      'def feed(train):',
      '  if train:',
      '    return {x: np.ones([4, 3]), keep: 0.5}',
      `  return ${other}`,
      '',
    ];
    const run = session('sess.run(train_op, feed_dict=feed(True))');
    refused(
      [...graph, ...branches('None'), ...run],
      [14, 3],
      /`feed\(\)` returns something other than a dict literal here/,
    );
    refused(
      [...graph, ...branches('{x: np.zeros([4, 3])}'), ...run],
      [14, 10],
      /`feed\(\)` feeds other placeholders here than in its other returns/,
    );
    refused(
      [...graph, ...branches('{x: np.zeros([4, 3]), y: 1.0}'), ...run],
      [14, 32],
      /`feed\(\)` feeds `y`, which is not a placeholder of the graph code/,
    );
    refused(
      [...graph, 'def feed(train):', '  d = {x: np.ones([4, 3]), keep: 0.5}', '  return d', '', ...run],
      [13, 3],
      /`feed\(\)` returns something other than a dict literal here/,
    );
  });

  it('is refused where the fetched function does not take every placeholder the helper feeds', () => {
    refused(
      [...graph, 'norm = tf.reduce_sum(w)', '', ...helper, ...session('print(sess.run(norm, feed_dict=feed(False)))')],
      [25, 11],
      /`feed\(\)` feeds `x`, `keep`, which what is fetched here does not use/,
    );
  });

  it('is refused where feed_dict is built by a call it cannot follow', () => {
    refused(
      [...graph, ...session('sess.run(train_op, feed_dict=make_feed(True))')],
      [14, 34],
      /feed_dict is built by `make_feed\(\)`, which is not one function defined in this file/,
    );
    refused(
      [...graph, ...session('sess.run(train_op, feed_dict=feeds.train())')],
      [14, 34],
      /feed_dict is built by a call this tool cannot follow/,
    );
  });
});
