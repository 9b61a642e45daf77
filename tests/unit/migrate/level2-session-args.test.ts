import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { converted, py, refused } from './level2-support.ts';

/**
 * Level 2 and what Sessions are given besides fetches and feeds: `init.run(session=sess)`, the XLA
 * setting of a ConfigProto (-> tf.config.optimizer.set_jit), and Session.run's options= and
 * run_metadata=, which are refused rather than dropped.
 */

const graph = ['x = tf.placeholder(tf.float32, [None, 2])', 'w = tf.Variable(tf.zeros([2, 1]))', 'y = tf.matmul(x, w)'];
const yFunction = (decorated: boolean) => [
  ...(decorated ? ['@tf.function'] : []),
  'def y(x):',
  '    x = tf.cast(x, tf.float32)',
  '    y = tf.matmul(x, w)',
  '    return y',
  '',
];

describe('Level 2: an initializer run in a named session', () => {
  it('removes `tf.global_variables_initializer().run(session=sess)` with the session', () => {
    const out = converted([
      'import tensorflow as tf',
      ...graph,
      'sess = tf.Session()',
      'tf.global_variables_initializer().run(session=sess)',
      'print(sess.run(y, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.zeros([2, 1]))',
        '',
        ...yFunction(false),
        'print(y(x=data).numpy())',
      ]),
    );
  });

  it('refuses an initializer run() given anything but session=', () => {
    refused(
      [...graph, 'sess = tf.Session()', 'tf.global_variables_initializer().run(feed_dict={x: data}, session=sess)'],
      [5, 1],
      /an initializer run\(\) with arguments other than session=/,
    );
  });
});

describe('Level 2: the XLA setting of a ConfigProto', () => {
  it('keeps global_jit_level = ON_1 as tf.config.optimizer.set_jit, and compiles every function', () => {
    const out = converted([
      'import tensorflow as tf',
      ...graph,
      'config = tf.ConfigProto()',
      'config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1',
      'sess = tf.Session(config=config)',
      'print(sess.run(y, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.zeros([2, 1]))',
        "tf.config.optimizer.set_jit('autoclustering')",
        '',
        ...yFunction(true),
        'print(y(x=data).numpy())',
      ]),
    );
    const notes = out.report.filter((e) => e.rule === 'session-config');
    expect(notes.map((e) => `${e.line}:${e.col} ${e.severity}`)).toEqual(['6:1 info']);
    expect(notes[0]!.message).toContain('-> tf.config.optimizer.set_jit');
  });

  it('rewrites a jit-level variable bound only to GlobalJitLevel constants, where it is bound', () => {
    const out = converted([
      'import tensorflow as tf',
      ...graph,
      'config = tf.ConfigProto()',
      'jit_level = 0',
      'if FLAGS.xla:',
      '  jit_level = tf.compat.v1.OptimizerOptions.ON_1',
      'config.graph_options.optimizer_options.global_jit_level = jit_level',
      'with tf.Session(config=config) as sess:',
      '  print(sess.run(y, feed_dict={x: data}))',
    ]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        'w = tf.Variable(tf.zeros([2, 1]))',
        'jit_level = False',
        'if FLAGS.xla:',
        "  jit_level = 'autoclustering'",
        'tf.config.optimizer.set_jit(jit_level)',
        '',
        ...yFunction(true),
        'print(y(x=data).numpy())',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'session-config' && e.severity === 'warning')).toEqual([]);
  });

  it('still warns about the other settings the config dropped', () => {
    const out = converted([
      'import tensorflow as tf',
      ...graph,
      'config = tf.ConfigProto(log_device_placement=True)',
      'config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.OFF',
      'sess = tf.Session(config=config)',
      'print(sess.run(y, feed_dict={x: data}))',
    ]);
    expect(out.code).toContain('tf.config.optimizer.set_jit(False)\n');
    const warning = out.report.find((e) => e.rule === 'session-config' && e.severity === 'warning');
    expect(warning?.message).toContain('config=config; tf.ConfigProto(log_device_placement=True)):');
  });

  it('drops, with the warning as before, a level set_jit cannot name or a variable read elsewhere', () => {
    for (const [setup, value] of [
      [[], 'tf.OptimizerOptions.ON_2'],
      [['jit_level = tf.OptimizerOptions.ON_1', 'print(jit_level)'], 'jit_level'],
      [['jit_level = level_from_flags()'], 'jit_level'],
    ] as [string[], string][]) {
      const out = migrate(
        py([
          'import tensorflow as tf',
          ...graph,
          'config = tf.ConfigProto()',
          ...setup,
          `config.graph_options.optimizer_options.global_jit_level = ${value}`,
          'sess = tf.Session(config=config)',
          'print(sess.run(y, feed_dict={x: data}))',
        ]),
      );
      expect(out.code).not.toContain('set_jit');
      expect(out.code).not.toContain('@tf.function');
      const warning = out.report.find((e) => e.rule === 'session-config' && e.severity === 'warning');
      expect(warning?.message).toContain(`global_jit_level = ${value}`);
    }
  });

  it('leaves a jit level that is a parameter of the function, bound by its callers', () => {
    const out = migrate(
      py([
        'import tensorflow as tf',
        'def main(jit_level=0):',
        ...graph.map((l) => `  ${l}`),
        '  config = tf.ConfigProto()',
        '  if FLAGS.xla:',
        '    jit_level = tf.OptimizerOptions.ON_1',
        '  config.graph_options.optimizer_options.global_jit_level = jit_level',
        '  sess = tf.Session(config=config)',
        '  print(sess.run(y, feed_dict={x: data}))',
      ]),
    );
    expect(out.code).not.toContain('set_jit');
    expect(out.report.find((e) => e.rule === 'session-config' && e.severity === 'warning')?.message).toContain(
      'global_jit_level = jit_level',
    );
  });
});

describe('Level 2: Session.run arguments besides fetches and feed_dict', () => {
  it('refuses options= and run_metadata= (a traced step) instead of dropping them', () => {
    const lines = [
      ...graph,
      'run_metadata = tf.RunMetadata()',
      'sess = tf.Session()',
      'sess.run(y, feed_dict={x: data}, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=run_metadata)',
    ];
    refused(lines, [6, 34], /sess\.run\(options=\.\.\.\) traces the step .*tf\.profiler\.experimental\.start/);
    refused(lines, [6, 95], /sess\.run\(run_metadata=\.\.\.\) traces the step/);
  });

  it('names a positional options argument, and refuses an argument it does not know', () => {
    refused(
      [...graph, 'sess = tf.Session()', 'sess.run(y, {x: data}, opts)'],
      [5, 24],
      /sess\.run\(options=\.\.\.\) traces/,
    );
    refused(
      [...graph, 'sess = tf.Session()', 'sess.run(y, {x: data}, fetch_timeout=3)'],
      [5, 24],
      /sess\.run\(fetch_timeout=\.\.\.\) is an argument this tool does not know/,
    );
  });
});
