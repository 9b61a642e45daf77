import { describe, expect, it } from 'vitest';
import { converted, py, refusedAsWritten } from './level2-support.ts';

/**
 * Multi-GPU tower loops (`for i in range(n_gpus): with tf.device(...): ... compute_gradients ...`,
 * then the program's own average and one apply_gradients): the loop is kept inside the functions that
 * replace Session.run, with a GradientTape per tower and the optimizer made once; everything the rule
 * cannot prove safe is refused with its place.
 */

const HEAD = [
  'import tensorflow as tf',
  'n_towers = 2',
  'def net(x, reuse):',
  "    with tf.variable_scope('Net', reuse=reuse):",
  '        return tf.layers.dense(x, 10)',
  'def average(tower_grads):',
  '    out = []',
  '    for pairs in zip(*tower_grads):',
  '        out.append((tf.reduce_mean(tf.stack([g for g, _ in pairs]), 0), pairs[0][1]))',
  '    return out',
];
const DEVICE_FUNCTION = [
  "def on_device(device, ps_device='/cpu:0'):",
  '    def choose(op):',
  "        if op.type == 'VariableV2':",
  '            return ps_device',
  '        return device',
  '    return choose',
];
/** The tower loop, from `x = tf.placeholder` (line 17 with DEVICE_FUNCTION) to the apply_gradients. */
const GRAPH = [
  'x = tf.placeholder(tf.float32, [None, 4])',
  'y = tf.placeholder(tf.int32, [None])',
  'tower_grads = []',
  'reuse = False',
  'for i in range(n_towers):',
  "    with tf.device(on_device('/gpu:%d' % i)):",
  '        xs = x[i * 8:(i + 1) * 8]',
  '        ys = y[i * 8:(i + 1) * 8]',
  '        logits = net(xs, reuse=reuse)',
  '        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=ys))',
  '        opt = tf.train.GradientDescentOptimizer(0.1)',
  '        grads = opt.compute_gradients(loss)',
  '        if i == 0:',
  '            pred = tf.argmax(logits, 1)',
  '        reuse = True',
  '        tower_grads.append(grads)',
  'train = opt.apply_gradients(average(tower_grads))',
];
const RUN = [
  'with tf.Session() as sess:',
  '    sess.run(tf.global_variables_initializer())',
  '    for step in range(10):',
  '        sess.run(train, feed_dict={x: data, y: labels})',
  '    print(sess.run([loss, pred], feed_dict={x: data, y: labels}))',
];
const PROGRAM = [...HEAD, ...DEVICE_FUNCTION, ...GRAPH, ...RUN];

/** The program with the line that reads `from` (exactly) replaced by `to` (any number of lines). */
function edited(from: string, ...to: string[]): string[] {
  const at = PROGRAM.indexOf(from);
  expect(at, from).toBeGreaterThanOrEqual(0);
  return [...PROGRAM.slice(0, at), ...to, ...PROGRAM.slice(at + 1)];
}

/** The TF2 tower loop both functions run (the device string as given). */
const towerLoop = (device: string) => [
  '    tower_grads = []',
  '    reuse = False',
  '    for i in range(n_towers):',
  `        with tf.device(${device}):`,
  '            with tf.GradientTape() as tape:',
  '                xs = x[i * 8:(i + 1) * 8]',
  '                ys = y[i * 8:(i + 1) * 8]',
  '                logits = net(xs, reuse=reuse)',
  '                loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=ys))',
  '            tower_variables = tape.watched_variables()',
  '            grads = list(zip(tape.gradient(loss, tower_variables), tower_variables))',
  '            if i == 0:',
  '                pred = tf.argmax(input=logits, axis=1)',
  '            reuse = True',
  '            tower_grads.append(grads)',
];

const TF2_HEAD = [
  'import tensorflow as tf',
  'n_towers = 2',
  'net_layer = tf.keras.layers.Dense(10)',
  '',
  '',
  'def net(x, reuse):',
  '    return net_layer(x)',
  'def average(tower_grads):',
  '    out = []',
  '    for pairs in zip(*tower_grads):',
  '        out.append((tf.reduce_mean(input_tensor=tf.stack([g for g, _ in pairs]), axis=0), pairs[0][1]))',
  '    return out',
];

