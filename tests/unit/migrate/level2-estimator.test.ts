import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { converted, notConverted, py } from './level2-support.ts';

/**
 * Level 2 for tf.estimator programs: a model_fn with its EstimatorSpec branches, an Estimator made
 * from it, and train/evaluate/predict on numpy_input_fn inputs become a tf.function training step, an
 * evaluation loop, a prediction generator and tf.data pipelines; with the exact TF2 code, the cases
 * the rule must refuse (with line:col), and a check that the output uses only TF 2.16 API.
 */

/** Level 2 refused with this reason at this place (1-based line of `lines`), and left the Estimator. */
function refused(lines: string[], at: [number, number], why: RegExp): void {
  const out = migrate(py(lines));
  const warnings = notConverted(out.report);
  const hit = warnings.find((w) => why.test(w.message));
  expect(hit, warnings.map((w) => `${w.line}:${w.col} ${w.message}`).join('\n')).toBeDefined();
  expect([hit!.line, hit!.col]).toEqual(at);
  expect(hit!.severity).toBe('warning');
  expect(out.code).toMatch(/tf\.estimator\.Estimator\(/);
}

/** A linear model_fn over module-level variables, in the Estimator template's shape. */
const MODEL_FN = [
  'import tensorflow as tf',
  '',
  'w = tf.Variable(tf.zeros([4, 3]))',
  '',
  '',
  'def model_fn(features, labels, mode):',
  '    """A linear classifier."""',
  "    logits = tf.matmul(features['x'], w)",
  '    pred_classes = tf.argmax(logits, axis=1)',
  '    if mode == tf.estimator.ModeKeys.PREDICT:',
  '        return tf.estimator.EstimatorSpec(mode, predictions=pred_classes)',
  '    loss_op = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(',
  '        logits=logits, labels=labels))',
  '    optimizer = tf.train.AdamOptimizer(learning_rate=0.01)',
  '    train_op = optimizer.minimize(loss_op, global_step=tf.train.get_global_step())',
  '    acc_op = tf.metrics.accuracy(labels=labels, predictions=pred_classes)',
  '    return tf.estimator.EstimatorSpec(mode=mode, predictions=pred_classes, loss=loss_op,',
  "                                      train_op=train_op, eval_metric_ops={'accuracy': acc_op})",
  '',
  '',
];

/** What MODEL_FN's TRAIN and EVAL branches become, at module level, for an Estimator named `model`. */
const TRAIN_AND_EVAL = [
  'optimizer = tf.keras.optimizers.Adam(0.01, epsilon=1e-08)',
  '',
  '',
  '@tf.function',
  'def model_train_step(features, labels):',
  '    with tf.GradientTape() as tape:',
  "        logits = tf.matmul(features['x'], w)",
  '        loss_op = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(',
  '            logits=logits, labels=labels))',
  '    variables = tape.watched_variables()',
  '    gradients = tape.gradient(loss_op, variables)',
  '    optimizer.apply_gradients(zip(gradients, variables))',
  '    return loss_op',
  '',
  '',
  'def model_evaluate(dataset):',
  '    accuracy = tf.keras.metrics.Accuracy()',
  '    mean_loss = tf.keras.metrics.Mean()',
  '    for features, labels in dataset:',
  "        logits = tf.matmul(features['x'], w)",
  '        pred_classes = tf.argmax(input=logits, axis=1)',
  '        loss_op = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(',
  '            logits=logits, labels=labels))',
  '        accuracy.update_state(labels, pred_classes)',
  '        mean_loss.update_state(loss_op)',
  "    return {'accuracy': accuracy.result().numpy(), 'loss': mean_loss.result().numpy(), " +
    "'global_step': optimizer.iterations.numpy()}",
];

describe('Level 2: tf.estimator model_fn programs', () => {
  it('writes the TRAIN, EVAL and PREDICT branches as functions, each with only the statements it needs', () => {
    const out = converted([
      ...MODEL_FN,
      'model = tf.estimator.Estimator(model_fn)',
      'input_fn = tf.estimator.inputs.numpy_input_fn(',
      "    x={'x': x_train}, y=y_train, batch_size=32, num_epochs=None, shuffle=True)",
      'model.train(input_fn, steps=100)',
      "input_fn = tf.estimator.inputs.numpy_input_fn(x={'x': x_test}, y=y_test, shuffle=False)",
      'e = model.evaluate(input_fn)',
      "print(e['accuracy'])",
      'p = list(model.predict(input_fn=input_fn))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'w = tf.Variable(tf.zeros([4, 3]))',
        '',
        '',
        ...TRAIN_AND_EVAL,
        '',
        '',
        'def model_predict(dataset):',
        '    for features, _ in dataset:',
        "        logits = tf.matmul(features['x'], w)",
        '        pred_classes = tf.argmax(input=logits, axis=1)',
        '        yield from pred_classes.numpy()',
        '',
        '',
        "input_fn = tf.data.Dataset.from_tensor_slices(({'x': x_train}, y_train)).repeat().shuffle(1000).batch(32)",
        'for features, labels in input_fn.take(100):',
        '    model_train_step(features, labels)',
        "input_fn = tf.data.Dataset.from_tensor_slices(({'x': x_test}, y_test)).batch(128)",
        'e = model_evaluate(input_fn)',
        "print(e['accuracy'])",
        'p = list(model_predict(input_fn))',
      ]),
    );
    const notes = out.report.filter((e) => e.rule === 'estimator-to-loops' || e.rule === 'input-fn-to-dataset');
    expect(notes.map((e) => e.line)).toEqual([6, 21, 22, 24, 25, 26, 28]);
    expect(notes[1]!.message).toMatch(/Not kept: checkpoints in model_dir .*optimizer\.iterations counts the steps/);
    expect(notes[2]!.message).toMatch(/RandomShuffleQueue .* so the order differs/);
    expect(notes[4]!.message).not.toMatch(/Shuffling/);
  });

  it('follows `if mode == TRAIN:` branches, a named metric dict, dict predictions, and an Estimator made in main()', () => {
    const out = converted([
      'import tensorflow as tf',
      '',
      'w = tf.Variable(tf.zeros([4, 3]))',
      '',
      '',
      'def my_model(features, labels, mode):',
      "    logits = tf.matmul(features['x'], w)",
      '    predicted_classes = tf.argmax(logits, 1)',
      '    if mode == tf.estimator.ModeKeys.PREDICT:',
      "        predictions = {'class': predicted_classes, 'prob': tf.nn.softmax(logits)}",
      '        return tf.estimator.EstimatorSpec(mode, predictions=predictions)',
      '    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
      '    if mode == tf.estimator.ModeKeys.TRAIN:',
      '        train_op = tf.train.AdagradOptimizer(learning_rate=0.1).minimize(',
      '            loss, global_step=tf.train.get_global_step())',
      '        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
      "    eval_metric_ops = {'accuracy': tf.metrics.accuracy(labels=labels, predictions=predicted_classes)}",
      '    return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=eval_metric_ops)',
      '',
      '',
      'def main(unused_argv):',
      '    classifier = tf.estimator.Estimator(model_fn=my_model)',
      '    classifier.train(input_fn=tf.estimator.inputs.numpy_input_fn(',
      "        x={'x': x_train}, y=y_train, num_epochs=3, shuffle=True, queue_capacity=500))",
      '    test_input_fn = tf.compat.v1.estimator.inputs.numpy_input_fn(',
      "        x={'x': x_test}, y=y_test, num_epochs=1, shuffle=False)",
      '    predictions = classifier.predict(input_fn=test_input_fn)',
      "    y_predicted = [p['class'] for p in predictions]",
      '    scores = classifier.evaluate(input_fn=test_input_fn, steps=2)',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'w = tf.Variable(tf.zeros([4, 3]))',
        '',
        '',
        'def main(unused_argv):',
        '    optimizer = tf.keras.optimizers.Adagrad(0.1)',
        '',
        '    @tf.function',
        '    def classifier_train_step(features, labels):',
        '        with tf.GradientTape() as tape:',
        "            logits = tf.matmul(features['x'], w)",
        '            loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
        '        variables = tape.watched_variables()',
        '        gradients = tape.gradient(loss, variables)',
        '        optimizer.apply_gradients(zip(gradients, variables))',
        '        return loss',
        '',
        '    def classifier_evaluate(dataset):',
        '        accuracy = tf.keras.metrics.Accuracy()',
        '        mean_loss = tf.keras.metrics.Mean()',
        '        for features, labels in dataset:',
        "            logits = tf.matmul(features['x'], w)",
        '            predicted_classes = tf.argmax(input=logits, axis=1)',
        '            loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
        '            accuracy.update_state(labels, predicted_classes)',
        '            mean_loss.update_state(loss)',
        "        return {'accuracy': accuracy.result().numpy(), 'loss': mean_loss.result().numpy(), " +
          "'global_step': optimizer.iterations.numpy()}",
        '',
        '    def classifier_predict(dataset):',
        '        for features, _ in dataset:',
        "            logits = tf.matmul(features['x'], w)",
        '            predicted_classes = tf.argmax(input=logits, axis=1)',
        "            predictions = {'class': predicted_classes, 'prob': tf.nn.softmax(logits)}",
        '            outputs = {key: value.numpy() for key, value in predictions.items()}',
        '            for row in range(len(next(iter(outputs.values())))):',
        '                yield {key: value[row] for key, value in outputs.items()}',
        '',
        "    for features, labels in tf.data.Dataset.from_tensor_slices(({'x': x_train}, y_train)).repeat(3).shuffle(500).batch(128):",
        '        classifier_train_step(features, labels)',
        "    test_input_fn = tf.data.Dataset.from_tensor_slices(({'x': x_test}, y_test)).batch(128)",
        '    predictions = classifier_predict(test_input_fn)',
        "    y_predicted = [p['class'] for p in predictions]",
        '    scores = classifier_evaluate(test_input_fn.take(2))',
      ]),
    );
  });

  it('reads an array x (features are then a tensor) and an input without y for predict', () => {
    const out = converted([
      ...MODEL_FN.map((l) => l.replace("features['x']", 'features')),
      'model = tf.estimator.Estimator(model_fn)',
      'model.train(tf.estimator.inputs.numpy_input_fn(x_train, y_train, 64, 2, True), steps=10)',
      'p = model.predict(tf.estimator.inputs.numpy_input_fn(x_test, shuffle=False))',
    ]);
    expect(out.code).toContain(
      py([
        'def model_predict(dataset):',
        '    for features in dataset:',
        '        logits = tf.matmul(features, w)',
        '        pred_classes = tf.argmax(input=logits, axis=1)',
        '        yield from pred_classes.numpy()',
        '',
        '',
        'for features, labels in tf.data.Dataset.from_tensor_slices((x_train, y_train)).repeat(2).shuffle(1000).batch(64).take(10):',
        '    model_train_step(features, labels)',
        'p = model_predict(tf.data.Dataset.from_tensor_slices(x_test).batch(128))',
      ]),
    );
    expect(out.code).not.toContain('def model_evaluate');
  });
});

