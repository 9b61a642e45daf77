import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import type { ReportEntry } from '../../../src/lib/migrate/index.ts';

/** Level 2 rewrites, one small program each, with the exact TF2 code they must give. */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const level2 = (report: ReportEntry[]) => report.filter((e) => e.level === 2);
const notConverted = (report: ReportEntry[]) => report.filter((e) => e.rule === 'not-converted');

describe('Level 2: placeholders and Session.run become functions', () => {
  it('turns a fed Session.run into a call of a function taking the placeholder, and drops the session and initializer', () => {
    const input = py([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 3])',
      'w = tf.Variable(tf.ones([3, 1]))',
      'y = tf.matmul(x, w)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(y, feed_dict={x: [[1., 2., 3.]]}))',
    ]);
    const out = migrate(input);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.ones([3, 1]))',
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.matmul(x, w)',
        '    return y',
        '',
        'print(y(x=[[1., 2., 3.]]).numpy())',
      ]),
    );
    expect(out.parseErrors).toEqual([]);
    const rules = level2(out.report).map((e) => `${e.line}:${e.col} ${e.rule}`);
    expect(rules).toEqual([
      '2:1 placeholder-to-argument',
      '5:1 session-removed',
      '6:5 session-removed',
      '7:11 session-run-to-call',
    ]);
  });

  it('decorates with @tf.function only what runs again and again, and handles InteractiveSession, eval() and run()', () => {
    const input = py([
      'x = tf.placeholder(tf.float32, [None, 2])',
      't = tf.placeholder(tf.float32, [None, 1])',
      'w = tf.Variable(tf.zeros([2, 1]))',
      'loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - t))',
      'step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
      'sess = tf.InteractiveSession()',
      'tf.global_variables_initializer().run()',
      'for i in range(100):',
      '    step.run(feed_dict={x: xs, t: ts})',
      'print(loss.eval(feed_dict={x: xs, t: ts}))',
      'print(w.eval())',
      'sess.close()',
    ]);
    expect(migrate(input).code).toBe(
      py([
        'w = tf.Variable(tf.zeros([2, 1]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '@tf.function',
        'def step(x, t):',
        '    x = tf.cast(x, tf.float32)',
        '    t = tf.cast(t, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        loss = tf.reduce_mean(input_tensor=tf.square(tf.matmul(x, w) - t))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        'def loss(x, t):',
        '    x = tf.cast(x, tf.float32)',
        '    t = tf.cast(t, tf.float32)',
        '    loss = tf.reduce_mean(input_tensor=tf.square(tf.matmul(x, w) - t))',
        '    return loss',
        '',
        'for i in range(100):',
        '    step(x=xs, t=ts)',
        'print(loss(x=xs, t=ts).numpy())',
        'print(w.numpy())',
      ]),
    );
  });

  it('passes only the placeholders a fetch depends on, and keeps placeholder_with_default as a default argument', () => {
    const out = migrate(
      py([
        'a = tf.placeholder(tf.float32, [None])',
        'unused = tf.placeholder(tf.float32, [None])',
        'flag = tf.placeholder_with_default(False, shape=[])',
        'b = tf.where(flag, a, -a)',
        'with tf.Session() as s:',
        '    r = s.run(b, feed_dict={a: data, unused: other})',
      ]),
    );
    expect(out.code).toContain('def b(a, flag=False):');
    expect(out.code).toContain('r = b(a=data).numpy()');
    expect(out.report.find((e) => e.rule === 'session-run-to-call')?.message).toContain(
      '`unused` did not affect what is fetched',
    );
  });
});

