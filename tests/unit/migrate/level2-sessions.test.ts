import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { converted, notConverted, py, refused } from './level2-support.ts';

/**
 * Level 2 rules for how third-party programs build and run their graphs (helpers reading graph tensors
 * as globals, names rebound between runs): the exact TF2 code each gives, and the cases each must
 * refuse, with line:col. Same helpers as level2-rules.test.ts.
 */

describe('Level 2: a helper function that reads graph tensors as globals', () => {
  const graph = [
    'x = tf.placeholder(tf.float32, [None, 2])',
    'w = tf.Variable(tf.ones([2, 2]))',
    'h = tf.matmul(x, w)',
    'def penalty(scale):',
    '    return scale * tf.reduce_sum(tf.square(h))',
  ];

  it('passes them as keyword-only parameters, from the graph code that calls it', () => {
    const out = converted([
      'import tensorflow as tf',
      ...graph,
      'loss = tf.reduce_mean(h) + penalty(0.1)',
      'train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    for step in range(10):',
      '        sess.run(train, feed_dict={x: data})',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.ones([2, 2]))',
        'def penalty(scale, *, h):',
        '    return scale * tf.reduce_sum(input_tensor=tf.square(h))',
        'optimizer = tf.keras.optimizers.SGD(0.5)',
        '',
        '@tf.function',
        'def train(x):',
        '    x = tf.cast(x, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        h = tf.matmul(x, w)',
        '        loss = tf.reduce_mean(input_tensor=h) + penalty(0.1, h=h)',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '',
        'for step in range(10):',
        '    train(x=data)',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'helper-globals').map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual(
      [
        '5:1 `penalty` reads the graph tensors `h` as globals: they are now keyword-only parameters of it, and each call passes ' +
          'the ones built before it, the tensors the TF1 call read.',
      ],
    );
  });

  it('makes a call with no graph arguments graph code too, and passes a placeholder the same way', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None])',
      'def doubled():',
      '    return x * 2.0',
      'y = doubled()',
      'with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={x: [1.0]}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'def doubled(*, x):',
        '    return x * 2.0',
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = doubled(x=x)',
        '    return y',
        '',
        'print(y(x=[1.0]).numpy())',
      ]),
    );
  });

  it('passes a tensor made from plain values too, recomputed in the function like the run of it', () => {
    const out = converted([
      'import tensorflow as tf',
      'c = tf.constant(2.0)',
      'def scaled(v):',
      '    return v * c',
      'x = tf.placeholder(tf.float32)',
      'y = scaled(x)',
      'with tf.Session() as sess:',
      '    print(sess.run(c))',
      '    print(sess.run(y, {x: 1.0}))',
    ]);
    expect(out.code).toContain(
      py([
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    c = tf.constant(2.0)',
        '    y = scaled(x, c=c)',
        '    return y',
      ]),
    );
    expect(out.code).toContain('def scaled(v, *, c):');
  });

  it('refuses a call made before the graph code binds a tensor the helper reads', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'def scaled(v):',
        '    return v * h',
        'y = scaled(x)',
        'h = x * 2.0',
        'with tf.Session() as sess:',
        '    print(sess.run(y, {x: 1.0}))',
      ],
      [4, 5],
      /`scaled` reads the graph tensors `h` as globals, and `h` is not bound by the graph code before this call/,
    );
  });

  it('leaves a helper that graph code never calls (a feed-dict builder) to the feed-helper rule, not to this one', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32)',
      'y = x * 2.0',
      'def feed(v):',
      '    return {x: v}',
      'with tf.Session() as sess:',
      '    sess.run(y, feed_dict=feed(1.0))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'def feed(v):',
        "    return {'x': v}",
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = x * 2.0',
        '    return y',
        '',
        'y(**feed(1.0)).numpy()',
      ]),
    );
    expect(out.report.some((e) => e.rule === 'helper-globals')).toBe(false);
  });

  it('refuses a helper also used other than called in graph code, where it is used', () => {
    refused(
      [
        ...graph,
        'loss = tf.reduce_mean(h) + penalty(0.1)',
        'f = penalty',
        'with tf.Session() as sess:',
        '    sess.run(loss, {x: d})',
      ],
      [7, 5],
      /`penalty` reads the graph tensors `h` as globals.*used here other than called plainly in graph code/,
    );
  });

  it('refuses a helper called with ** arguments, which might already pass the name', () => {
    refused(
      [
        ...graph,
        'loss = tf.reduce_mean(h) + penalty(**kw)',
        'with tf.Session() as sess:',
        '    sess.run(loss, {x: d})',
      ],
      [6, 28],
      /used here other than called plainly/,
    );
  });

  it('refuses a helper whose parameters have * (keyword-only parameters cannot be added safely)', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'h = x * 2.0',
        'def penalty(*scales):',
        '    return scales[0] * h',
        'loss = penalty(0.1)',
        'with tf.Session() as sess:',
        '    sess.run(loss, {x: 1.0})',
      ],
      [3, 1],
      /its parameters have \* or \//,
    );
  });

  it('leaves a helper with a global statement as it is (it rebinds, not only reads)', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'h = x * 2.0',
        'def penalty():',
        '    global h',
        '    return h * 3.0',
        'loss = penalty()',
        'with tf.Session() as sess:',
        '    sess.run(loss, {x: 1.0})',
      ],
      [4, 12],
      /the graph tensor `h` is used here outside Session.run/,
    );
  });
});