describe('Level 2: tf.estimator programs it must refuse', () => {
  const program = (...usage: string[]) => [
    ...MODEL_FN,
    'model = tf.estimator.Estimator(model_fn)',
    "input_fn = tf.estimator.inputs.numpy_input_fn(x={'x': x_train}, y=y_train, num_epochs=None, shuffle=True)",
    ...usage,
  ];

  it('refuses Estimator arguments it cannot follow: model_dir, params', () => {
    refused(
      [...MODEL_FN, "model = tf.estimator.Estimator(model_fn, model_dir='/tmp/m')", 'model.train(x, steps=1)'],
      [21, 52],
      /restores the latest checkpoint in model_dir/,
    );
    refused(
      [...MODEL_FN, 'model = tf.estimator.Estimator(model_fn, params={"n": 1})', 'model.train(x, steps=1)'],
      [21, 49],
      /`params` are handed to the model_fn/,
    );
  });

  it('refuses hooks, other Estimator uses, and evaluating before training', () => {
    refused(program('model.train(input_fn, steps=10, hooks=[hook])'), [23, 39], /train\(\) argument `hooks`/);
    refused(
      program('model.train(input_fn, steps=10)', "model.export_saved_model('/tmp/m', f)"),
      [24, 1],
      /`model` is used here other than/,
    );
    refused(program('e = model.evaluate(input_fn)', 'model.train(input_fn, steps=10)'), [23, 5], /not trained first/);
    refused(program('model.train(steps=10)'), [23, 1], /train\(\) without an input_fn/);
    refused(
      program('model.train(input_fn, steps=10)', 'p = model.predict(input_fn, yield_single_examples=False)'),
      [24, 51],
      /predict\(\) argument `yield_single_examples`/,
    );
    // Two Estimators from one model_fn had separate variables; the layers written once would be shared.
    refused(
      program(
        'model.train(input_fn, steps=10)',
        'other = tf.estimator.Estimator(model_fn)',
        'other.train(input_fn, steps=1)',
      ),
      [21, 32],
      /the model_fn `model_fn` is used here too/,
    );
  });

  it('refuses an input_fn that is not a numpy_input_fn, and numpy_input_fn arguments it cannot follow', () => {
    refused(
      [...MODEL_FN, 'model = tf.estimator.Estimator(model_fn)', 'model.train(lambda: make_input(), steps=10)'],
      [22, 13],
      /not a tf\.estimator\.inputs\.numpy_input_fn/,
    );
    refused(
      [
        ...MODEL_FN,
        'model = tf.estimator.Estimator(model_fn)',
        'model.train(tf.estimator.inputs.numpy_input_fn(x, y), steps=1)',
      ],
      [22, 13],
      /needs `shuffle=True` or `shuffle=False` written out/,
    );
    refused(
      [
        ...MODEL_FN,
        'model = tf.estimator.Estimator(model_fn)',
        'model.train(tf.estimator.inputs.numpy_input_fn(x, y, shuffle=True, num_threads=4), steps=1)',
      ],
      [22, 80],
      /several threads/,
    );
    refused(program('input_fn()', 'model.train(input_fn, steps=1)'), [23, 1], /`input_fn` is used here other than/);
  });

  it('refuses model_fn shapes it does not follow', () => {
    const edited = (from: string, to: string) => MODEL_FN.map((l) => (l.includes(from) ? l.replace(from, to) : l));
    const use = ['model = tf.estimator.Estimator(model_fn)', 'model.train(x, steps=1)'];
    refused([...edited('mode ==', 'mode !='), ...use], [10, 8], /only `if mode == tf\.estimator\.ModeKeys/);
    refused(
      [
        ...edited('    loss_op = tf.reduce_mean', "    tf.summary.scalar('x', w)\n    loss_op = tf.reduce_mean"),
        ...use,
      ],
      [12, 5],
      /this statement in a model_fn is not followed/,
    );
    refused(
      [...edited('global_step=tf.train.get_global_step()', 'var_list=[w]'), ...use],
      [15, 53],
      /minimize\(\) arguments other than loss and global_step/,
    );
    refused(
      [
        ...edited('tf.metrics.accuracy', 'tf.metrics.auc'),
        ...use.slice(0, 1),
        'model.train(x, steps=1)',
        'model.evaluate(x)',
      ],
      [16, 14],
      /tf\.metrics\.auc has no rule here/,
    );
    refused(
      [...edited('(features, labels, mode)', '(features, labels, mode, params)'), ...use],
      [6, 13],
      /without params or config/,
    );
    refused(
      [...edited('(features, labels, mode)', '(features, mode)'), ...use],
      [6, 13],
      /reads `labels` without taking it as a parameter/,
    );
    refused(
      [...edited('learning_rate=0.01', 'learning_rate=loss_op'), ...use],
      [14, 17],
      /the optimizer reads `loss_op`, computed in the model_fn/,
    );
    refused(
      [...edited('learning_rate=0.01', 'learning_rate=lr'), use[0]!, 'lr = 0.1', use[1]!],
      [22, 1],
      /`lr` configures the optimizer or a layer and is bound here, after the Estimator is made/,
    );
  });

  it('refuses a model_fn that makes variables, since each written function would make its own', () => {
    refused(
      [
        ...MODEL_FN.map((l) => l.replace("tf.matmul(features['x'], w)", "tf.matmul(features['x'], tf.Variable(w))")),
        'model = tf.estimator.Estimator(model_fn)',
        'model.train(x, steps=1)',
      ],
      [8, 39],
      /`tf\.Variable` makes variables here/,
    );
  });

  it('makes the layers of a model function the model_fn calls once, so train and test calls share them as reuse said', () => {
    const t3 = [
      'import tensorflow as tf',
      '',
      '',
      'def net(x, reuse, is_training):',
      "    with tf.variable_scope('Net', reuse=reuse):",
      '        h = tf.layers.dense(x, 8, activation=tf.nn.relu)',
      '        h = tf.layers.dropout(h, rate=0.5, training=is_training)',
      '        out = tf.layers.dense(h, 3)',
      '    return out',
      '',
      '',
      'def model_fn(features, labels, mode):',
      '    logits_train = net(features, reuse=False, is_training=True)',
      '    logits_test = net(features, reuse=True, is_training=False)',
      '    if mode == tf.estimator.ModeKeys.PREDICT:',
      '        return tf.estimator.EstimatorSpec(mode, predictions=tf.argmax(logits_test, axis=1))',
      '    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits_train, labels=labels))',
      '    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=tf.train.get_global_step())',
      '    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
      '',
      '',
      'model = tf.estimator.Estimator(model_fn)',
      'model.train(tf.estimator.inputs.numpy_input_fn(x_train, y_train, shuffle=True, num_epochs=None), steps=10)',
      'p = model.predict(tf.estimator.inputs.numpy_input_fn(x_test, shuffle=False))',
    ];
    expect(converted(t3).code).toBe(
      py([
        'import tensorflow as tf',
        '',
        '',
        'net_h_layer = tf.keras.layers.Dense(8, activation=tf.nn.relu)',
        'net_h_layer_2 = tf.keras.layers.Dropout(rate=0.5)',
        'net_out_layer = tf.keras.layers.Dense(3)',
        '',
        '',
        'def net(x, reuse, is_training):',
        '    h = net_h_layer(x)',
        '    h = net_h_layer_2(h, training=is_training)',
        '    out = net_out_layer(h)',
        '    return out',
        '',
        '',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '',
        '@tf.function',
        'def model_train_step(features, labels):',
        '    with tf.GradientTape() as tape:',
        '        logits_train = net(features, reuse=False, is_training=True)',
        '        loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits_train, labels=labels))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '    return loss',
        '',
        '',
        'def model_predict(dataset):',
        '    for features in dataset:',
        '        logits_test = net(features, reuse=True, is_training=False)',
        '        yield from (tf.argmax(input=logits_test, axis=1)).numpy()',
        '',
        '',
        'for features, labels in tf.data.Dataset.from_tensor_slices((x_train, y_train)).repeat().shuffle(1000).batch(128).take(10):',
        '    model_train_step(features, labels)',
        'p = model_predict(tf.data.Dataset.from_tensor_slices(x_test).batch(128))',
      ]),
    );
    // Two calls that would each make variables in TF1 cannot share one set of layers.
    refused(
      t3.map((l) => l.replace('reuse=True, is_training=False', 'reuse=False, is_training=False')),
      [14, 19],
      /this call of `net` passes reuse=False/,
    );
  });

  it('refuses a PREDICT branch that reads labels (the Estimator passes None there)', () => {
    refused(
      [
        ...MODEL_FN.map((l) => l.replace('predictions=pred_classes)', 'predictions=pred_classes + labels)')),
        'model = tf.estimator.Estimator(model_fn)',
        'model.train(x, steps=1)',
        'p = model.predict(x)',
      ],
      [11, 61],
      /reads `labels`, which the Estimator passes as None/,
    );
  });
});

describe('Level 2: tf.contrib.boosted_trees', () => {
  it('says where it is imported or used that it has no TF2 counterpart', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        'from tensorflow.contrib.boosted_trees.estimator_batch.estimator import GradientBoostedDecisionTreeClassifier',
        'config = tf.contrib.boosted_trees.proto.learner_pb2.LearnerConfig()',
        'from tensorflow.contrib import rnn',
      ]),
    );
    const warnings = notConverted(out.report);
    expect(warnings.map((w) => [w.line, w.col])).toEqual([
      [2, 1],
      [3, 10],
    ]);
    expect(warnings[0]!.message).toMatch(
      /tf\.contrib\.boosted_trees has no TF2 counterpart.*tfdf\.keras\.GradientBoostedTreesModel/,
    );
  });
});

describe('Level 2: layers the model_fn makes itself', () => {
  const MODEL = [
    'import tensorflow as tf',
    '',
    '',
    'def my_model(features, labels, mode):',
    "    net = features['x']",
    '    for units in [10, 20]:',
    '        net = tf.layers.dense(net, units=units, activation=tf.nn.relu)',
    '        net = tf.layers.dropout(net, rate=0.1)',
    '    logits = tf.layers.dense(net, 3)',
    '    if mode == tf.estimator.ModeKeys.PREDICT:',
    '        return tf.estimator.EstimatorSpec(mode, predictions=tf.argmax(logits, 1))',
    '    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
    '    train_op = tf.train.AdagradOptimizer(0.1).minimize(loss, global_step=tf.train.get_global_step())',
    '    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
    '',
    '',
    'classifier = tf.estimator.Estimator(model_fn=my_model)',
    "classifier.train(input_fn=tf.estimator.inputs.numpy_input_fn(x={'x': x}, y=y, num_epochs=None, shuffle=True), steps=5)",
  ];

  it('makes each layer once, where the Estimator was made; a loop over a literal list gets one layer per pass', () => {
    const out = converted(MODEL);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        '',
        'my_model_net_layers = [tf.keras.layers.Dense(units=units, activation=tf.nn.relu) for units in [10, 20]]',
        'my_model_net_layer_2s = [tf.keras.layers.Dropout(rate=0.1) for units in [10, 20]]',
        'my_model_logits_layer = tf.keras.layers.Dense(3)',
        'optimizer = tf.keras.optimizers.Adagrad(0.1)',
        '',
        '',
        '@tf.function',
        'def classifier_train_step(features, labels):',
        '    with tf.GradientTape() as tape:',
        "        net = features['x']",
        '        for units, my_model_net_layer, my_model_net_layer_2 in zip([10, 20], my_model_net_layers, my_model_net_layer_2s):',
        '            net = my_model_net_layer(net)',
        '            net = my_model_net_layer_2(net, training=False)',
        '        logits = my_model_logits_layer(net)',
        '        loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '    return loss',
        '',
        '',
        "for features, labels in tf.data.Dataset.from_tensor_slices(({'x': x}, y)).repeat().shuffle(1000).batch(128).take(5):",
        '    classifier_train_step(features, labels)',
      ]),
    );
    const layerNotes = out.report.filter((e) => e.rule === 'layers-to-keras');
    expect(layerNotes.map((e) => [e.line, e.col])).toEqual([
      [7, 15],
      [8, 15],
      [9, 14],
    ]);
    expect(layerNotes[0]!.message).toMatch(/one per pass of the loop.*float64 NumPy features made float64 weights/);
  });

  it('refuses layers made after the first mode test, configured by model_fn values, or in other loops', () => {
    const edited = (from: string, to: string) => MODEL.map((l) => (l.includes(from) ? l.replace(from, to) : l));
    refused(
      edited('labels=labels, logits=logits)', 'labels=labels, logits=tf.layers.dense(logits, 3))'),
      [12, 96],
      /a layer made after the model_fn first tests `mode`/,
    );
    refused(
      edited('tf.layers.dense(net, 3)', 'tf.layers.dense(net, tf.shape(net)[1] + len(net))'),
      [9, 14],
      /configured by `net`, computed in the model_fn/,
    );
    refused(
      edited('for units in [10, 20]:', 'for units in sizes:'),
      [7, 15],
      /in a `for` loop over a literal list or tuple/,
    );
  });
});