describe('Level 2: training, layers, variables, summaries', () => {
  it(
    'turns optimizer + minimize into a Keras optimizer and a GradientTape step, keeping TF1 defaults that differ and the global ' +
      'step',
    () => {
      const out = migrate(
        py([
          'x = tf.placeholder(tf.float32, [None, 4])',
          'gs = tf.train.get_or_create_global_step()',
          'h = tf.layers.dense(x, 8, tf.nn.relu, name="hidden")',
          'loss = tf.reduce_mean(h)',
          'opt = tf.train.AdamOptimizer(0.01)',
          'train = opt.minimize(loss, global_step=gs)',
          'with tf.Session() as sess:',
          '    for i in range(3):',
          '        _, l = sess.run([train, loss], {x: xs})',
        ]),
      );
      expect(out.code).toBe(
        py([
          "gs = tf.Variable(0, dtype=tf.int64, trainable=False, name='global_step')",
          'hidden = tf.keras.layers.Dense(8, activation=tf.nn.relu, name="hidden")',
          'opt = tf.keras.optimizers.Adam(0.01, epsilon=1e-08)',
          '',
          '@tf.function',
          'def train_and_loss(x):',
          '    x = tf.cast(x, tf.float32)',
          '    with tf.GradientTape() as tape:',
          '        h = hidden(x)',
          '        loss = tf.reduce_mean(input_tensor=h)',
          '    variables = tape.watched_variables()',
          '    gradients = tape.gradient(loss, variables)',
          '    opt.apply_gradients(zip(gradients, variables))',
          '    gs.assign_add(1)',
          '    return None, loss',
          '',
          'for i in range(3):',
          '    _, l = train_and_loss(x=xs)',
        ]),
      );
    },
  );

  it('maps the TF1 optimizers with their own argument names', () => {
    const cases: [string, string][] = [
      [
        'tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)',
        'tf.keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True)',
      ],
      ['tf.train.RMSPropOptimizer(0.01, decay=0.95)', 'tf.keras.optimizers.RMSprop(0.01, rho=0.95, epsilon=1e-10)'],
      ['tf.train.AdamOptimizer(beta1=0.5)', 'tf.keras.optimizers.Adam(beta_1=0.5, epsilon=1e-08)'],
      ['tf.train.AdagradOptimizer(0.5)', 'tf.keras.optimizers.Adagrad(0.5)'],
    ];
    for (const [tf1, tf2] of cases) {
      const out = migrate(
        py([
          'x = tf.placeholder(tf.float32)',
          'w = tf.Variable(1.0)',
          'loss = w * x',
          `opt = ${tf1}`,
          't = opt.minimize(loss)',
          'with tf.Session() as s:',
          '    s.run(t, {x: 1.0})',
        ]),
      );
      expect(out.code).toContain(`opt = ${tf2}\n`);
    }
  });

  it('turns tf.get_variable into tf.Variable, writing out the default initializer, and flattens the variable_scope', () => {
    const out = migrate(
      py([
        'x = tf.placeholder(tf.float32, [None, 4])',
        "with tf.variable_scope('dense'):",
        "    w = tf.get_variable('w', [4, 2])",
        "    b = tf.get_variable('b', [2], initializer=tf.zeros_initializer())",
        '    y = tf.matmul(x, w) + b',
        'with tf.Session() as sess:',
        '    print(sess.run(y, {x: data}))',
      ]),
    );
    expect(out.code).toBe(
      py([
        "w = tf.Variable(tf.keras.initializers.GlorotUniform()([4, 2]), name='w')",
        "b = tf.Variable(tf.zeros_initializer()([2]), name='b')",
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.matmul(x, w) + b',
        '    return y',
        '',
        'print(y(x=data).numpy())',
      ]),
    );
  });

  it('leaves tf.get_variable under a reusing scope, saying why', () => {
    const out = migrate(py(["with tf.variable_scope('s', reuse=True):", "    v = tf.get_variable('w', [4, 2])"]));
    expect(out.code).toContain("tf.compat.v1.get_variable('w', [4, 2])");
    const warning = out.report.find((e) => e.rule === 'get-variable')!;
    expect([warning.line, warning.col, warning.severity]).toEqual([2, 9, 'warning']);
    expect(warning.message).toMatch(/share an existing variable/);
  });

  it('turns TF1 summaries, merge_all, FileWriter and add_summary into tf.summary v2 with an explicit writer and step', () => {
    const out = migrate(
      py([
        'x = tf.placeholder(tf.float32, [None])',
        'loss = tf.reduce_mean(x * x)',
        "tf.summary.scalar('loss', loss)",
        'merged = tf.summary.merge_all()',
        'with tf.Session() as sess:',
        "    writer = tf.summary.FileWriter('/tmp/logs', sess.graph)",
        '    for i in range(10):',
        '        s = sess.run(merged, feed_dict={x: data})',
        '        writer.add_summary(s, i)',
      ]),
    );
    expect(out.code).toBe(
      py([
        '',
        '@tf.function',
        'def merged(x, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    loss = tf.reduce_mean(input_tensor=x * x)',
        '    with writer.as_default():',
        "        tf.summary.scalar('loss', loss, step=step)",
        '',
        "writer = tf.summary.create_file_writer('/tmp/logs')",
        'for i in range(10):',
        '    s = merged(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
      ]),
    );
  });

  it('makes RNN cells and dynamic_rnn Keras layers when the final state is unused', () => {
    const out = migrate(
      py([
        'x = tf.placeholder(tf.float32, [None, 10, 4])',
        'cell = tf.nn.rnn_cell.GRUCell(16)',
        'outputs, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)',
        'last = outputs[:, -1]',
        'with tf.Session() as sess:',
        '    print(sess.run(last, {x: data}))',
      ]),
    );
    expect(out.code).toContain('cell = tf.keras.layers.GRUCell(16, reset_after=False)\n');
    expect(out.code).toContain('outputs_rnn = tf.keras.layers.RNN(cell, return_sequences=True)\n');
    expect(out.code).toContain('    outputs = outputs_rnn(x)\n    last = outputs[:, -1]\n    return last\n');
  });
});

