import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** scripts/migrate.ts, run as the user runs it: a child process, FILE or stdin in, code and report out. */
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['scripts/migrate.ts', ...args], { input, encoding: 'utf8', timeout: 30_000 });

const TF1 =
  'import tensorflow as tf\nx = tf.placeholder(tf.float32, [None])\ny = x * 2.0\nwith tf.Session() as sess:\n    print(sess.run(y, ' +
  'feed_dict={x: [1.0]}))\n';

describe('npm run migrate (scripts/migrate.ts)', () => {
  it('converts a FILE: TF2 code on stdout, the report with line:col on stderr, exit 0', () => {
    const r = run(['content/migrate-corpus/mnist_softmax.py']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('def train_step(x, y_):');
    expect(r.stdout).not.toMatch(/tf\.(compat\.v1\.)?(Interactive)?Session\(|feed_dict=/);
    expect(r.stderr).toMatch(/^content\/migrate-corpus\/mnist_softmax\.py:\d+:\d+ info placeholder-to-argument: /m);
  });

  it('reads stdin when no FILE is given', () => {
    const r = run([], TF1);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('print(y(x=[1.0]).numpy())');
    expect(r.stderr).toContain('<stdin>:5:11 info session-run-to-call');
  });

  it('--json prints {code, report} to stdout and nothing else', () => {
    const r = run(['--json'], TF1);
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as {
      code: string;
      report: { line: number; col: number; severity: string; rule: string; message: string }[];
    };
    expect(Object.keys(parsed).sort()).toEqual(['code', 'report']);
    expect(parsed.code).toContain('def y(x):');
    expect(parsed.report.find((e) => e.rule === 'session-run-to-call')).toMatchObject({
      line: 5,
      col: 11,
      severity: 'info',
    });
    expect(r.stderr).toBe('');
  });

  it('--level1 stops at the tf_upgrade_v2-level rewrites', () => {
    const r = run(['--level1'], TF1);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tf.compat.v1.Session()');
  });

  it('exits 1 on errors in the input, still printing what it could convert and where the error is', () => {
    const r = run(['--json'], `${TF1}print "done"\n`);
    expect(r.status).toBe(1);
    const { code, report } = JSON.parse(r.stdout) as {
      code: string;
      report: { line: number; col: number; rule: string }[];
    };
    expect(report.find((e) => e.rule === 'syntax-error')).toMatchObject({ line: 6, col: 1 });
    expect(code).toContain('def y(x):');
  });

  // Three CLI processes in a row: seconds each on a busy machine.
  it('exits 2 with a usage message on bad usage or an unreadable file', { timeout: 60_000 }, () => {
    for (const args of [['--frobnicate'], ['a.py', 'b.py'], ['no/such/file.py']]) {
      const r = run(args, '');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^migrate: .+\nusage: npm run -s migrate -- \[--json\]/);
    }
  });
});
