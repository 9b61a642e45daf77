import { describe, expect, it } from 'vitest';
import { converted, py, refused } from './level2-support.ts';

/**
 * Level 2 and gradients computed before they are applied (tf.gradients / compute_gradients, then
 * apply_gradients), summaries of them and of every trainable variable in loops, and summaries made
 * inside a function the graph code calls.
 */

const model = [
  'x = tf.placeholder(tf.float32, [None, 2])',
  'w = tf.Variable(tf.zeros([2, 1]))',
  'loss = tf.reduce_mean(tf.matmul(x, w))',
  'opt = tf.train.GradientDescentOptimizer(0.1)',
];
const step = (fetch: string) => ['with tf.Session() as sess:', `    sess.run(${fetch}, feed_dict={x: data})`];
const trainFunction = (vars: string) => [
  'def train(x):',
  '    x = tf.cast(x, tf.float32)',
  '    with tf.GradientTape() as tape:',
  '        loss = tf.reduce_mean(input_tensor=tf.matmul(x, w))',
  `    variables = ${vars}`,
  '    gradients = tape.gradient(loss, variables)',
  '    opt.apply_gradients(zip(gradients, variables))',
  '',
];
const header = [
  'import tensorflow as tf',
  'w = tf.Variable(tf.zeros([2, 1]))',
  'opt = tf.keras.optimizers.SGD(0.1)',
  '',
];

describe('Level 2: gradients computed, then applied', () => {
  it('reads tf.gradients over the trainable variables, zipped, then apply_gradients, as one training step', () => {
    const out = converted([
      'import tensorflow as tf',
      ...model,
      'grads = tf.gradients(loss, tf.trainable_variables())',
      'grads = list(zip(grads, tf.trainable_variables()))',
      'train = opt.apply_gradients(grads_and_vars=grads)',
      ...step('train'),
    ]);
    expect(out.code).toBe(py([...header, ...trainFunction('tape.watched_variables()'), 'train(x=data)']));
    expect(out.report.filter((e) => e.rule === 'minimize-to-gradient-tape').map((e) => e.line)).toEqual([6, 7, 8]);
  });

  it('reads compute_gradients with a var_list, and a zip inside apply_gradients', () => {
    const viaCompute = converted([
      'import tensorflow as tf',
      ...model,
      'pairs = opt.compute_gradients(loss, var_list=[w])',
      'train = opt.apply_gradients(pairs)',
      ...step('train'),
    ]);
    expect(viaCompute.code).toBe(py([...header, ...trainFunction('[w]'), 'train(x=data)']));
    const viaZip = converted([
      'import tensorflow as tf',
      ...model,
      'g = tf.gradients(loss, [w])',
      'train = opt.apply_gradients(zip(g, [w]))',
      ...step('train'),
    ]);
    expect(viaZip.code).toBe(viaCompute.code);
  });

  it('refuses gradients changed before they are applied, or applied over other variables', () => {
    refused(
      [
        ...model,
        'pairs = opt.compute_gradients(loss)',
        'clipped = [(tf.clip_by_value(g, -1., 1.), v) for g, v in pairs]',
        'train = opt.apply_gradients(clipped)',
        ...step('train'),
      ],
      [7, 9],
      /apply_gradients\(\) of pairs not computed here by tf\.gradients or compute_gradients/,
    );
    refused(
      [
        ...model,
        'g = tf.gradients(loss, [w])',
        'train = opt.apply_gradients(zip(g, tf.trainable_variables()))',
        ...step('train'),
      ],
      [6, 9],
      /apply_gradients\(\) of pairs not computed here/,
    );
    refused(
      [...model, 'g = tf.gradients(loss, [w], grad_ys=[seed])', ...step('loss')],
      [5, 5],
      /tf\.gradients of anything but a named loss over a list of variables/,
    );
    refused(
      [
        ...model,
        'g = tf.gradients(loss, [w])',
        'train = opt.apply_gradients(zip(g, [w]))',
        'print(g)',
        ...step('train'),
      ],
      [7, 7],
      /the gradient list `g` is used here outside Session\.run/,
    );
  });
});

const summarized = [
  'import tensorflow as tf',
  ...model,
  'grads = tf.gradients(loss, tf.trainable_variables())',
  'grads = list(zip(grads, tf.trainable_variables()))',
  'train = opt.apply_gradients(grads_and_vars=grads)',
  "tf.summary.scalar('loss', loss)",
  'for var in tf.trainable_variables():',
  '    tf.summary.histogram(var.name, var)',
  'for grad, var in grads:',
  "    tf.summary.histogram(var.name + '/gradient', grad)",
  'merged = tf.summary.merge_all()',
  "writer = tf.summary.FileWriter('logs')",
  'with tf.Session() as sess:',
  '    for i in range(10):',
  '        _, s = sess.run([train, merged], feed_dict={x: data})',
  '        writer.add_summary(s, i)',
];

