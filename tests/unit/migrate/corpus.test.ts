import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leftovers, migrate, parseSource, programSignature } from '../../../src/lib/migrate/index.ts';
import { findPython } from '../../support/python.ts';

/**
 * The corpus of TF1 programs (content/migrate-corpus, see its README): each must convert to Python
 * that parses, with no Session, placeholder or feed_dict left, and computing the same things. TensorFlow
 * does not install here, so "the same things" is checked structurally (programSignature), plus: every
 * placeholder became a function parameter, and nothing was left unconverted.
 */
const dir = 'content/migrate-corpus';
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort()
  .map((name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    return { name, source, result: migrate(source) };
  });
const python = findPython();

describe('migration corpus', () => {
  it('has at least 10 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, source, result } of programs) {
    describe(name, () => {
      it('is valid TF1-era Python 3 to begin with', () => {
        expect(parseSource(source).parseErrors).toEqual([]);
      });

      it('converts fully: no Session, placeholder or feed_dict left, nothing reported as not converted, no errors', () => {
        expect(leftovers(source).placeholder + leftovers(source).session).toBeGreaterThan(0);
        expect(leftovers(result.code)).toEqual({ session: 0, placeholder: 0, feedDict: 0 });
        expect(result.report.filter((e) => e.rule === 'not-converted' || e.severity === 'error')).toEqual([]);
      });

      it("output parses (Lezer's error nodes)", () => {
        expect(parseSource(result.code).parseErrors).toEqual([]);
      });

      it('computes the same set of ops, layers, optimizers and summaries as the input', () => {
        const before = programSignature(result.level1Code);
        const after = programSignature(result.code);
        expect([...after].sort()).toEqual([...before].sort());
        // Nothing of the original program is lost either (Level 1 may add, e.g. tf.stop_gradient).
        for (const op of programSignature(source)) expect(after).toContain(op);
        expect(before.size).toBeGreaterThan(3);
      });

      it('turns every placeholder into a parameter of a function', () => {
        const placeholders = [...source.matchAll(/^\s*(\w+) = tf\.placeholder(?:_with_default)?\(/gm)].map(
          (m) => m[1]!,
        );
        const params = new Set(
          [...result.code.matchAll(/^\s*def \w+\(([^)]*)\):/gm)].flatMap((m) =>
            m[1]!.split(',').map((p) => p.trim().replace(/=.*/, '')),
          ),
        );
        for (const p of placeholders) expect(params, `placeholder ${p}`).toContain(p);
      });
    });
  }

  it.skipIf(!python)(
    `every output compiles with CPython's own parser (${python ?? 'skipped: no python3 found, only Lezer checked the outputs'})`,
    () => {
      const script =
        'import ast, json, sys\nfor name, code in json.load(sys.stdin):\n    try:\n        ast.parse(code, name)\n    except ' +
        'SyntaxError as e:\n        print(f"{name}:{e.lineno}:{e.offset} {e.msg}")';
      const run = spawnSync(python!, ['-c', script], {
        input: JSON.stringify(programs.map((p) => [p.name, p.result.code])),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe('');
    },
  );

  it('the structural check does catch a conversion that drops a layer or swaps an optimizer', () => {
    const cnn = programs.find((p) => p.name === 'cifar_layers_cnn.py')!;
    const dropped = cnn.result.code.replace(/^.*tf\.keras\.layers\.Flatten.*$/m, '');
    expect(programSignature(dropped)).not.toEqual(programSignature(cnn.result.level1Code));
    const swapped = cnn.result.code.replace('tf.keras.optimizers.Adam(', 'tf.keras.optimizers.SGD(');
    expect([...programSignature(swapped)].sort()).not.toEqual([...programSignature(cnn.result.level1Code)].sort());
  });
});

describe('mutated corpus programs (lines dropped, duplicated, cut short)', () => {
  it('never stop the engine, and Level 2 never leaves more syntax errors than the input had', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const lines = programs[Math.floor(random() * programs.length)]!.source.split('\n');
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * lines.length);
        const op = random();
        if (op < 0.4) lines.splice(at, 1);
        else if (op < 0.7) lines.splice(at, 0, lines[Math.floor(random() * lines.length)]!);
        else lines[at] = lines[at]!.slice(0, Math.floor(random() * lines[at]!.length));
      }
      const input = lines.join('\n');
      const out = migrate(input);
      expect(
        out.report.filter((e) => e.rule === 'internal-error'),
        input,
      ).toEqual([]);
      expect(parseSource(out.code).parseErrors.length, input).toBeLessThanOrEqual(out.parseErrors.length);
    }
  });
});
