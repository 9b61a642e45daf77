import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { snippetFiles } from '../../src/lib/snippets/resolve.ts';
import { findPython } from '../support/python.ts';

/**
 * The code shown in the tabs is checked like code: every Python snippet must parse, every
 * PyTorch snippet runs wherever a Python that can `import torch` exists (Debian: python3-torch),
 * and every JAX snippet wherever a Python can import the packages it imports (jax, flax, optax:
 * not packaged by Debian, so these run on machines that have them and are skipped, by name, here).
 */
const ROOT = 'content/snippets';
const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py'));
const torchFiles = files.filter((f) => f.endsWith('.torch.py'));
const jaxFiles = files.filter((f) => f.endsWith('.jax.py'));
const python = findPython();

it('has snippets to check', () => {
  expect(files.length).toBeGreaterThan(0);
});

/** The runnable TypeScript tabs live with their experiments; each must join one snippet here. */
const EXPERIMENTS = 'src/lib/experiments';
const shownFiles = readdirSync(EXPERIMENTS, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(sep).join('/'))
  .filter((f) => /^[\w-]+\/shown\/[^/]+\.ts$/.test(f));

it('files every shown TypeScript file under exactly one snippet', () => {
  expect(shownFiles.length).toBeGreaterThan(0);
  const joined = snippetFiles(
    new Map(
      readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(py|ts)$/.test(f))
        .map((f) => [f.split(sep).join('/'), '']),
    ),
    new Map(shownFiles.map((f) => [`${EXPERIMENTS}/${f}`, ''])),
  );
  const shownTitles = [...joined.values()].map((f) => f.title).filter((t) => t.startsWith(EXPERIMENTS));
  expect(shownTitles.sort()).toEqual(shownFiles.map((f) => `${EXPERIMENTS}/${f}`).sort());
});

describe.each(files)('%s', (file) => {
  const code = readFileSync(join(ROOT, file), 'utf8');

  it('parses with no error node (Lezer Python grammar)', () => {
    const errors: number[] = [];
    parser.parse(code).iterate({
      enter: (node) => {
        if (node.type.isError) errors.push(code.slice(0, node.from).split('\n').length);
      },
    });
    expect(errors, `syntax errors at lines ${errors.join(', ')}`).toEqual([]);
  });

  it.skipIf(!python)(`compiles with CPython's own parser (${python ?? 'no python3 found'})`, () => {
    const result = spawnSync(python!, ['-c', 'import ast,sys; ast.parse(sys.stdin.read(), sys.argv[1])', file], {
      input: code,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('keeps lines within 78 characters, so tabs read side by side', () => {
    const long = code.split('\n').flatMap((line, i) => (line.length > 78 ? [i + 1] : []));
    expect(long, `lines over 78 characters: ${long.join(', ')}`).toEqual([]);
  });
});

/** The top-level packages a snippet imports (`import a.b`, `from a import b`), in file order. */
const importedPackages = (code: string) => [
  ...new Set([...code.matchAll(/^(?:import|from)\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]!)),
];

/**
 * Snippets that run, by framework: each runs under the first Python that can import every package
 * it imports, and is skipped, naming them, where none can. The probe is made once per package set.
 */
const RUNNERS = [
  { files: torchFiles, framework: 'PyTorch', install: 'apt-get install python3-torch', timeoutMs: 60_000 },
  { files: jaxFiles, framework: 'JAX', install: 'pip install jax flax optax', timeoutMs: 120_000 },
];
const pythonFor = new Map<string, string | undefined>();
const pythonThatImports = (packages: string[]) => {
  const needs = packages.join(', ');
  if (!pythonFor.has(needs)) pythonFor.set(needs, findPython({ needs }));
  return pythonFor.get(needs);
};

describe.each(RUNNERS)('$framework snippets', ({ files: runnable, framework, install, timeoutMs }) => {
  describe.each(runnable)('%s', (file) => {
    const packages = importedPackages(readFileSync(join(ROOT, file), 'utf8'));
    const runner = pythonThatImports(packages);
    it.skipIf(!runner)(
      runner
        ? `runs under ${framework} (${runner})`
        : `runs under ${framework} (skipped: no Python here can import ${packages.join(', ')}; ${install})`,
      () => {
        const out = execFileSync(runner!, [join(ROOT, file)], { encoding: 'utf8', timeout: timeoutMs });
        expect(out.trim().length).toBeGreaterThan(0);
      },
      timeoutMs + 10_000,
    );
  });
});