describe('Level 2: a name made a placeholder again, or bound to a constant first', () => {
  it('reads each run, feed and use as meaning the binding before it', () => {
    const out = converted([
      'import tensorflow as tf',
      'a = tf.constant(2)',
      'with tf.Session() as sess:',
      '    print(sess.run(a * 3))',
      'a = tf.placeholder(tf.int16)',
      'y = a + 1',
      'with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={a: 2}))',
      'a = tf.placeholder(tf.float32)',
      'z = a * 2.0',
      'with tf.Session() as sess:',
      '    print(sess.run(z, feed_dict={a: 2.5}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'def compute():',
        '    a = tf.constant(2)',
        '    return a * 3',
        '',
        'def y(a):',
        '    a = tf.cast(a, tf.int16)',
        '    y = a + 1',
        '    return y',
        '',
        'def z(a):',
        '    a = tf.cast(a, tf.float32)',
        '    z = a * 2.0',
        '    return z',
        '',
        'print(compute().numpy())',
        'print(y(a=2).numpy())',
        'print(z(a=2.5).numpy())',
      ]),
    );
  });

  it('refuses a feed of the new placeholder when what is fetched reads the old one', () => {
    refused(
      [
        'a = tf.placeholder(tf.float32)',
        'y = a * 2.0',
        'a = tf.placeholder(tf.float32)',
        'with tf.Session() as sess:',
        '    sess.run(y, feed_dict={a: 1.0})',
      ],
      [5, 5],
      /`a` is fed here, but it was made a placeholder again after the one that what is fetched reads/,
    );
  });

  it('refuses a run that reads two placeholders bound to one name', () => {
    refused(
      [
        'a = tf.placeholder(tf.float32)',
        'y = a * 2.0',
        'a = tf.placeholder(tf.float32)',
        'z = y + a',
        'with tf.Session() as sess:',
        '    sess.run(z, feed_dict={a: 1.0})',
      ],
      [6, 5],
      /reads two different tensors bound to `a`/,
    );
  });

  it('refuses a feed of a name that is a graph tensor, not a placeholder, when the run happens', () => {
    refused(
      [
        'a = tf.placeholder(tf.float32)',
        'y = a * 2.0',
        'with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict={a: 1.0}))',
        'b = tf.placeholder(tf.float32)',
        'a = b + 1.0',
        'y = a * 2.0',
        'with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict={a: 1.0}))',
      ],
      [9, 34],
      /feeds `a`, which is not a placeholder/,
    );
  });

  it('still refuses a name used before the graph code makes it a placeholder', () => {
    refused(
      [
        'w = tf.Variable(1.0)',
        'y = a * w',
        'a = tf.placeholder(tf.float32)',
        'with tf.Session() as sess:',
        '    sess.run(y, {a: 1.0})',
      ],
      [5, 5],
      /`a` is read here before the graph code makes it a placeholder/,
    );
  });
});

