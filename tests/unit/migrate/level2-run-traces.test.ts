import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { notConverted, py, refusedAsWritten as refused } from './level2-support.ts';

/**
 * A traced step: sess.run(options=FULL_TRACE RunOptions, run_metadata=RunMetadata()) followed by
 * writer.add_run_metadata(run_metadata, tag) becomes tf.summary.trace_on(...) before the call and
 * tf.summary.trace_export(...) to that writer after it.
 */

const graph = [
  'import tensorflow as tf',
  '',
  'x = tf.placeholder(tf.float32, [None, 3])',
  'w = tf.Variable(tf.zeros([3, 1]))',
  'loss = tf.reduce_mean(tf.matmul(x, w))',
  "tf.summary.scalar('loss', loss)",
  'train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)',
  'merged = tf.summary.merge_all()',
  '',
  'with tf.Session() as sess:',
  "  writer = tf.summary.FileWriter(LOG_DIR + '/train', sess.graph)",
  '  sess.run(tf.global_variables_initializer())',
  '  for i in range(100):',
  '    if i % 10 == 9:',
];
const traced = (options: string, export_: string, ...after: string[]) => [
  ...graph,
  `      run_options = ${options}`,
  '      run_metadata = tf.RunMetadata()',
  '      summary, _ = sess.run([merged, train_op], feed_dict={x: data},',
  '                            options=run_options, run_metadata=run_metadata)',
  `      ${export_}`,
  '      writer.add_summary(summary, i)',
  '    else:',
  '      summary, _ = sess.run([merged, train_op], feed_dict={x: data})',
  '      writer.add_summary(summary, i)',
  ...after,
  '  writer.close()',
];
const fullTrace = 'tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)';
const addRunMetadata = "writer.add_run_metadata(run_metadata, 'step%03d' % i)";

describe('Level 2: a traced step written with add_run_metadata', () => {
  it('becomes tf.summary.trace_on before the call and trace_export to the same writer after it', () => {
    const out = migrate(py(traced(fullTrace, addRunMetadata)));
    expect(out.parseErrors).toEqual([]);
    expect(notConverted(out.report).map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([]);
    expect(checkApi(out.code).findings.map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([]);
    expect(out.code).toBe(
      py([
        'import tensorflow as tf',
        '',
        'w = tf.Variable(tf.zeros([3, 1]))',
        'optimizer = tf.keras.optimizers.SGD(0.1)',
        '',
        '',
        '@tf.function',
        'def merged_and_train_op(x, writer, step):',
        '    x = tf.cast(x, tf.float32)',
        '    with tf.GradientTape() as tape:',
        '        loss = tf.reduce_mean(input_tensor=tf.matmul(x, w))',
        '    variables = tape.watched_variables()',
        '    gradients = tape.gradient(loss, variables)',
        '    optimizer.apply_gradients(zip(gradients, variables))',
        '    with writer.as_default():',
        "        tf.summary.scalar('loss', loss, step=step)",
        '    return None, None',
        '',
        "writer = tf.summary.create_file_writer(LOG_DIR + '/train')",
        'for i in range(100):',
        '  if i % 10 == 9:',
        "    tf.summary.trace_on(graph=True, profiler=True, profiler_outdir=LOG_DIR + '/train')",
        '    summary, _ = merged_and_train_op(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
        '    with writer.as_default():',
        "      tf.summary.trace_export(name='step%03d' % i, step=0)",
        '  else:',
        '    summary, _ = merged_and_train_op(x=data, writer=writer, step=tf.constant(i, dtype=tf.int64))',
        'writer.close()',
      ]),
    );
    expect(out.report.filter((e) => e.rule === 'run-trace').map((e) => `${e.line}:${e.col}`)).toEqual(['17:7']);
  });

  it("passes add_run_metadata's global_step as the export's step", () => {
    const out = migrate(py(traced(fullTrace, "writer.add_run_metadata(run_metadata, 'step%d' % i, global_step=i)")));
    expect(out.code).toContain("      tf.summary.trace_export(name='step%d' % i, step=i)\n");
  });

  it('reads FULL_TRACE options written in the call', () => {
    const lines = traced(fullTrace, addRunMetadata).filter((l) => !l.includes('run_options = '));
    const at = lines.findIndex((l) => l.includes('options=run_options'));
    lines[at] = lines[at]!.replace('options=run_options', `options=${fullTrace}`);
    const out = migrate(py(lines));
    expect(notConverted(out.report)).toEqual([]);
    expect(out.code).toContain(
      "  if i % 10 == 9:\n    tf.summary.trace_on(graph=True, profiler=True, profiler_outdir=LOG_DIR + '/train')\n" +
        '    summary, _ = merged_and_train_op(',
    );
    expect(out.code).not.toMatch(/RunOptions|RunMetadata/);
  });

  it('is refused for other trace levels, with what each argument was for', () => {
    const lines = traced('tf.RunOptions(trace_level=tf.RunOptions.SOFTWARE_TRACE)', addRunMetadata);
    refused(
      lines,
      [18, 37],
      /needs `tf.RunOptions\(trace_level=tf.RunOptions.FULL_TRACE\)`, in the call or bound to `run_options` earlier/,
    );
    refused(lines, [18, 29], /sess\.run\(options=\.\.\.\) traces the step .*tf\.profiler\.experimental\.start/);
  });

  it('is refused where the RunMetadata is not written by add_run_metadata right after the run', () => {
    refused(
      traced(fullTrace, 'print(run_metadata.step_stats)'),
      [18, 63],
      /is not followed right away by `writer.add_run_metadata\(run_metadata, tag\)`/,
    );
    refused(
      traced(fullTrace, addRunMetadata, '  print(run_metadata)'),
      [24, 9],
      /uses `run_metadata` elsewhere too, which would no longer exist/,
    );
  });

  it("is refused where the writer's logdir is computed by a call", () => {
    const lines = traced(fullTrace, addRunMetadata);
    lines[10] = "  writer = tf.summary.FileWriter(os.path.join(LOG_DIR, 'train'), sess.graph)";
    refused(lines, [11, 34], /writes its profile to the logdir of `writer`, which is computed by a call or rebound/);
  });
});
