import { describe, expect, it } from 'vitest';
import { converted, py, refused } from './level2-support.ts';

/**
 * Model functions (a function that makes layers or RNN cells, called on graph tensors) and TF1's
 * static RNNs: the layers are made once above the function and shared exactly where TF1 shared the
 * variables; everything else is refused with its place.
 */

const RUN_AB = [
  'with tf.Session() as sess:',
  '    sess.run(tf.global_variables_initializer())',
  '    print(sess.run([a, b], feed_dict={x: data}))',
];

describe('Level 2: a model function called with reuse', () => {
  it('makes its layers once above it; the reuse=True call shares them, training= goes to the layer call', () => {
    const out = converted([
      'import tensorflow as tf',
      'n_classes = 10',
      'rate = 0.25',
      'def conv_net(x, n_classes, dropout, reuse, is_training):',
      "    with tf.variable_scope('ConvNet', reuse=reuse):",
      '        h = tf.layers.dense(x, 32, activation=tf.nn.relu)',
      '        h = tf.layers.dropout(h, rate=dropout, training=is_training)',
      '        out = tf.layers.dense(h, n_classes)',
      '    return out',
      'x = tf.placeholder(tf.float32, [None, 8])',
      'y = tf.placeholder(tf.int32, [None])',
      'logits_train = conv_net(x, n_classes, rate, reuse=False, is_training=True)',
      'logits_test = conv_net(x, n_classes, rate, reuse=True, is_training=False)',
      'loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits_train, labels=y))',
      'train = tf.train.AdamOptimizer(0.001).minimize(loss)',
      'pred = tf.argmax(logits_test, 1)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    for step in range(10):',
      '        sess.run(train, feed_dict={x: data, y: labels})',
      '    print(sess.run(pred, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'n_classes = 10',
        'rate = 0.25',
        'conv_net_h_layer = tf.keras.layers.Dense(32, activation=tf.nn.relu)',
        'conv_net_h_layer_2 = tf.keras.layers.Dropout(rate=rate)',
        'conv_net_out_layer = tf.keras.layers.Dense(n_classes)',
        '',
        '',
        'def conv_net(x, n_classes, dropout, reuse, is_training):',
        '    h = conv_net_h_layer(x)',
        '    h = conv_net_h_layer_2(h, training=is_training)',
        '    out = conv_net_out_layer(h)',
        '    return out',
        'optimizer = tf.keras.optimizers.Adam(0.001, epsilon=1e-08)',
        '',
        '@tf.function',
        'def train(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.int32)',
        '    with tf.GradientTape() as tape:',
        '        logits_train = conv_net(x, n_classes, rate, reuse=False, is_training=True)',
        '        loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits_train, labels=y))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        'def pred(x):',
        '    x = tf.cast(x, tf.float32)',
        '    logits_test = conv_net(x, n_classes, rate, reuse=True, is_training=False)',
        '    pred = tf.argmax(input=logits_test, axis=1)',
        '    return pred',
        '',
        'for step in range(10):',
        '    train(x=data, y=labels)',
        'print(pred(x=data).numpy())',
      ]),
    );
    expect(out.report.some((e) => e.rule === 'model-function' && /reused them \(reuse=True\)/.test(e.message))).toBe(
      true,
    );
  });

  it('shares under variable_scope(reuse=tf.AUTO_REUSE) at every call', () => {
    const out = converted([
      'import tensorflow as tf',
      'def net(x):',
      "    with tf.variable_scope('net', reuse=tf.AUTO_REUSE):",
      '        return tf.layers.dense(x, 4)',
      'x = tf.placeholder(tf.float32, [None, 8])',
      'a = net(x)',
      'b = net(x * 2)',
      ...RUN_AB,
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'net_layer = tf.keras.layers.Dense(4)',
        '',
        '',
        'def net(x):',
        '    return net_layer(x)',
        '',
        'def a_and_b(x):',
        '    x = tf.cast(x, tf.float32)',
        '    a = net(x)',
        '    b = net(x * 2)',
        '    return a, b',
        '',
        'print(a_and_b(x=data))',
      ]),
    );
  });

  it('tf.layers.conv2d_transpose -> Conv2DTranspose, positional arguments named in TF1 order (no dilation_rate)', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 6, 6, 8])',
      "y = tf.layers.conv2d_transpose(x, 4, 3, 2, 'same', 'channels_last', tf.nn.relu)",
      'with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={x: data}))',
    ]);
    expect(out.code).toContain(
      "y_layer = tf.keras.layers.Conv2DTranspose(4, kernel_size=3, strides=2, padding='same', data_format='channels_last', " +
        'activation=tf.nn.relu)',
    );
  });

  it('batch_normalization: training= goes to the call; refused where TF1 never ran UPDATE_OPS (its averages never moved)', () => {
    const net = (training: string) => [
      'def net(x, is_training):',
      '    h = tf.layers.dense(x, 4)',
      `    return tf.layers.batch_normalization(h, training=${training})`,
      'x = tf.placeholder(tf.float32, [None, 8])',
      'y = net(x, True)',
      'with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={x: data}))',
    ];
    const out = converted(['import tensorflow as tf', ...net('False')]);
    expect(out.code).toContain('net_layer = tf.keras.layers.BatchNormalization()');
    expect(out.code).toContain('    return net_layer(h, training=False)');
    refused(
      net('is_training'),
      [3, 12],
      /never runs tf\.GraphKeys\.UPDATE_OPS: TF1 left the moving averages at their start values/,
    );
  });

  it('refuses two calls TF1 gave separate variables (no reuse)', () => {
    refused(
      [
        'def net(x):',
        '    return tf.layers.dense(x, 4)',
        'x = tf.placeholder(tf.float32, [None, 8])',
        'a = net(x)',
        'b = net(x)',
        ...RUN_AB,
      ],
      [5, 5],
      /called 2 times without variable_scope\(reuse=\.\.\.\): TF1 made new variables at each call/,
    );
  });

  it('refuses a first call under reuse=True, and a reuse that is not a literal', () => {
    const net = [
      'def net(x, reuse=False):',
      "    with tf.variable_scope('net', reuse=reuse):",
      '        return tf.layers.dense(x, 4)',
    ];
    const x = 'x = tf.placeholder(tf.float32, [None, 8])';
    refused(
      [...net, x, 'a = net(x, reuse=True)', 'b = net(x, reuse=True)', ...RUN_AB],
      [5, 5],
      /first call of `net` passes reuse=True/,
    );
    refused(
      [...net, x, 'a = net(x)', 'b = net(x, reuse=flag)', ...RUN_AB],
      [6, 5],
      /passes reuse=flag: only a literal True/,
    );
  });

  it('refuses a layer configured by a value that differs between calls or is not known above the function', () => {
    refused(
      [
        'def net(x, n, reuse=False):',
        "    with tf.variable_scope('net', reuse=reuse):",
        '        return tf.layers.dense(x, n)',
        'x = tf.placeholder(tf.float32, [None, 8])',
        'a = net(x, 4)',
        'b = net(x, 5, reuse=True)',
        ...RUN_AB,
      ],
      [3, 16],
      /`n` configures a layer of `net` but is not passed the same value at every call/,
    );
    refused(
      [
        'def net(x, width):',
        '    return tf.layers.dense(x, width)',
        'def main():',
        '    x = tf.placeholder(tf.float32, [None, 8])',
        '    w = 4',
        '    a = net(x, w)',
        '    b = a + 1',
        ...RUN_AB.map((l) => `    ${l}`),
      ],
      [2, 12],
      /`width` configures a layer of `net` with `w`, not known above the function/,
    );
  });

  it('a cell whose name the module also uses is made under a fresh name, and the function keeps its local name', () => {
    const out = converted([
      'import tensorflow as tf',
      'cell = 3',
      'x = tf.placeholder(tf.float32, [None, 2, 8])',
      'def net(x):',
      '    cell = tf.nn.rnn_cell.GRUCell(4)',
      '    out, _ = tf.nn.static_rnn(cell, tf.unstack(x, 2, 1), dtype=tf.float32)',
      '    return out[-1] * cell.units',
      'a = net(x)',
      'b = a + cell',
      'with tf.Session() as sess:',
      '    print(sess.run([a, b], feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'cell = 3',
        'net_cell = tf.keras.layers.GRUCell(4, reset_after=False)',
        'net_out_rnn = tf.keras.layers.RNN(net_cell, return_sequences=True)',
        '',
        '',
        'def net(x):',
        '    cell = net_cell',
        '    out = tf.unstack(net_out_rnn(tf.stack(tf.unstack(x, 2, 1), axis=1)), axis=1)',
        '    return out[-1] * cell.units',
        '',
        'def a_and_b(x):',
        '    x = tf.cast(x, tf.float32)',
        '    a = net(x)',
        '    b = a + cell',
        '    return a, b',
        '',
        'print(a_and_b(x=data))',
      ]),
    );
  });

  it('refuses a layer configured by a value computed inside the function (even when the module has that name too)', () => {
    refused(
      [
        'n = 3',
        'x = tf.placeholder(tf.float32, [None, 8])',
        'def net(x):',
        '    n = 4',
        '    return tf.layers.dense(x, n)',
        'a = net(x)',
        'b = a + 1',
        ...RUN_AB,
      ],
      [5, 12],
      /`n` configures a layer of `net` but is computed inside it/,
    );
  });

  it('refuses a model function called by a helper that runs twice, and one that calls another model function', () => {
    const x = 'x = tf.placeholder(tf.float32, [None, 8])';
    refused(
      [
        'def net(x):',
        '    return tf.layers.dense(x, 4)',
        'def build(x):',
        '    return net(x)',
        x,
        'a = build(x)',
        'b = build(x)',
        ...RUN_AB,
      ],
      [4, 12],
      /`build` calls `net`, which makes variables too/,
    );
    refused(
      [
        'def net(x):',
        '    return tf.layers.dense(x, 4)',
        'def main():',
        `    ${x}`,
        '    a = net(x)',
        '    b = a + 1',
        ...RUN_AB.map((l) => `    ${l}`),
        'main()',
        'main()',
      ],
      [5, 9],
      /`net` is called by `main`, which runs more than once: TF1 made variables at each run/,
    );
  });

  it('refuses layers made in a loop, variables made directly, and calls in a loop', () => {
    const x = 'x = tf.placeholder(tf.float32, [None, 8])';
    refused(
      [
        'def net(x):',
        '    for i in range(3):',
        '        x = tf.layers.dense(x, 4)',
        '    return x',
        x,
        'a = net(x)',
        'b = a + 1',
        ...RUN_AB,
      ],
      [3, 13],
      /makes a layer in a loop or comprehension/,
    );
    refused(
      [
        'def net(x):',
        "    w = tf.get_variable('w', [8, 4])",
        '    return tf.matmul(x, w)',
        x,
        'a = net(x)',
        'b = a + 1',
        ...RUN_AB,
      ],
      [5, 1],
      /`net\(\.\.\.\)` makes variables and is called on graph tensors.*calls tf\.get_variable at line 3/,
    );
    refused(
      [
        'def net(x):',
        "    with tf.variable_scope('n', reuse=tf.AUTO_REUSE):",
        '        return tf.layers.dense(x, 4)',
        x,
        'a = [net(x + i) for i in range(2)]',
        'b = a[0]',
        ...RUN_AB,
      ],
      [5, 6],
      /`net` is called in a loop/,
    );
  });
});

