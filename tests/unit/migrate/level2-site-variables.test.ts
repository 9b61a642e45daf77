import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { converted, notConverted, py, refused } from './level2-support.ts';

/**
 * A function whose only state is tf.Variables, called at several places without sharing: TF1 made a
 * set of variables at each call, once; TF2 makes each call's set once where the call was and passes it
 * in. Summaries such a function makes keep TF1's tags when its calls differ by a scope named by an
 * argument, and a summary helper it calls under scopes of its own keeps them too.
 */

const makers = [
  'def weight_variable(shape):',
  '  return tf.Variable(tf.truncated_normal(shape, stddev=0.1))',
  '',
  'def bias_variable(shape):',
  '  initial = tf.constant(0.1, shape=shape)',
  '  return tf.Variable(initial)',
  '',
];
const layer = [
  'def nn_layer(input_tensor, input_dim, output_dim, act=tf.nn.relu):',
  '  weights = weight_variable([input_dim, output_dim])',
  '  biases = bias_variable([output_dim])',
  '  return act(tf.matmul(input_tensor, weights) + biases)',
  '',
];
const inputs = ['x = tf.placeholder(tf.float32, [None, 4])', 'y_ = tf.placeholder(tf.int64, [None])'];
const training = [
  'loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y_, logits=logits))',
  'train_op = tf.train.AdamOptimizer(0.01).minimize(loss)',
];
const session = [
  'with tf.Session() as sess:',
  '  sess.run(tf.global_variables_initializer())',
  '  for i in range(100):',
  '    sess.run(train_op, feed_dict={x: xs, y_: ys})',
];
const calls = ['hidden = nn_layer(x, 4, 8)', 'logits = nn_layer(hidden, 8, 3, act=tf.identity)'];
export const program = (...parts: string[][]) => ['import tensorflow as tf', '', ...parts.flat()];

