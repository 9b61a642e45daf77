import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';

/** tf.name_scope with a plain string name stays TF2's tf.name_scope; other forms keep tf_upgrade_v2's v1 one. */
const py = (lines: string[]) => `${lines.join('\n')}\n`;

describe('Level 2: tf.name_scope with a plain string name', () => {
  it('keeps the v2 spelling in a function the converted graph code calls', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        'x = tf.placeholder(tf.float32, [None, 2])',
        'w = tf.Variable(tf.zeros([2, 1]))',
        'def layer(h):',
        "    with tf.name_scope('dense'):",
        '        return tf.matmul(h, w)',
        "with tf.name_scope('model'):",
        '    y = layer(x)',
        'with tf.Session() as sess:',
        '    print(sess.run(y, feed_dict={x: data}))',
      ]),
    );
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.zeros([2, 1]))',
        'def layer(h):',
        "    with tf.name_scope('dense'):",
        '        return tf.matmul(h, w)',
        '',
        'def y(x):',
        '    x = tf.cast(x, tf.float32)',
        '    y = layer(x)',
        '    return y',
        '',
        'print(y(x=data).numpy())',
      ]),
    );
    expect(checkApi(out.code).findings).toEqual([]);
    // The scope Level 2 removed (its body moved out) is not reported as kept.
    expect(out.report.filter((e) => e.rule === 'name-scope-v2').map((e) => `${e.line}:${e.col}`)).toEqual(['5:10']);
  });

  it('keeps the v1 scope where v1 means more than a name: values, a variable, re-entry, the root, an f-string', () => {
    for (const args of ["name='a', values=[x]", 'scope', "'outer/'", "''", "f'layer{i}'"]) {
      const out = migrate(
        py(['import tensorflow as tf', 'def f(x, scope, i):', `    with tf.name_scope(${args}):`, '        return x']),
      );
      expect(out.code).toContain(`with tf.compat.v1.name_scope(${args}):`);
      expect(out.report.filter((e) => e.rule === 'name-scope-v2')).toEqual([]);
    }
  });
});
