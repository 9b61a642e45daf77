import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate, programSignature } from '../../../src/lib/migrate/index.ts';
import { tf2Initializer } from '../../../src/lib/migrate/rules/level2/initializers.ts';

/**
 * Level 2 rewrites that replace what Level 1 leaves as tf.compat.v1 (initializers, tf.losses) with
 * TF2 code, and leave it where TF2 would compute something else (tf.app.run -> absl.app.run is
 * tested with the other rules in level2-rules.test.ts). Every rewritten output must also pass the
 * TF2 API check, which is the reason these rules exist.
 */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const apiFindings = (code: string) => checkApi(code).findings.map((f) => `${f.line}:${f.kind}:${f.name}`);

describe('TF1 initializers in tf.get_variable', () => {
  it('become the TF2 class with every parameter named, when the values are the same', () => {
    expect(tf2Initializer('tf.compat.v1.random_uniform_initializer(-0.05, 0.05)')).toBe(
      'tf.random_uniform_initializer(minval=-0.05, maxval=0.05)',
    );
    expect(tf2Initializer('tf.compat.v1.truncated_normal_initializer(stddev=0.1, seed=f(1, 2))')).toBe(
      'tf.keras.initializers.TruncatedNormal(stddev=0.1, seed=f(1, 2))',
    );
    expect(tf2Initializer('tf.compat.v1.zeros_initializer()')).toBe('tf.zeros_initializer()');
    expect(tf2Initializer('tf.compat.v1.constant_initializer(0.1)')).toBe('tf.constant_initializer(value=0.1)');
    expect(tf2Initializer('tf.compat.v1.constant_initializer()')).toBe('tf.constant_initializer()');
  });

  it('are left where TF2 changed a default that the call relies on, or takes dtype elsewhere', () => {
    // TF1's stddev default is 1.0, TF2's 0.05; TF1's uniform range is [0, 1), TF2's [-0.05, 0.05).
    expect(tf2Initializer('tf.compat.v1.truncated_normal_initializer()')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.random_normal_initializer(0.0)')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.random_uniform_initializer(maxval=2)')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.zeros_initializer(dtype=tf.int32)')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.orthogonal_initializer()')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.constant_initializer(*args)')).toBeNull();
    // TF1 fills a list shorter than the shape with its last element; TF2 raises instead.
    expect(tf2Initializer('tf.compat.v1.constant_initializer([1, 2])')).toBeNull();
    expect(tf2Initializer('tf.compat.v1.constant_initializer(values)')).toBeNull();
  });

  it('in a whole program: the output uses no tf.compat.v1 and passes the API check', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        "w = tf.get_variable('w', [3, 2], initializer=tf.random_uniform_initializer(-0.1, 0.1))",
        "b = tf.get_variable('b', [2], initializer=tf.truncated_normal_initializer(stddev=0.05))",
        "c = tf.get_variable('c', [2], initializer=tf.random_normal_initializer())",
      ]),
    );
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        "w = tf.Variable(tf.random_uniform_initializer(minval=-0.1, maxval=0.1)([3, 2]), name='w')",
        "b = tf.Variable(tf.keras.initializers.TruncatedNormal(stddev=0.05)([2]), name='b')",
        "c = tf.Variable(tf.compat.v1.random_normal_initializer()([2]), name='c')",
      ]),
    );
    expect(apiFindings(out.code)).toEqual(['4:compat-v1:tf.compat.v1.random_normal_initializer']);
  });
});

describe('tf.losses', () => {
  it('with default weights and reduction become the mean of the per-example TF2 op', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        'a = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=z)',
        'b = tf.losses.softmax_cross_entropy(y1, z)',
        'c = tf.losses.mean_squared_error(labels=t, predictions=p)',
        'd = tf.losses.softmax_cross_entropy(y1, z, weights=w)',
      ]),
    );
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'a = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=z))',
        'b = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(y1), logits=z))',
        'c = tf.reduce_mean(tf.math.squared_difference(tf.cast(p, tf.float32), tf.cast(t, tf.float32)))',
        'd = tf.compat.v1.losses.softmax_cross_entropy(y1, z, weights=w)',
      ]),
    );
    expect(out.report.find((e) => e.rule === 'tf-losses' && e.severity === 'warning')).toMatchObject({ line: 5 });
    expect(apiFindings(out.code)).toEqual(['5:compat-v1:tf.compat.v1.losses.softmax_cross_entropy']);
  });

  it('keep the same set of ops for the structural check, and a dropped loss is still caught', () => {
    const input = py([
      'import tensorflow as tf',
      'a = tf.losses.softmax_cross_entropy(y1, z)',
      'c = tf.losses.mean_squared_error(t, p)',
    ]);
    const out = migrate(input);
    expect([...programSignature(out.code)].sort()).toEqual([...programSignature(out.level1Code)].sort());
    expect([...programSignature(out.code.replace(/^c = .*$/m, ''))].sort()).not.toEqual(
      [...programSignature(out.level1Code)].sort(),
    );
  });
});