describe('Level 2: a function making tf.Variables gets a set per call', () => {
  it("makes each call's variables once, where the call was, and passes them by keyword", () => {
    const out = converted(program(inputs, makers, layer, calls, training, session));
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'def weight_variable(shape):',
        '  return tf.Variable(tf.random.truncated_normal(shape, stddev=0.1))',
        '',
        'def bias_variable(shape):',
        '  initial = tf.constant(0.1, shape=shape)',
        '  return tf.Variable(initial)',
        '',
        'def nn_layer(input_tensor, input_dim, output_dim, act=tf.nn.relu, *, weights, biases):',
        '  return act(tf.matmul(input_tensor, weights) + biases)',
        '',
        'hidden_weights = weight_variable([4, 8])',
        'hidden_biases = bias_variable([8])',
        'logits_weights = weight_variable([8, 3])',
        'logits_biases = bias_variable([3])',
        'optimizer = tf.keras.optimizers.Adam(0.01, epsilon=1e-08)',
        '',
        '@tf.function',
        'def train_op(x, y_):',
        '    x = tf.cast(x, tf.float32)',
        '    y_ = tf.cast(y_, tf.int64)',
        '    with tf.GradientTape() as tape:',
        '        hidden = nn_layer(x, 4, 8, weights=hidden_weights, biases=hidden_biases)',
        '        logits = nn_layer(hidden, 8, 3, act=tf.identity, weights=logits_weights, biases=logits_biases)',
        '        loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y_, logits=logits))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        'for i in range(100):',
        '  train_op(x=xs, y_=ys)',
      ]),
    );
    const note = out.report.find((e) => e.rule === 'site-variables');
    expect(`${note?.line}:${note?.col}`).toBe('12:5');
    expect(note?.message).toMatch(
      /^`nn_layer` makes tf\.Variables and is called at 2 places: TF1 made a new set at each call/,
    );
    expect(note?.message).toMatch(/the TF2 variables are named 'Variable'/);
  });

  it('makes a tf.Variable written in the function itself per call, and keeps a body that only made it with a pass', () => {
    const out = converted(
      program(
        inputs,
        [
          'SCALE = 0.5',
          '',
          'def dense(h, n_in, n_out):',
          "  with tf.name_scope('w'):",
          '    w = tf.Variable(tf.random_normal([n_in, n_out]) * SCALE)',
          '  return tf.matmul(h, w)',
          '',
        ],
        ['hidden = dense(x, 4, 2 * 4)', 'logits = dense(hidden, 2 * 4, 3)'],
        training,
        session,
      ),
    );
    expect(out.code).toContain(
      py([
        'def dense(h, n_in, n_out, *, w):',
        "  with tf.name_scope('w'):",
        '    pass',
        '  return tf.matmul(h, w)',
        '',
        'hidden_w = tf.Variable(tf.random.normal([4, (2 * 4)]) * SCALE)',
        'logits_w = tf.Variable(tf.random.normal([(2 * 4), 3]) * SCALE)',
      ]),
    );
    expect(out.code).toContain('        hidden = dense(x, 4, 2 * 4, w=hidden_w)\n');
  });

  it('refuses a variable made in a loop, under a condition, or not bound alone to a name', () => {
    const body = (...lines: string[]) =>
      program(
        inputs,
        makers,
        ['def nn_layer(h, n):', ...lines, ''],
        ['hidden = nn_layer(x, 4)', 'logits = nn_layer(hidden, 3)'],
        training,
        session,
      );
    refused(
      body('  for i in range(2):', '    w = weight_variable([4, n])', '    h = tf.matmul(h, w)', '  return h').slice(1),
      [13, 9],
      /`nn_layer` makes a variable in a loop: TF1 made it \(or not\) once per call/,
    );
    refused(
      body('  if n > 3:', '    w = weight_variable([4, n])', '    h = tf.matmul(h, w)', '  return h').slice(1),
      [13, 9],
      /`nn_layer` makes a variable under a condition or try/,
    );
    refused(
      body('  return tf.matmul(h, weight_variable([4, n]))').slice(1),
      [12, 23],
      /the variable `nn_layer` makes here must be bound by itself to one name/,
    );
  });

  it('refuses a variable written, read through an attribute, returned or captured', () => {
    const body = (...lines: string[]) =>
      program(
        inputs,
        makers,
        ['def nn_layer(h, n):', '  w = weight_variable([4, n])', ...lines, ''],
        ['hidden = nn_layer(x, 4)', 'logits = nn_layer(hidden, 3)'],
        training,
        session,
      ).slice(1);
    refused(
      body('  w.assign(w * 2)', '  return tf.matmul(h, w)'),
      [12, 3],
      /is used through an attribute \(`w\.assign`\)/,
    );
    refused(body('  return tf.matmul(h, w), w'), [12, 3], /used here other than as an operand or argument/);
    refused(body('  f = lambda: w', '  return tf.matmul(h, f())'), [12, 3], /captured by a nested function/);
    refused(body('  w = w * 2', '  return tf.matmul(h, w)'), [12, 3], /`w` is bound again in the function/);
    refused(
      body('  tf.add_to_collection("ws", w)', '  return tf.matmul(h, w)'),
      [12, 3],
      /passed to `tf\.add_to_collection`/,
    );
  });

  it('refuses initial values sized by a graph tensor, a call, or a name computed in the function', () => {
    const run = (def: string[], callLines: string[]) =>
      program(inputs, makers, def, callLines, training, session).slice(1);
    const dense = ['def nn_layer(h, n):', '  w = weight_variable([4, n])', '  return tf.matmul(h, w)', ''];
    refused(
      run(dense, ['k = tf.shape(x)[1]', 'hidden = nn_layer(x, k)', 'logits = nn_layer(hidden, 3)']),
      [16, 10],
      /`n` sizes a variable of `nn_layer` with `k`, a graph tensor/,
    );
    refused(
      run(dense, ['hidden = nn_layer(x, int(4))', 'logits = nn_layer(hidden, 3)']),
      [15, 10],
      /`n` sizes a variable of `nn_layer` with `int\(4\)`, a call/,
    );
    refused(
      run(
        ['def nn_layer(h, n):', '  m = n * 2', '  w = weight_variable([4, m])', '  return tf.matmul(h, w)', ''],
        ['hidden = nn_layer(x, 4)', 'logits = nn_layer(hidden, 3)'],
      ),
      [16, 10],
      /`m` sizes a variable of `nn_layer` but is computed inside it/,
    );
  });

  it('refuses a variable after an early return, or whose initial value reads graph code', () => {
    const run = (def: string[], before: string[] = []) =>
      program(
        inputs,
        before,
        makers,
        def,
        ['hidden = nn_layer(x, 4)', 'logits = nn_layer(hidden, 3)'],
        training,
        session,
      ).slice(1);
    refused(
      run([
        'def nn_layer(h, n):',
        '  if n == 0:',
        '    return h',
        '  w = weight_variable([4, n])',
        '  return tf.matmul(h, w)',
        '',
      ]),
      [14, 7],
      /`nn_layer` makes a variable after a return or raise: TF1 made it \(or not\) once per call/,
    );
    refused(
      run(
        ['def nn_layer(h, n):', '  w = tf.Variable(tf.zeros([4, n]) + mean_x)', '  return tf.matmul(h, w)', ''],
        ['mean_x = tf.reduce_mean(x)'],
      ),
      [16, 10],
      /`mean_x` sizes a variable of `nn_layer` and is graph code, which moves into the step functions/,
    );
    refused(
      run(
        ['def nn_layer(h, n):', '  w = tf.Variable(tf.zeros([4, n]) * scale())', '  return tf.matmul(h, w)', ''],
        ['mean_x = tf.reduce_mean(x)', 'def scale():', '  return mean_x', ''],
      ),
      [19, 10],
      /`scale` sizes a variable of `nn_layer` and is a function reading graph code/,
    );
  });

  it('refuses calls in a loop or outside the graph code, and a function used other than by calling it', () => {
    const run = (callLines: string[], after: string[] = []) =>
      program(inputs, makers, layer, callLines, training, session, after).slice(1);
    refused(
      run(['hs = [nn_layer(x, 4, n) for n in (8, 16)]', 'logits = nn_layer(hs[1], 16, 3)']),
      [16, 7],
      /`nn_layer` makes variables and is called in a loop, comprehension or lambda: TF1 made a set per pass/,
    );
    refused(
      run([...calls, 'layers = [nn_layer]']),
      [11, 1],
      /`nn_layer` makes variables and is used other than by calling it/,
    );
  });

  it('leaves a tf.train.Saver refused: its Checkpoint would not name the variables made per call', () => {
    refused(
      program(inputs, makers, layer, calls, training, [
        'saver = tf.train.Saver()',
        ...session,
        "  saver.save(sess, '/tmp/model')",
      ]).slice(1),
      [5, 10],
      /a variable made here is saved by tf\.train\.Saver\(\) but has no name this tool can put in a tf\.train\.Checkpoint/,
    );
  });

  it('leaves get_variable, layers and helpers that do more than make a variable to the model-function rewrite (refused)', () => {
    refused(
      program(
        inputs,
        ['def nn_layer(h, n):', "  w = tf.get_variable('w', [4, n])", '  return tf.matmul(h, w)', ''],
        calls.map((c) => c.replace(', act=tf.identity', '').replace('4, 8', '8').replace('8, 3', '3')),
        training,
        session,
      ).slice(1),
      [8, 1],
      /`nn_layer\(\.\.\.\)` makes variables and is called on graph tensors/,
    );
    refused(
      program(
        inputs,
        [
          'def weight_variable(shape):',
          '  v = tf.Variable(tf.zeros(shape))',
          "  tf.summary.histogram('v', v)",
          '  return v',
          '',
        ],
        layer.map((l) => l.replace('bias_variable([output_dim])', 'weight_variable([output_dim])')),
        calls,
        training,
        session,
      ).slice(1),
      [10, 13],
      /`nn_layer` calls `weight_variable`, which makes variables too/,
    );
  });
});