describe('Level 2: what it will not rewrite, it leaves and explains with line:col', () => {
  const cases: { name: string; lines: string[]; at: [number, number]; why: RegExp }[] = [
    {
      name: 'a feed_dict built elsewhere',
      lines: [
        'x = tf.placeholder(tf.float32)',
        'y = x * 2.0',
        'feed = {x: 1.0}',
        'with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict=feed))',
      ],
      at: [5, 33],
      why: /feed_dict is not written out/,
    },
    {
      name: 'two training ops in one run (a GAN)',
      lines: [
        'z = tf.placeholder(tf.float32, [None, 8])',
        'g_loss = tf.reduce_mean(z)',
        'd_loss = tf.reduce_mean(-z)',
        'g = tf.train.AdamOptimizer(1e-4).minimize(g_loss)',
        'd = tf.train.AdamOptimizer(1e-4).minimize(d_loss)',
        'with tf.Session() as sess:',
        '    sess.run([g, d], feed_dict={z: noise})',
      ],
      at: [7, 5],
      why: /two training ops/,
    },
    {
      name: 'a learning-rate decay schedule in the graph',
      lines: [
        'x = tf.placeholder(tf.float32)',
        'gs = tf.train.get_or_create_global_step()',
        'lr = tf.train.exponential_decay(0.1, gs, 1000, 0.96)',
        'loss = tf.Variable(1.0) * x',
        'train = tf.train.GradientDescentOptimizer(lr).minimize(loss)',
        'with tf.Session() as sess:',
        '    sess.run(train, {x: 1.0})',
      ],
      at: [5, 43],
      why: /learning rate is a graph tensor/,
    },
    {
      name: 'the RNN state is read',
      lines: [
        'x = tf.placeholder(tf.float32, [None, 5, 3])',
        'cell = tf.nn.rnn_cell.LSTMCell(8)',
        'out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)',
        'h = state.h',
        'with tf.Session() as sess:',
        '    sess.run(h, {x: data})',
      ],
      at: [3, 1],
      why: /\[h, c\]/,
    },
    {
      name: 'a helper that makes variables, called on graph tensors',
      lines: [
        'def fc(x, n):',
        "    w = tf.get_variable('w', [x.shape[1], n])",
        '    return tf.matmul(x, w)',
        'x = tf.placeholder(tf.float32, [None, 3])',
        'y = fc(x, 2)',
        'with tf.Session() as sess:',
        '    sess.run(y, {x: data})',
      ],
      at: [5, 1],
      why: /new variables on every call/,
    },
    {
      name: 'a placeholder passed outside Session.run',
      lines: [
        'x = tf.placeholder(tf.float32)',
        'y = x + 1',
        'print(x)',
        'with tf.Session() as sess:',
        '    sess.run(y, {x: 1.0})',
      ],
      at: [3, 7],
      why: /placeholder `x` is used here outside Session.run/,
    },
    {
      name: 'a session handed to tf.train.Saver with a global step',
      lines: [
        'x = tf.placeholder(tf.float32)',
        'w = tf.Variable(1.0)',
        'y = w * x',
        'saver = tf.train.Saver()',
        'with tf.Session() as sess:',
        '    sess.run(y, {x: 1.0})',
        "    saver.save(sess, '/tmp/m', global_step=3)",
      ],
      at: [7, 5],
      why: /tf\.train\.Checkpoint/,
    },
    {
      name: 'a graph built in one function and run in another',
      lines: [
        'def build():',
        '    x = tf.placeholder(tf.float32)',
        '    return x, x * 2.0',
        'def main():',
        '    x, y = build()',
        '    with tf.Session() as sess:',
        '        sess.run(y, {x: 1.0})',
      ],
      at: [2, 5],
      why: /built here but run by a Session elsewhere/,
    },
    {
      name: 'a placeholder that is needed but not fed',
      lines: [
        'a = tf.placeholder(tf.float32)',
        'b = tf.placeholder(tf.float32)',
        'c = a + b',
        'with tf.Session() as sess:',
        '    sess.run(c, {a: 1.0})',
      ],
      at: [5, 5],
      why: /`b` is needed here but not fed/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const input = py(['import tensorflow as tf', ...c.lines]);
      const out = migrate(input);
      // The graph code stays as Level 1 left it (other Level 2 rules, such as get_variable, may still apply).
      expect(out.code).toMatch(/Session\(\)/);
      expect(out.code).toMatch(/placeholder\(/);
      const warnings = notConverted(out.report);
      expect(warnings.length).toBeGreaterThan(0);
      const hit = warnings.find((w) => c.why.test(w.message));
      expect(hit, warnings.map((w) => `${w.line}:${w.col} ${w.message}`).join('\n')).toBeDefined();
      expect([hit!.line, hit!.col]).toEqual([c.at[0] + 1, c.at[1]]);
      // One reason per place: no echoes of the same problem at the same spot.
      expect(new Set(warnings.map((w) => `${w.from}:${w.message}`)).size).toBe(warnings.length);
      expect(hit!.severity).toBe('warning');
    });
  }
});