describe('Level 2: summaries of gradients and of every trainable variable', () => {
  it('moves the loops into the training function, over the variables it differentiates and the gradients it computes', () => {
    const out = converted(summarized);
    expect(out.code).toBe(
      py([
        ...header.slice(0, 3),
        "writer = tf.summary.create_file_writer('logs')",
        '',
        '@tf.function',
        'def train_and_merged(x, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        loss = tf.reduce_mean(input_tensor=tf.matmul(x, w))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    opt.apply_gradients(zip(gradients, variables))',
        '    grads = list(zip(gradients, variables))',
        '    with writer.as_default():',
        "        tf.summary.scalar('loss', loss, step=step)",
        '        for var in variables:',
        '            tf.summary.histogram(var.name, var, step=step)',
        '        for grad, var in grads:',
        "            tf.summary.histogram(var.name + '/gradient', grad, step=step)",
        '    return None, None',
        '',
        'for i in range(10):',
        '    _, s = train_and_merged(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
      ]),
    );
  });

  it('refuses a loop over the trainable variables without the training op over all of them', () => {
    const lines = summarized.slice(1).map((l) => (l.startsWith('for grad') || l.includes("'/gradient'") ? '' : l));
    refused(
      lines.map((l) =>
        l.startsWith('grads = tf.gradients')
          ? 'grads = tf.gradients(loss, [w])'
          : l.startsWith('grads = list')
            ? 'grads = list(zip(grads, [w]))'
            : l,
      ),
      [17, 16],
      /summaries over tf\.trainable_variables\(\) are run here without the one training op over every trainable variable/,
    );
  });

  it('refuses a loop over a bare zip() of the gradients, which apply_gradients may already have used up', () => {
    refused(
      summarized
        .slice(1)
        .map((l) =>
          l === 'grads = list(zip(grads, tf.trainable_variables()))'
            ? 'grads = zip(grads, tf.trainable_variables())'
            : l,
        ),
      [11, 18],
      /`grads` is a zip\(\) iterator, which only its first reader sees/,
    );
  });

  it('refuses a loop of summaries over anything else', () => {
    refused(
      [
        ...summarized.slice(1, 9),
        'for var in [w]:',
        '    tf.summary.histogram(var.name, var)',
        ...summarized.slice(11),
      ],
      [9, 12],
      /a loop of summaries over something other than tf\.trainable_variables\(\) or gradients computed here/,
    );
  });
});

describe('Level 2: summaries made in a function the graph code calls', () => {
  const lines = [
    'import tensorflow as tf',
    'x = tf.placeholder(tf.float32, [None, 2])',
    'w = tf.Variable(tf.zeros([2, 1]))',
    'def layer(h):',
    '    out = tf.nn.relu(tf.matmul(h, w))',
    "    tf.summary.histogram('relu', out)",
    '    return out',
    'y = layer(x)',
    'total = tf.reduce_sum(y)',
    "tf.summary.scalar('total', total)",
    'merged = tf.summary.merge_all()',
    "writer = tf.summary.FileWriter('logs')",
    'with tf.Session() as sess:',
    '    for i in range(10):',
    '        s = sess.run(merged, feed_dict={x: data})',
    '        writer.add_summary(s, i)',
    '    print(sess.run(y, feed_dict={x: data}))',
  ];

  it('writes them in TF2 under the writer and step of the run that fetches the merged summary', () => {
    const out = converted(lines);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.zeros([2, 1]))',
        'def layer(h):',
        '    out = tf.nn.relu(tf.matmul(h, w))',
        "    tf.summary.histogram('relu', out)",
        '    return out',
        "writer = tf.summary.create_file_writer('logs')",
        '',
        '@tf.function',
        'def merged(x, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    with writer.as_default(step=step):',
        '        y = layer(x)',
        '        total = tf.reduce_sum(input_tensor=y)',
        "        tf.summary.scalar('total', total, step=step)",
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = layer(x)',
        '    return y',
        '',
        'for i in range(10):',
        '    s = merged(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
        'print(y(x=data).numpy())',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'summary-v2').map((e) => e.line)).toContain(6);
  });

  it('computes the call in the function fetching the merged summary even when nothing else there needs it', () => {
    const out = converted(lines.map((l) => l.replace('reduce_sum(y)', 'reduce_sum(x)')));
    expect(out.code).toContain(
      py([
        '    with writer.as_default(step=step):',
        '        y = layer(x)',
        '        total = tf.reduce_sum(input_tensor=x)',
        "        tf.summary.scalar('total', total, step=step)",
      ]),
    );
  });

  it('refuses such a function called twice, or after merge_all', () => {
    refused(
      [...lines.slice(1, 8), 'z = layer(y)', ...lines.slice(8)].map((l) => l.replace('reduce_sum(y)', 'reduce_sum(z)')),
      [8, 5],
      /`layer\(\)` makes summaries and is called more than once/,
    );
    const late = [...lines.slice(1, 7), ...lines.slice(8, 11), 'y = layer(x)', ...lines.slice(11)].map((l) =>
      l.replace('reduce_sum(y)', 'reduce_sum(x)'),
    );
    refused(late, [10, 5], /`layer\(\)` makes summaries that no tf\.summary\.merge_all\(\) after the call collects/);
    refused(
      lines
        .slice(1)
        .map((l) => (l === 'y = layer(x)' ? 'print(layer(x))' : l.replace('reduce_sum(y)', 'reduce_sum(x)'))),
      [7, 7],
      /`layer\(\)` makes summaries and is called here other than to compute a graph tensor/,
    );
  });
});
