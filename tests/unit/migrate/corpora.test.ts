import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCorpus, readThirdParty } from '../../../benchmarks/migrate-corpus-file.ts';
import { codeOnly, detectIdioms, judgeResult, summarize } from '../../../src/lib/migrate/conversion.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';
import { findPython } from '../../support/python.ts';

/**
 * Both corpora through Level 2 and the TF2 API check: whatever the converter cannot do it must leave
 * with a reason, never write a name or keyword TensorFlow 2.16 lacks, never break the syntax, never
 * crash; and a file it calls fully converted must really be free of tf.compat.v1. How many files are
 * fully converted is a figure (bench:migrate-corpus, the chapter), not a test, except for our own
 * corpus, which the rules are held to.
 */
const thirdParty = readThirdParty();
const corpora = [
  { corpus: 'third-party', programs: thirdParty.programs },
  { corpus: 'ours', programs: readCorpus() },
];
// One engine run per file: the verdict is judged on the same result the assertions print.
const judged = corpora.flatMap(({ corpus, programs }) =>
  programs.map((p) => {
    const result = migrate(p.source);
    return { corpus, ...p, code: result.code, verdict: judgeResult(p.name, p.source, result) };
  }),
);
const python = findPython();

describe('both corpora through Level 2 and the TF2 API check', () => {
  it('has every third-party file, each matching its pinned hash, and our own programs', () => {
    expect(
      thirdParty.missing,
      'a committed third-party file is missing or changed: restore it from git (node benchmarks/migrate-corpus-fetch.ts re-fetches it)',
    ).toEqual([]);
    expect(thirdParty.programs.length).toBeGreaterThanOrEqual(30);
    expect(corpora[1]!.programs.length).toBeGreaterThanOrEqual(10);
  });

  for (const { corpus, name, code, verdict } of judged) {
    it(`${corpus}/${name}: parses, no API-check violation written by the conversion, no internal error`, () => {
      expect(verdict.parses, code).toBe(true);
      expect(verdict.apiViolations.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      expect(verdict.internalErrors).toEqual([]);
      if (verdict.outcome === 'fully') expect(codeOnly(code)).not.toMatch(/compat\.v1/);
      else
        expect(
          verdict.spots.length + verdict.reasons.length,
          'a file not fully converted says where and why',
        ).toBeGreaterThan(0);
    });
  }

  it('our corpus is fully converted, every file', () => {
    expect(
      judged.filter((j) => j.corpus === 'ours' && j.verdict.outcome !== 'fully').map((j) => [j.name, j.verdict.spots]),
    ).toEqual([]);
  });

  it.skipIf(!python)(
    `every output compiles with CPython's parser when its input does (${python ?? 'skipped: no python3'})`,
    () => {
      const script = [
        'import ast, json, sys',
        'for name, source, code in json.load(sys.stdin):',
        '    try:',
        '        ast.parse(source)',
        '    except SyntaxError:',
        '        continue',
        '    try:',
        '        ast.parse(code, name)',
        '    except SyntaxError as e:',
        '        print(f"{name}:{e.lineno}:{e.offset} {e.msg}")',
      ].join('\n');
      const run = spawnSync(python!, ['-c', script], {
        input: JSON.stringify(judged.map((j) => [j.name, j.source, j.code])),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe('');
    },
  );
});

describe('judging a conversion', () => {
  const source = 'import tensorflow as tf\nx = tf.contrib.layers.flatten(y)\n';
  const result = (code: string) => ({ ...migrate(source), code, level1Code: code });

  it('tells a name TF2 lacks that the conversion wrote from one kept from the input', () => {
    const verdict = judgeResult(
      't.py',
      source,
      result('import tensorflow as tf\nx = tf.contrib.layers.flatten(tf.nn.reluu(y))\n'),
    );
    expect(verdict.apiViolations.map((f) => f.name)).toEqual(['tf.nn.reluu']);
    expect(verdict.carriedApiFindings.map((f) => f.name)).toEqual(['tf.contrib.layers.flatten']);
    expect(verdict.outcome).toBe('refused');
  });

  it('counts a keyword TF2 does not take, written by the conversion, as a violation', () => {
    const verdict = judgeResult(
      't.py',
      source,
      result('import tensorflow as tf\nx = tf.nn.dropout(y, keep_prob=0.5)\n'),
    );
    expect(verdict.apiViolations.map((f) => f.keyword)).toEqual(['keep_prob']);
  });

  it('is fully converted only with nothing of TF1 left, and reports each spot by line', () => {
    const clean = 'import tensorflow as tf\nx = tf.keras.layers.Flatten()(y)\n';
    expect(judgeResult('t.py', source, { ...result(clean), level1Code: source }).outcome).toBe('fully');
    const left = judgeResult('t.py', source, {
      ...result(
        'import tensorflow as tf\nx = tf.keras.layers.Flatten()(y)\nwith tf.compat.v1.Session() as s:\n    s.run(x, feed_dict={})\n',
      ),
      level1Code: source,
    });
    expect(left.outcome).toBe('partly');
    expect(left.spots.map((s) => s.line)).toEqual([3, 3, 4]);
    const broken = judgeResult('t.py', source, { ...result('x = (\n'), level1Code: source });
    expect(broken.parses).toBe(false);
  });

  it('keeps a file with tf.compat.v1 in a string from fully converted, and says where', () => {
    const named = judgeResult('t.py', source, {
      ...result("import tensorflow as tf\nname = 'tf.compat.v1.losses'\nx = tf.keras.layers.Flatten()(y)\n"),
      level1Code: source,
    });
    expect(named.outcome).toBe('partly');
    expect(named.spots).toEqual([{ line: 2, reason: '`tf.compat.v1` is named in a string' }]);
  });

  it('reports a comment or docstring naming tf.compat.v1 as text to update, not as TF1 code', () => {
    const text = [
      'import tensorflow as tf',
      '"""Built with tf.compat.v1 once."""',
      '# uses tf.compat.v1.losses here',
      'x = tf.keras.layers.Flatten()(y)',
      '',
    ].join('\n');
    const commented = judgeResult('t.py', source, { ...result(text), level1Code: source });
    expect(commented.outcome).toBe('fully');
    expect(commented.spots).toEqual([]);
    expect(commented.staleMentions.map((s) => s.line)).toEqual([2, 3]);
  });

  it('summarizes per idiom: files using it, and how many of them were fully converted', () => {
    const s = summarize([
      { ...judgeResult('a.py', source, result(source)), idioms: ['saver'], outcome: 'fully' },
      { ...judgeResult('b.py', source, result(source)), idioms: ['saver', 'estimator'] },
    ]);
    expect(s.idioms.find((i) => i.id === 'saver')).toMatchObject({ files: 2, fully: 1 });
    expect(s.idioms.find((i) => i.id === 'estimator')).toMatchObject({ files: 1, fully: 0 });
    expect([s.fully, s.refused, s.carriedApi]).toEqual([1, 1, 2]);
  });
});

describe('idiom detection', () => {
  it('finds idioms in code, not in comments or docstrings', () => {
    const code = [
      '"""Uses a tf.train.Saver() and tf.estimator.Estimator."""',
      '# saver = tf.train.Saver()',
      'saver = tf.train.Saver(var_list=g_vars)',
      "with tf.device('/gpu:%d' % i):",
      '    out, _ = tf.nn.bidirectional_dynamic_rnn(fw, bw, x)',
      'sess = tf.Session(config=tf.ConfigProto())',
      'sess.run({"loss": loss})',
      'batch = it.get_next()',
    ].join('\n');
    expect(detectIdioms(code).sort()).toEqual(
      ['dict-fetches', 'gan-var-list', 'iterator-get-next', 'multi-gpu', 'rnn', 'saver', 'session-config'].sort(),
    );
    expect(detectIdioms('# tf.train.Saver()\nx = 1\n')).toEqual([]);
  });
});