describe('unparsable input', () => {
  it('reports the syntax error with its place and still converts the rest', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        'x = tf.placeholder(tf.float32, [None, 2])',
        'y = x + 1',
        'print "building"',
        'def broken(:',
        'with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict={x: data}))',
      ]),
    );
    expect(out.parseErrors.slice(0, 2).map((e) => [e.line, e.col])).toEqual([
      [4, 1],
      [5, 12],
    ]);
    const syntax = out.report.filter((e) => e.rule === 'syntax-error');
    expect(syntax.slice(0, 2).map((e) => `${e.line}:${e.col} ${e.severity}`)).toEqual(['4:1 error', '5:12 error']);
    expect(out.stats.errors).toBeGreaterThan(0);
    expect(out.code).toContain('print(y(x=data).numpy())');
    expect(out.code).not.toContain('Session');
  });

  it('never throws, whatever it is given', () => {
    const samples = [
      '',
      '\n',
      ')))(((',
      'def',
      'with tf.Session() as',
      'sess.run(',
      'x = tf.placeholder(',
      '\u0000\uffff',
      'tf.'.repeat(500),
      'x = [' + '('.repeat(2000),
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'tf.Session()run(feed_dict={x:1})placeholder \n    :=,[]#"\'';
    for (let i = 0; i < 200; i++)
      samples.push(Array.from({ length: 80 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    for (const s of samples) {
      const out = migrate(s);
      expect(typeof out.code).toBe('string');
      expect(out.report.every((e) => e.rule !== 'internal-error')).toBe(true);
    }
  });
});

describe('code from before TensorFlow 1.0', () => {
  it('is named as such, with the 1.0 name, and left alone (it needs the 1.0 upgrade first)', () => {
    const out = migrate(py(['import tensorflow as tf', 'c = tf.mul(a, b)', 'tf.scalar_summary("loss", c)']));
    expect(out.code).toContain('c = tf.mul(a, b)');
    const notes = out.report.filter((e) => e.rule === 'pre-1.0-name');
    expect(notes.map((e) => `${e.line}:${e.col} ${e.severity}`)).toEqual(['2:5 warning', '3:1 warning']);
    expect(notes[0]!.message).toContain('`tf.multiply`');
  });
});

describe('safety net', () => {
  it('keeps the Level 1 result, and says so, when Level 2 output would not parse', () => {
    // Not valid Python (line 8 dedents into the loop body), but Lezer reads it without an error node,
    // so Level 2 gets to work on it and the block it rewrites no longer lines up.
    const input = py([
      'import tensorflow as tf',
      'X = tf.placeholder(tf.float32)',
      'W = tf.Variable(1.0)',
      'cost = W * X',
      'with tf.Session() as sess:',
      '    for epoch in range(5):',
      '        c = sess.run(cost, feed_dict={X: 1.0})',
      'Z = tf.placeholder(tf.float32)',
      '        if epoch % 2 == 0:',
      '            print(c)',
    ]);
    const out = migrate(input);
    expect(out.code).toBe(out.level1Code);
    const reverted = out.report.filter((e) => e.rule === 'level2-reverted');
    expect(reverted).toHaveLength(1);
    expect(reverted[0]!.message).toMatch(/did not parse \(output line \d+, column \d+/);
  });
});