describe('Level 2: a Python list collecting graph tensors', () => {
  it('builds the list inside the function, in order, under the devices it was built under', () => {
    const out = converted([
      'import tensorflow as tf',
      'parts = []',
      "with tf.device('/gpu:0'):",
      '    a = tf.placeholder(tf.float32, [2, 2])',
      '    parts.append(tf.matmul(a, a))',
      "with tf.device('/gpu:1'):",
      '    parts.append(a * 2.0)',
      "with tf.device('/cpu:0'):",
      '    total = tf.add_n(parts)',
      'with tf.Session() as sess:',
      '    print(sess.run(total, {a: m}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'def total(a):',
        '    a = tf.cast(a, tf.float32)',
        '    parts = []',
        "    with tf.device('/gpu:0'):",
        '        parts.append(tf.matmul(a, a))',
        "    with tf.device('/gpu:1'):",
        '        parts.append(a * 2.0)',
        "    with tf.device('/cpu:0'):",
        '        total = tf.add_n(parts)',
        '    return total',
        '',
        'print(total(a=m).numpy())',
      ]),
    );
    expect(out.report.filter((e) => e.rule.startsWith('device-')).map((e) => `${e.line}:${e.col} ${e.rule}`)).toEqual([
      '3:1 device-removed',
      '6:1 device-removed',
      '8:1 device-removed',
    ]);
  });

  it('refuses a run fetching the list itself (TF1 gave arrays), or a list written out', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'parts = []',
        'parts.append(x * 2.0)',
        'with tf.Session() as sess:',
        '    sess.run(parts, {x: 1.0})',
      ],
      [5, 5],
      /`parts` is a Python list or tuple of tensors/,
    );
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'h = [x * 2.0, x * 3.0]',
        'with tf.Session() as sess:',
        '    sess.run(h, {x: 1.0})',
      ],
      [4, 5],
      /`h` is a Python list or tuple of tensors/,
    );
  });

  it('refuses a list of graph tensors that other code reads as well', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'parts = []',
        'parts.append(x * 2.0)',
        'print(len(parts))',
        'total = tf.add_n(parts)',
        'with tf.Session() as sess:',
        '    sess.run(total, {x: 1.0})',
      ],
      [4, 11],
      /the graph tensor `parts` is used here outside Session.run/,
    );
  });

  it('leaves a list that is not started as [] right before (appended in a loop, or built elsewhere) as it is', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'parts = make_parts()',
        'parts.append(x * 2.0)',
        'total = tf.add_n(parts)',
        'with tf.Session() as sess:',
        '    sess.run(total, {x: 1.0})',
      ],
      [3, 14],
      /the placeholder `x` is used here outside Session.run/,
    );
  });
});

