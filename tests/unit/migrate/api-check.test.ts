import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSources, checkApi, importAliases } from '../../../src/lib/migrate/api-check.ts';

const kinds = (code: string) =>
  checkApi(code).findings.map((f) => `${f.line}:${f.col} ${f.kind} ${f.name}${f.keyword ? ` ${f.keyword}` : ''}`);

describe('TF2 API table', () => {
  it('names a released TensorFlow >= 2.16 and the Keras that tf.keras is, each at a 40-hex commit', () => {
    const tf = apiSources.find((s) => s.repo === 'tensorflow/tensorflow');
    const keras = apiSources.find((s) => s.repo === 'keras-team/tf-keras');
    for (const s of [tf, keras]) expect(s?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Number(tf!.version.split('.')[1])).toBeGreaterThanOrEqual(16);
    expect(keras!.version.split('.').slice(0, 2)).toEqual(tf!.version.split('.').slice(0, 2));
  });
});

describe('checkApi', () => {
  it('passes code that uses only TensorFlow 2 names and keywords', () => {
    const code = [
      'import tensorflow as tf',
      'x = tf.nn.relu(tf.constant([1.0]), name="r")',
      'ds = tf.data.Dataset.from_tensor_slices(x).batch(2)',
      'model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="relu")])',
      'opt = tf.keras.optimizers.Adam(learning_rate=0.1)',
      '@tf.function(jit_compile=True)',
      'def step(a):',
      '    return tf.reduce_sum(a, axis=0, keepdims=True)',
      'print(tf.float32.max)',
      '',
    ].join('\n');
    expect(kinds(code)).toEqual([]);
    expect(checkApi(code).names).toContain('tf.keras.layers.Dense');
  });

  it('reports a name TensorFlow 2 does not have, at its line and column', () => {
    expect(kinds('import tensorflow as tf\ny = tf.nn.no_such_op(1)\nz = tf.placeholder(tf.float32)\n')).toEqual([
      '2:5 unknown-name tf.nn.no_such_op',
      '3:5 unknown-name tf.placeholder',
    ]);
  });

  it('reports a keyword the function does not take, unless it takes **kwargs', () => {
    expect(kinds('import tensorflow as tf\ntf.nn.relu(x, nam="r")\ntf.keras.layers.Dense(3, anything=1)\n')).toEqual([
      '2:15 unknown-keyword tf.nn.relu nam',
    ]);
  });

  it('checks decorators with their arguments', () => {
    expect(kinds('import tensorflow as tf\n@tf.function(bogus=1)\ndef f(): pass\n')).toEqual([
      '2:14 unknown-keyword tf.function bogus',
    ]);
  });

  it('follows class members through the base the table factored out (a Keras layer method)', () => {
    expect(
      kinds('import tensorflow as tf\ntf.keras.layers.Dense.get_weights\ntf.keras.layers.Dense.no_such_method\n'),
    ).toEqual(['3:1 unknown-name tf.keras.layers.Dense.no_such_method']);
  });

  it('resolves import aliases', () => {
    const code = [
      'import tensorflow as tf2',
      'from tensorflow import keras',
      'from tensorflow.keras import layers as L, Model',
      'from tensorflow.keras.layers import Dense',
      'a = tf2.math.log(1.0)',
      'b = keras.layers.Conv2D(8, 3)',
      'c = L.Dropout(0.5)',
      'd = Dense(2)',
      'e = L.NoSuchLayer(1)',
      'f = Model',
      '',
    ].join('\n');
    expect(importAliases(code).get('L')).toBe('tf.keras.layers');
    expect(kinds(code)).toEqual(['9:5 unknown-name tf.keras.layers.NoSuchLayer']);
  });

  it('reports tf.compat.v1, whether imported as tf or used by its full name', () => {
    expect(kinds('import tensorflow.compat.v1 as tf\nx = tf.placeholder(tf.float32)\n')).toEqual([
      '1:1 compat-v1 tf.compat.v1',
      '2:5 compat-v1 tf.compat.v1.placeholder',
      '2:20 compat-v1 tf.compat.v1.float32',
    ]);
    expect(kinds('import tensorflow as tf\ntf.compat.v1.Session()\n')).toEqual(['2:1 compat-v1 tf.compat.v1.Session']);
  });

  it('ignores names that are not TensorFlow and keywords that merely look like aliases', () => {
    expect(
      kinds(
        'import numpy as np\nimport tensorflow as tf\nnp.no_such(1)\ntf.constant(1, name="tf")\ndef g(tf): return tf\n',
      ),
    ).toEqual([]);
  });
});

describe('npm run migrate:check (scripts/migrate-check.ts)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['scripts/migrate-check.ts', ...args], { encoding: 'utf8', timeout: 30_000 });
  const file = (name: string, text: string) => {
    const path = join(tmpdir(), `api-check-${process.pid}-${name}`);
    writeFileSync(path, text);
    return path;
  };

  it('exit 0 and a summary for a clean file', () => {
    const r = run([file('ok.py', 'import tensorflow as tf\nprint(tf.constant(1))\n')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/0 finding\(s\), 0 syntax error\(s\) against tensorflow\/tensorflow 2\.\d+/);
  });

  it('exit 1 with file:line:col per finding', () => {
    const path = file('bad.py', 'import tensorflow as tf\ntf.nn.relu(x, nam=1)\n');
    const r = run([path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path}:2:15: unknown-keyword:`);
  });

  it('exit 1 for a file that does not parse, exit 2 for one that does not exist', () => {
    expect(run([file('broken.py', 'import tensorflow as tf\ndef (:\n')]).stderr).toContain('syntax-error');
    const missing = run(['/no/such/file.py']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read /no/such/file.py: ENOENT');
  });

  it('--migrate converts a TF1 file first and checks the result', () => {
    const r = run(['--migrate', '--json', 'content/migrate-corpus/linear_regression_loop.py']);
    const out = JSON.parse(r.stdout) as { findings: unknown[]; parseErrors: unknown[] };
    expect(out.parseErrors).toEqual([]);
    expect(r.status).toBe(out.findings.length > 0 ? 1 : 0);
  });
});
