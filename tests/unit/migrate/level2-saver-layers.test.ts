import { describe, expect, it } from 'vitest';
import { converted, py, refused } from './level2-support.ts';

/**
 * Level 2: `tf.train.Saver()` over the variables of model functions' layers (made once as Keras layer
 * objects) -> a tf.train.Checkpoint naming those objects and the optimizer; exact output, and the
 * cases it must refuse with line:col. Same helpers as level2-rules.test.ts.
 */

const graph = [
  'x = tf.placeholder(tf.float32, [None, 4])',
  'y = tf.placeholder(tf.float32, [None, 1])',
  'def net(x, reuse):',
  "    with tf.variable_scope('net', reuse=reuse):",
  '        h = tf.layers.dense(x, 8, activation=tf.nn.relu)',
  '        return tf.layers.dense(h, 1)',
  'pred = net(x, reuse=False)',
  'loss = tf.reduce_mean(tf.square(pred - y))',
  'opt = tf.train.AdamOptimizer(0.01)',
  'train = opt.minimize(loss)',
];
const session = [
  'with tf.Session() as sess:',
  '    sess.run(tf.global_variables_initializer())',
  '    for step in range(10):',
  '        sess.run(train, feed_dict={x: xs, y: ys})',
  "    saver.save(sess, 'model.ckpt')",
];

describe('Level 2: a Saver over the variables of a model function', () => {
  it('becomes a Checkpoint of its layer objects and the optimizer, written at the same path', () => {
    const out = converted(['import tensorflow as tf', ...graph, 'saver = tf.train.Saver()', ...session]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'net_h_layer = tf.keras.layers.Dense(8, activation=tf.nn.relu)',
        'net_layer = tf.keras.layers.Dense(1)',
        '',
        '',
        'def net(x, reuse):',
        '    h = net_h_layer(x)',
        '    return net_layer(h)',
        'opt = tf.keras.optimizers.Adam(0.01, epsilon=1e-08)',
        'saver = tf.train.Checkpoint(net_h_layer=net_h_layer, net_layer=net_layer, opt=opt)',
        '',
        '@tf.function',
        'def train(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        pred = net(x, reuse=False)',
        '        loss = tf.reduce_mean(input_tensor=tf.square(pred - y))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    opt.apply_gradients(zip(gradients, variables))',
        '',
        'for step in range(10):',
        '    train(x=xs, y=ys)',
        "saver.write('model.ckpt')",
      ]),
    );
    const notes = out.report
      .filter((e) => e.rule === 'saver-to-checkpoint')
      .map((e) => `${e.line}:${e.col} ${e.message}`);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(
      /^12:9 .*through the Keras layer objects that now own them \(net_h_layer, net_layer\).*Adam: m and v per variable.*beta1_power/,
    );
    expect(notes[1]).toBe('17:5 saver.save(sess, path) -> Checkpoint.write(path): the same file prefix, returned.');
  });

  it('leaves out the layers of a model function first called after the Saver, as TF1 did', () => {
    const lines = ['import tensorflow as tf', ...graph];
    lines.splice(7, 0, 'w = tf.Variable(tf.zeros([1]))', 'saver = tf.train.Saver()');
    const out = converted([...lines.map((l) => l.replace('pred - y', 'pred - y + w')), ...session]);
    expect(out.code).toContain('saver = tf.train.Checkpoint(w=w)\n');
  });

  it('refuses a save before any Session.run (the Keras layers have made no variables yet)', () => {
    refused(
      [
        ...graph,
        'saver = tf.train.Saver()',
        'with tf.Session() as sess:',
        '    sess.run(tf.global_variables_initializer())',
        "    saver.save(sess, 'init.ckpt')",
        '    sess.run(train, feed_dict={x: xs, y: ys})',
      ],
      [14, 5],
      /this save comes before any Session.run: in TF2 the Keras layers .* make them at their first call/,
    );
  });

  it('names the Keras objects of graph-code layers made before it too (not the stateless ones)', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 4])',
      'y = tf.placeholder(tf.float32, [None, 1])',
      'h = tf.layers.dense(x, 8, activation=tf.nn.relu)',
      'h = tf.layers.dropout(h, 0.5)',
      'pred = tf.layers.dense(h, 1)',
      'loss = tf.reduce_mean(tf.square(pred - y))',
      'train = tf.train.AdamOptimizer(0.01).minimize(loss)',
      'saver = tf.train.Saver()',
      ...session.filter((l) => !l.includes('for step')).map((l) => l.replace(/^ {8}/, '    ')),
    ]);
    expect(out.code).toContain(
      py([
        'pred_layer = tf.keras.layers.Dense(1)',
        'optimizer = tf.keras.optimizers.Adam(0.01, epsilon=1e-08)',
        'saver = tf.train.Checkpoint(h_layer=h_layer, pred_layer=pred_layer, optimizer=optimizer)',
      ]),
    );
    expect(out.code).toContain("train(x=xs, y=ys)\nsaver.write('model.ckpt')\n");
  });

  it('still refuses variables it cannot name (an RNN cell of the graph code)', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32, [None, 5, 4])',
        'y = tf.placeholder(tf.float32, [None, 1])',
        'cell = tf.nn.rnn_cell.BasicLSTMCell(8)',
        'outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)',
        'pred = tf.layers.dense(outputs[:, -1], 1)',
        'loss = tf.reduce_mean(tf.square(pred - y))',
        'train = tf.train.AdamOptimizer(0.01).minimize(loss)',
        'saver = tf.train.Saver()',
        ...session,
      ],
      [3, 8],
      /this makes variables that tf.train.Saver\(\) saves but that have no name here/,
    );
  });
});