describe('Level 2: TF1 static RNNs and contrib cells', () => {
  it('static_rnn over a BasicLSTMCell in a model function -> a Keras RNN made once, outputs unstacked per step', () => {
    const out = converted([
      'import tensorflow as tf',
      'from tensorflow.contrib import rnn',
      'steps = 4',
      'hidden = 8',
      'x = tf.placeholder(tf.float32, [None, steps, 3])',
      'def encode(x):',
      '    xs = tf.unstack(x, steps, 1)',
      '    cell = rnn.BasicLSTMCell(hidden, forget_bias=1.0)',
      '    outputs, states = rnn.static_rnn(cell, xs, dtype=tf.float32)',
      '    return outputs[-1]',
      'h = encode(x)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(h, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'steps = 4',
        'hidden = 8',
        'cell = tf.keras.layers.LSTMCell(hidden)',
        'encode_outputs_rnn = tf.keras.layers.RNN(cell, return_sequences=True)',
        '',
        '',
        'def encode(x):',
        '    xs = tf.unstack(x, steps, 1)',
        '    outputs = tf.unstack(encode_outputs_rnn(tf.stack(xs, axis=1)), axis=1)',
        '    return outputs[-1]',
        '',
        'def h(x):',
        '    x = tf.cast(x, tf.float32)',
        '    h = encode(x)',
        '    return h',
        '',
        'print(h(x=data).numpy())',
      ]),
    );
    const cell = out.report.find((e) => e.rule === 'layers-to-keras' && /RNN cell/.test(e.message));
    expect(cell?.message).toMatch(/gates i, f, c, o \(TF1: i, j, f, o\).*forget_bias=1/);
  });

  it('static_rnn in module-level graph code: the RNN layer is made once beside the cell, the contrib import goes', () => {
    const out = converted([
      'import tensorflow as tf',
      'from tensorflow.contrib import rnn',
      'x = tf.placeholder(tf.float32, [None, 4, 3])',
      'xs = tf.unstack(x, 4, 1)',
      'cell = rnn.BasicLSTMCell(8)',
      'outputs, _ = rnn.static_rnn(cell, xs, dtype=tf.float32)',
      'last = outputs[-1]',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(last, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'cell = tf.keras.layers.LSTMCell(8)',
        'outputs_rnn = tf.keras.layers.RNN(cell, return_sequences=True)',
        '',
        'def last(x):',
        '    x = tf.cast(x, tf.float32)',
        '    xs = tf.unstack(x, 4, 1)',
        '    outputs = tf.unstack(outputs_rnn(tf.stack(xs, axis=1)), axis=1)',
        '    last = outputs[-1]',
        '    return last',
        '',
        'print(last(x=data).numpy())',
      ]),
    );
  });

  it('refuses a static_rnn whose cell is made inside the call, or that is not unpacked into outputs and state', () => {
    const x = 'x = tf.placeholder(tf.float32, [None, 2, 8])';
    const run = ['with tf.Session() as sess:', '    print(sess.run(y, feed_dict={x: data}))'];
    refused(
      [
        x,
        'out, _ = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(4), tf.unstack(x, 2, 1), dtype=tf.float32)',
        'y = out[-1]',
        ...run,
      ],
      [2, 10],
      /make the RNN cell in its own statement/,
    );
    refused(
      [
        x,
        'cell = tf.nn.rnn_cell.GRUCell(4)',
        'pair = tf.nn.static_rnn(cell, tf.unstack(x, 2, 1), dtype=tf.float32)',
        'y = pair[0][-1]',
        ...run,
      ],
      [3, 1],
      /must be unpacked into outputs and the final state \(outputs, _ = \.\.\.\)/,
    );
  });

  it('sequence_length: Keras masks, and the outputs past each length are zeroed as TF1 gave them', () => {
    const out = converted([
      'import tensorflow as tf',
      'hidden = 8',
      'x = tf.placeholder(tf.float32, [None, 4, 3])',
      'lengths = tf.placeholder(tf.int32, [None])',
      'def encode(x, lengths):',
      '    xs = tf.unstack(x, 4, 1)',
      '    cell = tf.contrib.rnn.BasicLSTMCell(hidden)',
      '    outputs, state = tf.contrib.rnn.static_rnn(cell, xs, dtype=tf.float32, sequence_length=lengths)',
      '    return tf.stack(outputs)',
      'h = encode(x, lengths)',
      'with tf.Session() as sess:',
      '    print(sess.run(h, feed_dict={x: data, lengths: n}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'hidden = 8',
        'cell = tf.keras.layers.LSTMCell(hidden)',
        'encode_outputs_rnn = tf.keras.layers.RNN(cell, return_sequences=True)',
        '',
        '',
        'def encode(x, lengths):',
        '    xs = tf.unstack(x, 4, 1)',
        '    outputs_steps = tf.stack(xs, axis=1)',
        '    outputs_mask = tf.sequence_mask(lengths, outputs_steps.shape[1])',
        '    outputs = encode_outputs_rnn(outputs_steps, mask=outputs_mask)',
        '    outputs = tf.unstack(tf.where(outputs_mask[:, :, tf.newaxis], outputs, tf.zeros_like(outputs)), axis=1)',
        '    return tf.stack(outputs)',
        '',
        'def h(x, lengths):',
        '    x = tf.cast(x, tf.float32)',
        '    lengths = tf.cast(lengths, tf.int32)',
        '    h = encode(x, lengths)',
        '    return h',
        '',
        'print(h(x=data, lengths=n).numpy())',
      ]),
    );
  });

  it('static_bidirectional_rnn -> Bidirectional(concat); a try/except retrying it with the old unpacking keeps the try body', () => {
    const out = converted([
      'import tensorflow as tf',
      'from tensorflow.contrib import rnn',
      'x = tf.placeholder(tf.float32, [None, 4, 3])',
      'def birnn(x):',
      '    xs = tf.unstack(x, 4, 1)',
      '    fw = rnn.BasicLSTMCell(8, forget_bias=1.0)',
      '    bw = rnn.BasicLSTMCell(8, forget_bias=1.0)',
      '    try:',
      '        outputs, _, _ = rnn.static_bidirectional_rnn(fw, bw, xs,',
      '                                                     dtype=tf.float32)',
      '    except Exception: # old TensorFlow returns outputs only',
      '        outputs = rnn.static_bidirectional_rnn(fw, bw, xs, dtype=tf.float32)',
      '    return outputs[-1]',
      'h = birnn(x)',
      'with tf.Session() as sess:',
      '    print(sess.run(h, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'fw = tf.keras.layers.LSTMCell(8)',
        'bw = tf.keras.layers.LSTMCell(8)',
        'birnn_outputs_rnn = tf.keras.layers.Bidirectional(tf.keras.layers.RNN(fw, return_sequences=True), ' +
          "backward_layer=tf.keras.layers.RNN(bw, return_sequences=True, go_backwards=True), merge_mode='concat')",
        '',
        '',
        'def birnn(x):',
        '    xs = tf.unstack(x, 4, 1)',
        '    outputs = tf.unstack(birnn_outputs_rnn(tf.stack(xs, axis=1)), axis=1)',
        '    return outputs[-1]',
        '',
        'def h(x):',
        '    x = tf.cast(x, tf.float32)',
        '    h = birnn(x)',
        '    return h',
        '',
        'print(h(x=data).numpy())',
      ]),
    );
    expect(out.report.some((e) => e.rule === 'version-fallback' && e.line === 8)).toBe(true);
  });

  it('refuses a bidirectional RNN with sequence_length, and a try/except that is not a retry of the same call', () => {
    const x = 'x = tf.placeholder(tf.float32, [None, 2, 8])';
    const cells = ['    fw = tf.nn.rnn_cell.GRUCell(4)', '    bw = tf.nn.rnn_cell.GRUCell(4)'];
    const tail = ['a = net(x)', 'b = a + 1', ...RUN_AB];
    refused(
      [
        'def net(x):',
        ...cells,
        '    out, _, _ = tf.nn.static_bidirectional_rnn(fw, bw, tf.unstack(x, 2, 1), sequence_length=[2, 2], dtype=tf.float32)',
        '    return out[-1]',
        x,
        ...tail,
      ],
      [4, 17],
      /sequence_length=\.\.\.\): TF1 reverses each sequence within its own length/,
    );
    refused(
      [
        'def net(x):',
        ...cells,
        '    out, _, _ = tf.nn.static_bidirectional_rnn(fw, fw, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    return out[-1]',
        x,
        ...tail,
      ],
      [4, 17],
      /one cell object for both directions: TF1 shared its weights between them/,
    );
    refused(
      [
        'def net(x):',
        ...cells,
        '    try:',
        '        out, _, _ = tf.nn.static_bidirectional_rnn(fw, bw, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    except Exception:',
        '        out = tf.nn.static_bidirectional_rnn(bw, fw, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    return out[-1]',
        x,
        ...tail,
      ],
      [5, 21],
      /`net` makes state with `tf\.nn\.static_bidirectional_rnn`/,
    );
  });

  it('refuses a contrib cell wrapper (rnn.DropoutWrapper) it has no Keras object for', () => {
    refused(
      [
        'from tensorflow.contrib import rnn',
        'x = tf.placeholder(tf.float32, [None, 2, 8])',
        'def net(x):',
        '    cell = rnn.BasicLSTMCell(4)',
        '    cell = rnn.DropoutWrapper(cell, output_keep_prob=0.5)',
        '    out, _ = rnn.static_rnn(cell, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    return out[-1]',
        'a = net(x)',
        'b = a + 1',
        ...RUN_AB,
      ],
      [5, 12],
      /`net` makes state with `rnn\.DropoutWrapper`, which this tool does not make once/,
    );
  });

  it('refuses a forget_bias other than 1, a used final state, and initial_state', () => {
    const x = 'x = tf.placeholder(tf.float32, [None, 2, 8])';
    const tail = ['a = net(x)', 'b = a + 1', ...RUN_AB];
    refused(
      [
        'def net(x):',
        '    cell = tf.nn.rnn_cell.BasicLSTMCell(4, forget_bias=0.5)',
        '    out, _ = tf.nn.static_rnn(cell, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    return out[-1]',
        x,
        ...tail,
      ],
      [2, 44],
      /forget_bias=0\.5\): Keras' LSTMCell can only start the forget-gate bias at 1/,
    );
    refused(
      [
        'def net(x):',
        '    cell = tf.nn.rnn_cell.BasicLSTMCell(4)',
        '    out, state = tf.nn.static_rnn(cell, tf.unstack(x, 2, 1), dtype=tf.float32)',
        '    return state.h',
        x,
        ...tail,
      ],
      [3, 5],
      /the final RNN state `state` is used/,
    );
    refused(
      [
        'def net(x, s0):',
        '    cell = tf.nn.rnn_cell.BasicLSTMCell(4)',
        '    out, _ = tf.nn.static_rnn(cell, tf.unstack(x, 2, 1), initial_state=s0)',
        '    return out[-1]',
        x,
        'a = net(x, s)',
        'b = a + 1',
        ...RUN_AB,
      ],
      [3, 14],
      /initial_state=\.\.\.\): Keras orders LSTM state/,
    );
  });
});