describe('Level 2: a multi-GPU tower loop', () => {
  it('keeps the loop in each function, a tape per tower, the optimizer made once, the average applied once', () => {
    const out = converted(PROGRAM);
    expect(out.code).toBe(
      py([
        ...TF2_HEAD,
        'opt = tf.keras.optimizers.SGD(0.1)',
        '',
        '@tf.function',
        'def train(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.int32)',
        ...towerLoop("'/gpu:%d' % i"),
        '    opt.apply_gradients(average(tower_grads))',
        '',
        'def loss_and_pred(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.int32)',
        ...towerLoop("'/gpu:%d' % i"),
        '    return loss, pred',
        '',
        'for step in range(10):',
        '    train(x=data, y=labels)',
        'print(loss_and_pred(x=data, y=labels))',
      ]),
    );
    const notes = out.report.filter((e) => e.rule === 'tower-loop').map((e) => `${e.line}:${e.col} ${e.message}`);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^11:5 `on_device` removed: it made device functions/);
    expect(notes[1]).toMatch(/^21:1 Tower loop kept as written.*last tower's binding/);
    expect(notes[2]).toMatch(
      /^22:20 `on_device\(\.\.\.\)` is a device function.*takes only a device string.*no longer put on/,
    );
    expect(out.report.some((e) => e.rule === 'model-function' && /reused them \(reuse=True\)/.test(e.message))).toBe(
      true,
    );
  });

  it('keeps a device string, and applies averaged pairs bound to a name', () => {
    const lines = [
      ...HEAD,
      ...GRAPH.map((l) =>
        l === "    with tf.device(on_device('/gpu:%d' % i)):"
          ? "    with tf.device('/gpu:{}'.format(i)):"
          : l === 'train = opt.apply_gradients(average(tower_grads))'
            ? 'avg = average(tower_grads)\ntrain = opt.apply_gradients(avg)'
            : l,
      ),
      ...RUN,
    ];
    const out = converted(lines);
    expect(out.code).toBe(
      py([
        ...TF2_HEAD,
        'opt = tf.keras.optimizers.SGD(0.1)',
        '',
        '@tf.function',
        'def train(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.int32)',
        ...towerLoop("'/gpu:{}'.format(i)"),
        '    avg = average(tower_grads)',
        '    opt.apply_gradients(avg)',
        '',
        'def loss_and_pred(x, y):',
        '    x = tf.cast(x, tf.float32)',
        '    y = tf.cast(y, tf.int32)',
        ...towerLoop("'/gpu:{}'.format(i)"),
        '    return loss, pred',
        '',
        'for step in range(10):',
        '    train(x=data, y=labels)',
        'print(loss_and_pred(x=data, y=labels))',
      ]),
    );
  });

  it('reads a keyword argument as a parameter name, not as a read of the name the tower binds later', () => {
    // `labels=ys` (line 26) names a parameter; `labels` is bound by the tower after it.
    const lines = edited(
      '            pred = tf.argmax(logits, 1)',
      '            pred = tf.argmax(logits, 1)',
      '            labels = ys',
    );
    const out = converted(
      lines.map((l) => l.replace('y: labels', 'y: targets').replace('[loss, pred]', '[loss, labels]')),
    );
    expect(out.code).toContain('            labels = ys\n');
    expect(out.code).toContain('    return loss, labels\n');
  });

  it('refuses a tower count that is not a number fixed in the program', () => {
    refusedAsWritten(
      edited('for i in range(n_towers):', 'for i in range(len(gpus)):'),
      [21, 10],
      /does not run over range\(n\) with n a number fixed in the program/,
    );
    refusedAsWritten(
      edited('n_towers = 2', 'n_towers = 2', 'n_towers = 4'),
      [22, 10],
      /does not run over range\(n\) with n a number fixed in the program/,
    );
  });

  it('refuses Python side effects and calls it does not know in the loop', () => {
    refusedAsWritten(
      edited('        reuse = True', '        print(i)', '        reuse = True'),
      [31, 9],
      /a statement in the tower loop that is not an assignment of graph code/,
    );
    refusedAsWritten(
      edited('        xs = x[i * 8:(i + 1) * 8]', '        xs = preprocess(x[i * 8:(i + 1) * 8])'),
      [23, 14],
      /the tower loop calls `preprocess`, which is not a tf function or a model function/,
    );
  });

  it('refuses variables made in the loop itself, and a model function called without the reuse flag', () => {
    refusedAsWritten(
      edited('        logits = net(xs, reuse=reuse)', '        logits = tf.layers.dense(xs, 10)'),
      [25, 18],
      /`tf\.layers\.dense` makes variables in the tower loop: TF1 made one set per tower/,
    );
    refusedAsWritten(
      edited('        logits = net(xs, reuse=reuse)', '        logits = net(xs, reuse=False)'),
      [25, 18],
      /this call of `net` passes reuse=False: only a literal True/,
    );
  });

  it('refuses a name each tower reads from the tower before, and the loop variable read after the loop', () => {
    refusedAsWritten(
      edited(
        '        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=ys))',
        '        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=ys)) + extra',
        '        extra = loss',
      ),
      [26, 107],
      /`extra` is read in the tower loop before the loop binds it: each tower would read the tower before/,
    );
    refusedAsWritten(
      edited(
        'train = opt.apply_gradients(average(tower_grads))',
        'train = opt.apply_gradients(average(tower_grads))',
        'last = i',
      ),
      [34, 8],
      /`i` is read after the tower loop/,
    );
  });

  it('refuses a device function that is not "the tower device, variables elsewhere", and an optimizer read in the loop', () => {
    refusedAsWritten(
      edited('        return device', "        return '/gpu:0'"),
      [22, 20],
      /the tower device comes from `on_device\(\.\.\.\)`, which is not read here as a device function/,
    );
    refusedAsWritten(
      edited('        if i == 0:', '        rate = opt', '        if i == 0:'),
      [29, 16],
      /the tower loop reads the optimizer `opt` other than for compute_gradients/,
    );
  });

  it("refuses an optimizer configured per tower, and TF1's reuse_variables() statement", () => {
    refusedAsWritten(
      edited(
        '        opt = tf.train.GradientDescentOptimizer(0.1)',
        '        opt = tf.train.GradientDescentOptimizer(0.1 * (i + 1))',
      ),
      [27, 15],
      /the optimizer is configured with `i`, computed in the tower loop: it is made once, above the loop/,
    );
    refusedAsWritten(
      edited('        reuse = True', '        tf.get_variable_scope().reuse_variables()'),
      [31, 9],
      /a statement in the tower loop that is not an assignment of graph code/,
    );
  });

  it('refuses an if other than one tower, and the tower list applied without averaging', () => {
    refusedAsWritten(
      edited('        if i == 0:', '        if i > 0:'),
      [29, 9],
      /an `if` in the tower loop is read only as `if i == <number>:`/,
    );
    refusedAsWritten(
      edited('train = opt.apply_gradients(average(tower_grads))', 'train = opt.apply_gradients(tower_grads)'),
      [33, 9],
      /apply_gradients\(\) of pairs not computed here/,
    );
  });
});
