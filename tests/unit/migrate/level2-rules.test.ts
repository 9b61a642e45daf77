import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';
import type { ReportEntry } from '../../../src/lib/migrate/index.ts';

/**
 * Level 2 rules for idioms of third-party TF1 programs (benchmarks/migrate-corpus/third-party): each
 * with the exact TF2 code it must give, the cases it must refuse (with line:col), and a check that the
 * output uses only names and keywords TensorFlow 2.16 has.
 */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const notConverted = (report: ReportEntry[]) => report.filter((e) => e.rule === 'not-converted');
const apiFindings = (code: string) => checkApi(code).findings.map((f) => `${f.line}:${f.col} ${f.message}`);

/** Converts, and checks the result is clean: parses, nothing left unconverted, only TF 2.16 API. */
function converted(lines: string[]): { code: string; report: ReportEntry[] } {
  const out = migrate(py(lines));
  expect(out.parseErrors).toEqual([]);
  expect(notConverted(out.report).map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([]);
  expect(apiFindings(out.code)).toEqual([]);
  return out;
}

/** Converts, and checks Level 2 refused with this reason at this place (1-based line of `lines` + 1 for the import). */
function refused(lines: string[], at: [number, number], why: RegExp): void {
  const out = migrate(py(['import tensorflow as tf', ...lines]));
  const warnings = notConverted(out.report);
  const hit = warnings.find((w) => why.test(w.message));
  expect(hit, warnings.map((w) => `${w.line}:${w.col} ${w.message}`).join('\n')).toBeDefined();
  expect([hit!.line, hit!.col]).toEqual([at[0] + 1, at[1]]);
  expect(hit!.severity).toBe('warning');
  expect(out.code).toMatch(/Session\(/);
}

describe('Level 2: a tensor name bound more than once', () => {
  it('reads rebinding as straight-line code: each run means the binding before it', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 2])',
      'w = tf.Variable(tf.ones([2, 2]))',
      'h = tf.matmul(x, w)',
      'h = tf.nn.relu(h)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(h, feed_dict={x: data}))',
      '    z = tf.placeholder(tf.float32, [None, 2])',
      '    h = tf.matmul(z, w)',
      '    print(sess.run(h, feed_dict={z: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.ones([2, 2]))',
        '',
        'def h(x):',
        '    x = tf.cast(x, tf.float32)',
        '    h = tf.matmul(x, w)',
        '    h = tf.nn.relu(h)',
        '    return h',
        '',
        'def h_2(z):',
        '    z = tf.cast(z, tf.float32)',
        '    h = tf.matmul(z, w)',
        '    return h',
        '',
        'print(h(x=data).numpy())',
        'print(h_2(z=data).numpy())',
      ]),
    );
  });

  it('takes, for a tensor computed from a rebound name, the binding before that statement', () => {
    const out = converted([
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32)',
      'h = x * 2.0',
      'y = h + 1.0',
      'h = h * 3.0',
      'with tf.Session() as sess:',
      '    print(sess.run(y, feed_dict={x: 1.0}))',
    ]);
    expect(out.code).toBe(py(['import tensorflow as tf', '', 'def y(x):', '    x = tf.cast(x, tf.float32)', '    h = x * 2.0', '    y = h + 1.0', '    return y', '', 'print(y(x=1.0).numpy())']));
  });

  it('refuses a placeholder name bound again, and a tensor run before it is defined', () => {
    refused(['x = tf.placeholder(tf.float32)', 'y = x * 2.0', 'with tf.Session() as sess:', '    print(sess.run(y, {x: 1.0}))', '    x = tf.placeholder(tf.int32)', '    y = x + 1'], [5, 5], /`x` is made a placeholder after it already named a tensor/);
    refused(['x = tf.placeholder(tf.float32)', 'sess = tf.Session()', 'print(sess.run(y, {x: 1.0}))', 'y = x * 2.0'], [3, 7], /`y` is run before the graph code here defines it/);
  });
});