const summaryLayer = [
  'def describe(var):',
  "  with tf.name_scope('summaries'):",
  "    tf.summary.scalar('mean', tf.reduce_mean(var))",
  '',
  'def nn_layer(input_tensor, input_dim, output_dim, layer_name, act=tf.nn.relu):',
  '  with tf.name_scope(layer_name):',
  "    with tf.name_scope('weights'):",
  '      weights = weight_variable([input_dim, output_dim])',
  '      describe(weights)',
  "    with tf.name_scope('biases'):",
  '      biases = bias_variable([output_dim])',
  '      describe(biases)',
  '    activations = act(tf.matmul(input_tensor, weights) + biases)',
  "    tf.summary.histogram('activations', activations)",
  '    return activations',
  '',
];
const summaryCalls = [
  "hidden = nn_layer(x, 4, 8, 'layer1')",
  "logits = nn_layer(hidden, 8, 3, 'layer2', act=tf.identity)",
];
const summarySession = [
  'merged = tf.summary.merge_all()',
  'with tf.Session() as sess:',
  "  writer = tf.summary.FileWriter('/tmp/log')",
  '  sess.run(tf.global_variables_initializer())',
  '  for i in range(100):',
  '    summary, _ = sess.run([merged, train_op], feed_dict={x: xs, y_: ys})',
  '    writer.add_summary(summary, i)',
];