describe('Level 2: an initializable iterator initialized once', () => {
  const head = [
    'dataset = tf.data.Dataset.from_tensor_slices((xs, ys)).batch(32)',
    'iterator = dataset.make_initializable_iterator()',
    'x, y = iterator.get_next()',
    'w = tf.Variable(tf.zeros([4, 1]))',
    'loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))',
    'sess = tf.Session()',
  ];

  it('becomes iter(dataset), and its sess.run(iterator.initializer) goes', () => {
    const out = converted([
      'import tensorflow as tf',
      ...head,
      'sess.run(iterator.initializer)',
      'sess.run(tf.global_variables_initializer())',
      'for step in range(3):',
      '    print(sess.run(loss))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'dataset = tf.data.Dataset.from_tensor_slices((xs, ys)).batch(32)',
        'iterator = iter(dataset)',
        'w = tf.Variable(tf.zeros([4, 1]))',
        '',
        '@tf.function',
        'def loss():',
        '    x, y = iterator.get_next()',
        '    loss = tf.reduce_mean(input_tensor=tf.square(tf.matmul(x, w) - y))',
        '    return loss',
        '',
        'for step in range(3):',
        '    print(loss().numpy())',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'iterator').map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([
      '3:12 Initializable iterator, initialized once by the Session -> iter(dataset): TF1 could not read it before that run, so ' +
        'the batches are the same; get_next() still raises tf.errors.OutOfRangeError at the end.',
    ]);
  });

  it('makes a new iter(dataset) at each initialization (each epoch), passed to the functions that read it', () => {
    const out = converted([
      'import tensorflow as tf',
      ...head.slice(0, 5),
      'train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    for epoch in range(3):',
      '        sess.run(iterator.initializer)',
      '        while True:',
      '            try:',
      '                _, l = sess.run([train, loss])',
      '            except tf.errors.OutOfRangeError:',
      '                break',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'dataset = tf.data.Dataset.from_tensor_slices((xs, ys)).batch(32)',
        'iterator = iter(dataset)',
        'w = tf.Variable(tf.zeros([4, 1]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '@tf.function',
        'def train_and_loss(iterator):',
        '    with tf.GradientTape() as tape:',
        '        x, y = iterator.get_next()',
        '        loss = tf.reduce_mean(input_tensor=tf.square(tf.matmul(x, w) - y))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '    return None, loss',
        '',
        'for epoch in range(3):',
        '    iterator = iter(dataset)',
        '    while True:',
        '        try:',
        '            _, l = train_and_loss(iterator=iterator)',
        '        except tf.errors.OutOfRangeError:',
        '            break',
      ]),
    );
  });

  it('does the same for an iterator initialized twice in a row', () => {
    const out = converted([
      'import tensorflow as tf',
      ...head,
      'sess.run(iterator.initializer)',
      'print(sess.run(loss))',
      'sess.run(iterator.initializer)',
      'print(sess.run(loss))',
    ]);
    expect(out.code).toContain(py(['iterator = iter(dataset)', 'print(loss(iterator=iterator).numpy())']));
    expect(out.code).toContain('def loss(iterator):');
  });

  it('refuses one never initialized, or whose initializer is used other than by such runs', () => {
    refused(
      [...head, 'print(sess.run(loss))'],
      [2, 1],
      /`iterator` is not initialized by a sess.run\(iterator.initializer\)/,
    );
    refused(
      [...head, 'init = iterator.initializer', 'sess.run(iterator.initializer)', 'print(sess.run(loss))'],
      [2, 1],
      /`iterator` is initialized other than by sess.run\(iterator.initializer\) statements/,
    );
  });

  it('refuses re-initialization when the dataset is bound again after the iterator, or is not a name', () => {
    const again = ['for epoch in range(2):', '    sess.run(iterator.initializer)', '    print(sess.run(loss))'];
    refused(
      [...head, 'dataset = dataset.shuffle(10)', ...again],
      [2, 1],
      /initialized again, and its dataset is not a name bound once before it/,
    );
    refused(
      [
        'dataset = tf.data.Dataset.from_tensor_slices((xs, ys))',
        'iterator = dataset.batch(32).make_initializable_iterator()',
        ...head.slice(2),
        ...again,
      ],
      [2, 1],
      /its dataset is not a name bound once before it/,
    );
  });

  it('refuses an initializer run with a feed_dict, and a dataset built from placeholders', () => {
    refused(
      [...head, 'sess.run(iterator.initializer, feed_dict={n: 3})', 'print(sess.run(loss))'],
      [7, 10],
      /initialized with a feed_dict, inside a larger expression or in a nested function/,
    );
    refused(
      [
        'data = tf.placeholder(tf.float32, [None, 4])',
        'iterator = tf.data.Dataset.from_tensor_slices(data).make_initializable_iterator()',
        'x = iterator.get_next()',
        'with tf.Session() as sess:',
        '    sess.run(iterator.initializer, feed_dict={data: d})',
        '    print(sess.run(x))',
      ],
      [2, 1],
      /an initializable iterator over a dataset built from graph tensors/,
    );
  });
});

