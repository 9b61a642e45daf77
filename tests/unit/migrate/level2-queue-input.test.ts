import { describe, expect, it } from 'vitest';
import { converted, py, refused } from './level2-support.ts';

/**
 * Level 2: TF1's queue input (slice_input_producer, per-element ops, tf.train.batch, queue runners)
 * as a tf.data dataset read by an iterator; exact output, and the shapes it must refuse with line:col.
 * Same helpers as level2-rules.test.ts.
 */

const reader = [
  'def read(paths, labels, n):',
  '    paths = tf.convert_to_tensor(paths, dtype=tf.string)',
  '    image, label = tf.train.slice_input_producer([paths, labels], shuffle=True)',
  '    image = tf.image.decode_png(tf.read_file(image), channels=1)',
  '    image = tf.cast(tf.reshape(image, [28, 28, 1]), tf.float32) / 255.0',
  '    X, Y = tf.train.batch([image, label], batch_size=n, capacity=4 * n, num_threads=2)',
  '    return X, Y',
];
const model = [
  'X, Y = read(files, classes, 16)',
  'w = tf.Variable(tf.zeros([784, 10]))',
  'logits = tf.matmul(tf.reshape(X, [-1, 784]), w)',
  'loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))',
  'train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
];

describe('Level 2: slice_input_producer + tf.train.batch in a function', () => {
  it('becomes a tf.data dataset the function returns, read by an iterator made where it was called', () => {
    const out = converted([
      'import tensorflow as tf',
      ...reader,
      ...model,
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    coord = tf.train.Coordinator()',
      '    threads = tf.train.start_queue_runners(sess=sess, coord=coord)',
      '    for step in range(100):',
      '        sess.run(train)',
      '    coord.request_stop()',
      '    coord.join(threads)',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'def read(paths, labels, n):',
        '    paths = tf.convert_to_tensor(value=paths, dtype=tf.string)',
        '    dataset = tf.data.Dataset.from_tensor_slices((paths, labels))',
        '    dataset = dataset.shuffle(dataset.cardinality(), reshuffle_each_iteration=True).repeat()',
        '',
        '    def preprocess(image, label):',
        '        image = tf.image.decode_png(tf.io.read_file(image), channels=1)',
        '        image = tf.cast(tf.reshape(image, [28, 28, 1]), tf.float32) / 255.0',
        '        return image, label',
        '',
        '    dataset = dataset.map(preprocess, num_parallel_calls=2).batch(n, drop_remainder=True)',
        '    return dataset',
        'read_iterator = iter(read(files, classes, 16))',
        'w = tf.Variable(tf.zeros([784, 10]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '@tf.function',
        'def train():',
        '    with tf.GradientTape() as tape:',
        '        X, Y = read_iterator.get_next()',
        '        logits = tf.matmul(tf.reshape(X, [-1, 784]), w)',
        '        loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        'for step in range(100):',
        '    train()',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'queue-input').map((e) => `${e.line}:${e.col}`)).toEqual([
      '4:5',
      '9:8',
      '16:5',
      '17:5',
      '20:5',
      '21:5',
    ]);
    expect(out.report.find((e) => e.rule === 'queue-input')!.message).toMatch(
      /reshuffled each epoch, repeated for ever.*map function on 2 parallel calls \(in the input's order/,
    );
  });

  it('removes request_stop()/join() in a finally block, leaving pass where nothing else was there', () => {
    const out = converted([
      'import tensorflow as tf',
      ...reader,
      ...model,
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    coord = tf.train.Coordinator()',
      '    threads = tf.train.start_queue_runners(sess=sess, coord=coord)',
      '    try:',
      '        sess.run(train)',
      '    finally:',
      '        coord.request_stop()',
      '        coord.join(threads)',
    ]);
    expect(out.code).toContain(py(['try:', '    train()', 'finally:', '    pass']));
  });

  it('repeats in order without shuffle, and needs no map when the elements are batched as produced', () => {
    const out = converted([
      'import tensorflow as tf',
      'def inputs(xs, ys):',
      '    x, y = tf.train.slice_input_producer([xs, ys], shuffle=False, seed=3)',
      '    bx, by = tf.train.batch([x, y], 32)',
      '    return bx, by',
      'bx, by = inputs(features, targets)',
      'w = tf.Variable(tf.zeros([4, 1]))',
      'loss = tf.reduce_mean(tf.square(tf.matmul(bx, w) - by))',
      'sess = tf.Session()',
      'sess.run(tf.global_variables_initializer())',
      'tf.train.start_queue_runners(sess)',
      'for step in range(10):',
      '    print(sess.run(loss))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'def inputs(xs, ys):',
        '    dataset = tf.data.Dataset.from_tensor_slices((xs, ys))',
        '    dataset = dataset.repeat()',
        '    dataset = dataset.batch(32, drop_remainder=True)',
        '    return dataset',
        'inputs_iterator = iter(inputs(features, targets))',
        'w = tf.Variable(tf.zeros([4, 1]))',
        '',
        '@tf.function',
        'def loss():',
        '    bx, by = inputs_iterator.get_next()',
        '    loss = tf.reduce_mean(input_tensor=tf.square(tf.matmul(bx, w) - by))',
        '    return loss',
        '',
        'for step in range(10):',
        '    print(loss().numpy())',
      ]),
    );
  });

  it('keeps a seed for the shuffle', () => {
    const seeded = converted([
      'import tensorflow as tf',
      'def inputs(xs, ys):',
      '    x, y = tf.train.slice_input_producer([xs, ys], seed=7)',
      '    bx, by = tf.train.batch([x, y], 32)',
      '    return bx, by',
      'bx, by = inputs(features, targets)',
      'loss = tf.reduce_mean(bx) + tf.reduce_mean(by)',
      'with tf.Session() as sess:',
      '    tf.train.start_queue_runners()',
      '    print(sess.run(loss))',
    ]);
    expect(seeded.code).toContain(
      '    dataset = dataset.shuffle(dataset.cardinality(), seed=7, reshuffle_each_iteration=True).repeat()\n',
    );
  });
});