describe("Level 2: the trainable variables of a model function's scope", () => {
  it("get_collection(TRAINABLE_VARIABLES, scope=) / trainable_variables(scope=) -> the layers' variables, read in the step", () => {
    const out = converted([
      'import tensorflow as tf',
      'def gen(z, reuse=False):',
      "    with tf.variable_scope('Gen', reuse=reuse):",
      '        return tf.layers.dense(z, 4)',
      'def disc(x, reuse=False):',
      "    with tf.variable_scope('Disc', reuse=reuse):",
      '        h = tf.layers.dropout(x, 0.5)',
      '        return tf.layers.dense(h, 1)',
      'z = tf.placeholder(tf.float32, [None, 2])',
      'x = tf.placeholder(tf.float32, [None, 4])',
      'fake = gen(z)',
      'd_real = disc(x)',
      'd_fake = disc(fake, reuse=True)',
      'g_loss = -tf.reduce_mean(d_fake)',
      'd_loss = tf.reduce_mean(d_fake) - tf.reduce_mean(d_real)',
      "g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='Gen')",
      "d_vars = tf.trainable_variables(scope='Disc')",
      'g_train = tf.train.AdamOptimizer(0.001).minimize(g_loss, var_list=g_vars)',
      'd_train = tf.train.AdamOptimizer(0.001).minimize(d_loss, var_list=d_vars)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    for i in range(10):',
      '        sess.run([g_train, d_train], feed_dict={z: zs, x: xs})',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'gen_layer = tf.keras.layers.Dense(4)',
        '',
        '',
        'def gen(z, reuse=False):',
        '    return gen_layer(z)',
        'disc_h_layer = tf.keras.layers.Dropout(0.5)',
        'disc_layer = tf.keras.layers.Dense(1)',
        '',
        '',
        'def disc(x, reuse=False):',
        '    h = disc_h_layer(x)',
        '    return disc_layer(h)',
        'optimizer = tf.keras.optimizers.Adam(0.001, epsilon=1e-08)',
        'optimizer_2 = tf.keras.optimizers.Adam(0.001, epsilon=1e-08)',
        '',
        '@tf.function',
        'def g_train_and_d_train(z, x):',
        '    z = tf.cast(z, tf.float32)',
        '    x = tf.cast(x, tf.float32)',
        '    with tf.GradientTape(persistent=True) as tape:',
        '        fake = gen(z)',
        '        d_real = disc(x)',
        '        d_fake = disc(fake, reuse=True)',
        '        g_loss = -tf.reduce_mean(input_tensor=d_fake)',
        '        d_loss = tf.reduce_mean(input_tensor=d_fake) - tf.reduce_mean(input_tensor=d_real)',
        '        g_vars = gen_layer.trainable_variables',
        '        d_vars = disc_layer.trainable_variables',
        '    gradients = tape.gradient(g_loss, g_vars)',
        '    gradients_2 = tape.gradient(d_loss, d_vars)',
        '    optimizer.apply_gradients(zip(gradients, g_vars))',
        '    optimizer_2.apply_gradients(zip(gradients_2, d_vars))',
        '    return None, None',
        '',
        'for i in range(10):',
        '    g_train_and_d_train(z=zs, x=xs)',
      ]),
    );
  });

  it('refuses a collection made before the first call, of a scope no model function opens, or whose prefix another name shares', () => {
    const gen = [
      'def gen(z):',
      "    with tf.variable_scope('G'):",
      '        return tf.layers.dense(z, 4)',
      'z = tf.placeholder(tf.float32, [None, 2])',
    ];
    const train = [
      'loss = tf.reduce_mean(fake)',
      'train = tf.train.AdamOptimizer(0.001).minimize(loss, var_list=g_vars)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    sess.run(train, feed_dict={z: zs})',
    ];
    const collect = (scope: string) => `g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='${scope}')`;
    refused([...gen, collect('G'), 'fake = gen(z)', ...train], [5, 10], /collected before `gen` first makes them/);
    refused(
      [...gen, 'fake = gen(z)', collect('Ge'), ...train],
      [6, 10],
      /no model function converted here opens that scope/,
    );
    refused(
      [...gen, 'fake = gen(z)', "with tf.variable_scope('Gx'):", '    w = tf.Variable(1.0)', collect('G'), ...train],
      [8, 10],
      /every variable whose name starts with 'G', which 'Gx' does too/,
    );
  });
});