describe('Level 2: initializers grouped, and graph code built on a tf.contrib model TF2 does not have', () => {
  it('reads tf.group of initializers as an initializer: its run goes', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32)',
      'w = tf.Variable(1.0)',
      'y = x * w',
      "init = tf.group(tf.global_variables_initializer(), tf.local_variables_initializer(), name='init')",
      'with tf.Session() as sess:',
      '    sess.run(init)',
      '    print(sess.run(y, {x: 2.0}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(1.0)',
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = x * w',
        '    return y',
        '',
        'print(y(x=2.0).numpy())',
      ]),
    );
  });

  it('leaves a group with anything but initializers in it as a fetched op it does not know', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'w = tf.Variable(1.0)',
        'y = x * w',
        'init = tf.group(tf.global_variables_initializer(), make_tables())',
        'with tf.Session() as sess:',
        '    sess.run(init)',
        '    print(sess.run(y, {x: 2.0}))',
      ],
      [6, 5],
      /`init` is fetched but is not a tensor/,
    );
  });

  it('refuses at the call of a removed tf.contrib model, through a from-import too', () => {
    refused(
      [
        'from tensorflow.contrib.factorization import KMeans',
        'X = tf.placeholder(tf.float32, [None, 2])',
        'kmeans = KMeans(inputs=X, num_clusters=3)',
        'scores = kmeans.training_graph()[2]',
        'with tf.Session() as sess:',
        '    sess.run(scores, {X: data})',
      ],
      [3, 10],
      /`tf.contrib.factorization.KMeans` is from tf.contrib.factorization, which TensorFlow 2 does not have in any form/,
    );
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'params = tf.contrib.tensor_forest.python.tensor_forest.ForestHParams(num_classes=2)',
        'with tf.Session() as sess:',
        '    sess.run(x * 2.0, {x: 1.0})',
      ],
      [2, 10],
      /from tf.contrib.tensor_forest/,
    );
  });
});

describe('Level 2: input pipelines it does not rewrite', () => {
  it('refuses queue-based input where the graph code uses it', () => {
    refused(
      [
        "files = tf.train.string_input_producer(['a.csv'])",
        'w = tf.Variable(1.0)',
        'x = tf.placeholder(tf.float32)',
        'y = x * w',
        'with tf.Session() as sess:',
        '    tf.train.start_queue_runners(sess=sess)',
        '    sess.run(y, {x: 1.0})',
      ],
      [1, 9],
      /`tf.train.string_input_producer` is queue-based input.*build the input with tf.data/,
    );
  });

  it('refuses a call of a function returning get_next() (TF2 would give one batch once), not the function itself', () => {
    const lines = [
      'def inputs(n):',
      '    dataset = tf.data.Dataset.range(n).batch(4)',
      '    return tf.data.make_one_shot_iterator(dataset).get_next()',
      'batch = inputs(10)',
      'w = tf.Variable(1.0)',
      'y = tf.cast(batch, tf.float32) * w',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(y))',
    ];
    refused(lines, [4, 9], /`inputs\(...\)` returns batches from an input pipeline made inside it/);
    const out = migrate(py(['import tensorflow as tf', ...lines]));
    expect(notConverted(out.report).filter((e) => e.line < 5)).toEqual([]);
  });

  it('follows a batch bound to a name before it is returned', () => {
    refused(
      [
        'def read(paths):',
        '    image, label = tf.train.slice_input_producer([paths, labels])',
        '    X, Y = tf.train.batch([image, label], batch_size=8)',
        '    return X, Y',
        'X, Y = read(p)',
        'x = tf.placeholder(tf.float32)',
        'with tf.Session() as sess:',
        '    sess.run(x * 2.0 + tf.reduce_sum(X), {x: 1.0})',
      ],
      [5, 8],
      /`read\(...\)` returns batches from an input pipeline/,
    );
  });
});