describe('Level 2: queue input it refuses', () => {
  const run = [
    'with tf.Session() as sess:',
    '    sess.run(tf.global_variables_initializer())',
    '    tf.train.start_queue_runners(sess=sess)',
    '    sess.run(train)',
  ];

  it('refuses num_epochs (a local-variable epoch counter ending in OutOfRangeError)', () => {
    refused(
      [...reader.map((l) => l.replace('shuffle=True', 'num_epochs=2')), ...model, ...run],
      [3, 67],
      /num_epochs=...\) counts epochs in a local variable/,
    );
  });

  it('refuses tf.train.batch with allow_smaller_final_batch or enqueue_many', () => {
    for (const kw of ['allow_smaller_final_batch=True', 'enqueue_many=True'])
      refused(
        [...reader.map((l) => l.replace('num_threads=2', kw)), ...model, ...run],
        [6, 12],
        /tf.train.batch of something other than .* enqueue_many, dynamic_pad, allow_smaller_final_batch/,
      );
  });

  it('refuses a per-element statement that is not a plain tensor assignment', () => {
    const lines = [...reader];
    lines.splice(5, 0, "    tf.summary.image('input', tf.expand_dims(image, 0))");
    refused(
      [...lines, ...model, ...run],
      [6, 5],
      /only assignments of per-element tensor ops can move into a tf.data map/,
    );
  });

  it('refuses a coordinator used other than by request_stop() and join(threads)', () => {
    refused(
      [
        ...reader,
        ...model,
        'with tf.Session() as sess:',
        '    sess.run(tf.global_variables_initializer())',
        '    coord = tf.train.Coordinator()',
        '    threads = tf.train.start_queue_runners(sess=sess, coord=coord)',
        '    while not coord.should_stop():',
        '        sess.run(train)',
      ],
      [17, 15],
      /`coord` \(queue-runner threads or their coordinator\) is used here other than by request_stop\(\) or join\(threads\)/,
    );
  });

  it('refuses a queue function also used other than by graph-code calls', () => {
    refused(
      [...reader, ...model, 'print(read)', ...run],
      [1, 5],
      /`read` is used other than by `x, y = read\(...\)` statements/,
    );
  });

  it('refuses a function returning other than the batch, in its order', () => {
    refused(
      [...reader.map((l) => l.replace('return X, Y', 'return Y, X')), ...model, ...run],
      [7, 5],
      /returns something other than the batched tensors, in the order tf.train.batch gave them/,
    );
  });

  it('still refuses shuffle_batch (min_after_dequeue) inside such a function', () => {
    refused(
      [
        ...reader.map((l) =>
          l.replace('tf.train.batch(', 'tf.train.shuffle_batch(').replace('num_threads=2', 'min_after_dequeue=10'),
        ),
        ...model,
        ...run,
      ],
      [3, 20],
      /this queue is not batched by a tf.train.batch statement right before the function returns/,
    );
  });
});
