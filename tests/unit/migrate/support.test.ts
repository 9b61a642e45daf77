import { describe, expect, it } from 'vitest';
import { diffLines, leftovers } from '../../../src/lib/migrate/index.ts';
import { changedLineCount } from '../../../src/lib/migrate/diff.ts';
import { tidyBlankLines } from '../../../src/lib/migrate/tidy.ts';

describe('line diff', () => {
  it('finds the shortest edit script, with line numbers on each side', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'added', text: 'x', newLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 3 },
      { kind: 'added', text: 'd', newLine: 4 },
    ]);
    expect(changedLineCount('a\nb\nc', 'a\nx\nc\nd')).toBe(3);
    expect(changedLineCount('same\n', 'same\n')).toBe(0);
  });
});

describe('blank-line tidying after Level 2', () => {
  it('cuts runs of blank lines to two, but never inside a triple-quoted string', () => {
    const code = 'a = 1\n\n\n\n\nb = 2\ns = """x\n\n\n\n\ny"""\n# \'"""\' in a comment\nc = "\'\'\'"\n\n\n\n\nd = 3\n';
    expect(tidyBlankLines(code)).toBe(
      'a = 1\n\n\nb = 2\ns = """x\n\n\n\n\ny"""\n# \'"""\' in a comment\nc = "\'\'\'"\n\n\nd = 3\n',
    );
  });
});

describe('leftover TF1 plumbing', () => {
  it('counts identifiers, not words in strings or comments', () => {
    expect(
      leftovers(
        '"""uses a placeholder and a Session"""\n# feed_dict\nx = tf.compat.v1.placeholder(tf.float32)\ns = tf.Session()\ns.run(x, ' +
          'feed_dict={})\n',
      ),
    ).toEqual({ session: 1, placeholder: 1, feedDict: 1 });
  });
});

describe('notes beside their lines', () => {
  it('puts each report entry on the diff row of the input line it is about, including removed lines', async () => {
    const { annotate, migrate } = await import('../../../src/lib/migrate/index.ts');
    const input =
      'import tensorflow as tf\nx = tf.placeholder(tf.float32)\ny = x + 1\nwith tf.Session() as s:\n    print(s.run(y, {x: 1.0}))\n';
    const result = migrate(input);
    const annotated = annotate(input, result);
    const placeholderRow = annotated.lines.find((l) => l.oldLine === 2)!;
    expect(placeholderRow.kind).toBe('removed');
    expect(placeholderRow.notes.map((n) => n.rule)).toContain('placeholder-to-argument');
    const runRow = annotated.lines.find((l) => l.oldLine === 5)!;
    expect(runRow.notes.map((n) => n.rule)).toContain('session-run-to-call');
    // Every entry is shown exactly once.
    expect(annotated.lines.flatMap((l) => l.notes).length + annotated.unplaced.length).toBe(result.report.length);
    expect(annotated.code).toBe(result.code);
  });
});
