import { describe, expect, it } from 'vitest';
import { converted, py, refusedAsWritten as refused } from './level2-support.ts';

const convertedCode = (lines: string[]) => converted(lines).code;

/**
 * Summaries made under the name and variable scopes that Level 2 removes keep TF1's tags: the scope
 * path goes in front of the v2 summary's name ('cross_entropy/loss'), or in front of the scopes a
 * summary-making function keeps.
 */

const head = [
  'import tensorflow as tf',
  '',
  'x = tf.placeholder(tf.float32, [None, 3])',
  'w = tf.Variable(tf.zeros([3, 1]))',
];
const tail = [
  'train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
  'merged = tf.summary.merge_all()',
  '',
  'with tf.Session() as sess:',
  "  writer = tf.summary.FileWriter('/tmp/log')",
  '  for i in range(100):',
  '    summary, _ = sess.run([merged, train_op], feed_dict={x: data})',
  '    writer.add_summary(summary, i)',
];

describe('Level 2: summaries under removed name and variable scopes', () => {
  it("write TF1's tag, the scope path in front of the name", () => {
    const code = convertedCode([
      ...head,
      "with tf.name_scope('cross_entropy'):",
      '  loss = tf.reduce_mean(tf.matmul(x, w))',
      "  tf.summary.scalar('loss', loss)",
      ...tail,
    ]);
    expect(code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'w = tf.Variable(tf.zeros([3, 1]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '',
        '@tf.function',
        'def merged_and_train_op(x, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        loss = tf.reduce_mean(input_tensor=tf.matmul(x, w))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '    with writer.as_default():',
        "        tf.summary.scalar('cross_entropy/loss', loss, step=step)",
        '    return None, None',
        '',
        "writer = tf.summary.create_file_writer('/tmp/log')",
        'for i in range(100):',
        '  summary, _ = merged_and_train_op(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
      ]),
    );
  });

  it('nest scope paths, and name a scope opened again at the same place with _1 as TF1 did', () => {
    const code = convertedCode([
      ...head,
      "with tf.variable_scope('model'):",
      "  with tf.name_scope('stats'):",
      '    loss = tf.reduce_mean(tf.matmul(x, w))',
      '    tf.summary.scalar("loss", loss)',
      "  with tf.name_scope('stats'):",
      "    tf.summary.histogram('w', w)",
      ...tail,
    ]);
    expect(code).toContain('        tf.summary.scalar("model/stats/loss", loss, step=step)\n');
    expect(code).toContain("        tf.summary.histogram('model/stats_1/w', w, step=step)\n");
  });

  it('run each call of a function making summaries under the name scope TF1 gave it, so several calls keep their tags', () => {
    const code = convertedCode([
      ...head,
      'b = tf.Variable(tf.zeros([1]))',
      '',
      'def describe(var):',
      "  tf.summary.histogram('values', var)",
      "  with tf.name_scope('summaries'):",
      "    tf.summary.scalar('mean', tf.reduce_mean(var))",
      '  return var',
      '',
      "with tf.name_scope('weights'):",
      '  w_seen = describe(w)',
      "with tf.name_scope('biases'):",
      '  b_seen = describe(b)',
      'loss = tf.reduce_mean(tf.matmul(x, w_seen) + b_seen)',
      ...tail,
    ]);
    expect(code).toContain(
      py([
        'def describe(var):',
        "  tf.summary.histogram('values', var)",
        "  with tf.name_scope('summaries'):",
        "    tf.summary.scalar('mean', tf.reduce_mean(input_tensor=var))",
        '  return var',
      ]),
    );
    expect(code).toContain(
      py([
        '    with writer.as_default(step=step):',
        '        with tf.GradientTape() as tape:',
        "            with tf.name_scope('weights'):",
        '                w_seen = describe(w)',
        "            with tf.name_scope('biases'):",
        '                b_seen = describe(b)',
        '            loss = tf.reduce_mean(input_tensor=tf.matmul(x, w_seen) + b_seen)',
      ]),
    );
  });

  it('are refused where a scope around them is not named by a plain string literal', () => {
    refused(
      [
        ...head,
        'with tf.name_scope(SCOPE):',
        '  loss = tf.reduce_mean(tf.matmul(x, w))',
        "  tf.summary.scalar('loss', loss)",
        ...tail,
      ],
      [7, 3],
      /made under a name or variable scope whose name is not a plain string literal/,
    );
    refused(
      [
        ...head,
        '',
        'def describe(var):',
        "  tf.summary.scalar('mean', tf.reduce_mean(var))",
        '  return var',
        '',
        'with tf.name_scope(SCOPE):',
        '  seen = describe(w)',
        'loss = tf.reduce_mean(tf.matmul(x, seen))',
        ...tail,
      ],
      [11, 3],
      /this call of `describe\(\)`, which makes summaries, is made under a name or variable scope whose name is not a plain/,
    );
    refused(
      [
        ...head,
        '',
        'def describe(var):',
        "  tf.summary.scalar('mean', tf.reduce_mean(var))",
        '  return var',
        '',
        "with tf.name_scope('weights'):",
        '  seen = describe(w)',
        '  again = describe(seen)',
        'loss = tf.reduce_mean(tf.matmul(x, again))',
        ...tail,
      ],
      [12, 11],
      /`describe\(\)` makes summaries and is called more than once under the same removed name scope/,
    );
  });
});