describe('Level 2: summaries of a function called under a scope named by its argument', () => {
  it("keep TF1's tags: the scope opens from the argument, the summary helper it calls under scopes of its own", () => {
    const out = converted(program(inputs, makers, summaryLayer, summaryCalls, training, summarySession));
    expect(out.code).toContain(
      py([
        'def describe(var):',
        "  with tf.name_scope('summaries'):",
        "    tf.summary.scalar('mean', tf.reduce_mean(input_tensor=var))",
        '',
        'def nn_layer(input_tensor, input_dim, output_dim, layer_name, act=tf.nn.relu, *, weights, biases):',
        '  with tf.name_scope(layer_name):',
        "    with tf.name_scope('weights'):",
        '      describe(weights)',
        "    with tf.name_scope('biases'):",
        '      describe(biases)',
        '    activations = act(tf.matmul(input_tensor, weights) + biases)',
        "    tf.summary.histogram('activations', activations)",
        '    return activations',
        '',
        'hidden_weights = weight_variable([4, 8])',
      ]),
    );
    expect(out.code).toContain(
      py([
        'def merged_and_train_op(x, y_, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    y_ = tf.cast(y_, tf.int64)',
        '    with writer.as_default(step=step):',
        '        with tf.GradientTape() as tape:',
        "            hidden = nn_layer(x, 4, 8, 'layer1', weights=hidden_weights, biases=hidden_biases)",
        "            logits = nn_layer(hidden, 8, 3, 'layer2', act=tf.identity, weights=logits_weights, biases=logits_biases)",
      ]),
    );
    const scope = out.report.find((e) => e.rule === 'name-scope-v2' && e.line === 17);
    expect(scope?.message).toMatch(
      /^tf\.name_scope\(layer_name\), where every call of the function passes layer_name as a plain/,
    );
  });

  it('are refused where two calls pass the same string, or one not a plain string', () => {
    const at = (first: string, second: string) =>
      program(
        inputs,
        makers,
        summaryLayer,
        [`hidden = nn_layer(x, 4, 8, ${first})`, `logits = nn_layer(hidden, 8, 3, ${second}, act=tf.identity)`],
        training,
        summarySession,
      ).slice(1);
    const why =
      /`nn_layer\(\)` makes its summaries under `tf\.name_scope\(layer_name\)`, and this call passes layer_name=/;
    refused(at("'layer1'", "'layer1'"), [27, 10], why);
    refused(at('NAME', "'layer2'"), [27, 10], why);
    // TF1 made a scope name unique against other names of the graph: a string used elsewhere is not read.
    refused([...at("'layer1'", "'layer2'"), "print('layer1')"], [27, 10], why);
  });

  it('keep tf.compat.v1.name_scope where a call passes something other than a plain string', () => {
    const out = migrate(
      py(
        program(
          inputs,
          makers,
          summaryLayer,
          ['hidden = nn_layer(x, 4, 8, NAME)', "logits = nn_layer(hidden, 8, 3, 'l2')"],
          training,
          summarySession,
        ),
      ),
    );
    expect(out.code).toContain('  with tf.compat.v1.name_scope(layer_name):\n');
  });

  it('are refused where the summary helper is called twice under the same scopes of the function', () => {
    const twice = summaryLayer.map((l) =>
      l === "    with tf.name_scope('biases'):" ? "    with tf.name_scope('weights'):" : l,
    );
    refused(
      program(inputs, makers, twice, summaryCalls, training, summarySession).slice(1),
      [22, 7],
      /`describe\(\)` makes summaries and is called in `nn_layer` under the same name scopes as another call of it/,
    );
    const looped = summaryLayer.map((l) =>
      l === '      describe(weights)' ? '      for v in [weights]: describe(v)' : l,
    );
    refused(
      program(inputs, makers, looped, summaryCalls, training, summarySession).slice(1),
      [19, 27],
      /`describe\(\)` makes summaries and is called in a loop/,
    );
  });
});

describe('Level 2: a tf.Graph().as_default() block around a call of converted graph code', () => {
  it('goes, so the converted code runs eagerly', () => {
    const out = converted([
      'import tensorflow as tf',
      '',
      'def train():',
      '  x = tf.placeholder(tf.float32, [None, 3])',
      '  y = tf.reduce_sum(x)',
      '  with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={x: [[1, 2, 3]]}))',
      '',
      'def main():',
      '  with tf.Graph().as_default():',
      '    train()',
    ]);
    expect(out.code.endsWith('def main():\n  train()\n')).toBe(true);
    expect(out.report.find((e) => e.line === 10)?.message).toMatch(
      /^Graph\(\)\.as_default\(\) block removed around a call/,
    );
  });

  it('stays where the function called keeps graph code of its own that was not converted', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        '',
        'def train():',
        '  x = tf.placeholder(tf.float32, [None, 3])',
        '  y = tf.reduce_sum(x)',
        '  with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict={x: [[1, 2, 3]]}))',
        '  def later():',
        '    z = tf.placeholder(tf.float32)',
        '    print(z)',
        '  later()',
        '',
        'def main():',
        '  with tf.Graph().as_default():',
        '    train()',
      ]),
    );
    expect(notConverted(out.report).length).toBeGreaterThan(0);
    expect(out.code).toContain('  with tf.Graph().as_default():\n    train()\n');
  });

  it('stays where its body uses the tf API itself or calls nothing converted', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        '',
        'def main():',
        '  with tf.Graph().as_default():',
        '    tf.constant(1)',
        '    other()',
      ]),
    );
    expect(out.code).toContain('  with tf.Graph().as_default():\n');
  });
});

it('has no refusal left in the shapes above', () => {
  expect(notConverted(migrate(py(program(inputs, makers, layer, calls, training, session))).report)).toEqual([]);
});
