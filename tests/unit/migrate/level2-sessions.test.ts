import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';
import type { ReportEntry } from '../../../src/lib/migrate/index.ts';

/**
 * Level 2 rules for how third-party programs build and run their graphs (helpers reading graph tensors
 * as globals, names rebound between runs): the exact TF2 code each gives, and the cases each must
 * refuse, with line:col. Same helpers as level2-rules.test.ts.
 */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const notConverted = (report: ReportEntry[]) => report.filter((e) => e.rule === 'not-converted');
const apiFindings = (code: string) => checkApi(code).findings.map((f) => `${f.line}:${f.col} ${f.message}`);

function converted(lines: string[]): { code: string; report: ReportEntry[] } {
  const out = migrate(py(lines));
  expect(out.parseErrors).toEqual([]);
  expect(notConverted(out.report).map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([]);
  expect(apiFindings(out.code)).toEqual([]);
  return out;
}

/** Refused with this reason at this place (1-based line of `lines` + 1 for the import). */
function refused(lines: string[], at: [number, number], why: RegExp): void {
  const out = migrate(py(['import tensorflow as tf', ...lines]));
  const warnings = notConverted(out.report);
  const hit = warnings.find((w) => why.test(w.message));
  expect(hit, warnings.map((w) => `${w.line}:${w.col} ${w.message}`).join('\n')).toBeDefined();
  expect([hit!.line, hit!.col]).toEqual([at[0] + 1, at[1]]);
  expect(hit!.severity).toBe('warning');
  expect(out.code).toMatch(/Session\(/);
}

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

  it('leaves a helper that graph code never calls (a feed-dict builder) reported as before', () => {
    refused(
      [
        'x = tf.placeholder(tf.float32)',
        'y = x * 2.0',
        'def feed(v):',
        '    return {x: v}',
        'with tf.Session() as sess:',
        '    sess.run(y, feed_dict=feed(1.0))',
      ],
      [4, 13],
      /the placeholder `x` is used here outside Session.run/,
    );
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
