import { describe, expect, it } from 'vitest';
import { resolveSnippetTabs, SnippetError, snippetFiles, TS_TAB_LABEL, tsVariantLabel } from './resolve.ts';

const python = new Map([
  ['a/step.tf1.py', 'tf1'],
  ['a/step.tf2.py', 'tf2'],
  ['a/step.torch.py', 'torch'],
  ['a/other.tf1.py', 'x'],
]);
const files = snippetFiles(python, new Map([['src/lib/experiments/e/shown/step.ts', 'ts']]));
const withShown = (...shown: [string, string][]) =>
  snippetFiles(python, new Map([['src/lib/experiments/e/shown/step.ts', 'ts'], ...shown]));

describe('resolveSnippetTabs', () => {
  it('returns one tab per declared framework, in order, with the runnable TS last', () => {
    const tabs = resolveSnippetTabs('a/step', files, ['pytorch', 'tf1', 'tf2'], 'ch');
    expect(tabs.map((t) => t.label)).toEqual(['PyTorch', 'TF 1.x', 'TF 2 / Keras', TS_TAB_LABEL]);
    expect(tabs[0]?.code).toBe('torch');
    expect(tabs[3]?.lang).toBe('ts');
    expect(tabs.map((t) => t.file)).toEqual([
      'a/step.torch.py',
      'a/step.tf1.py',
      'a/step.tf2.py',
      'src/lib/experiments/e/shown/step.ts',
    ]);
  });
  it('fails when a declared framework has no snippet file', () => {
    expect(() => resolveSnippetTabs('a/step', files, ['tf1', 'tf2', 'pytorch', 'jax'], 'ch')).toThrow(
      /declares JAX but content\/snippets\/a\/step\.jax\.py is missing/,
    );
  });
  it('fails on a file for a framework the chapter does not declare', () => {
    expect(() => resolveSnippetTabs('a/step', files, ['tf1', 'tf2'], 'ch')).toThrow(/\.torch\.py for a framework/);
  });
  it('gives each TypeScript variant (<name>.<variant>.ts) its own tab, sorted, after the Python', () => {
    const withVariants = withShown(
      ['src/lib/experiments/e/shown/step.module.ts', 'm'],
      ['src/lib/experiments/e/shown/step.graph.ts', 'g'],
    );
    const tabs = resolveSnippetTabs('a/step', withVariants, ['tf1', 'tf2', 'pytorch'], 'ch').filter(
      (t) => t.lang === 'ts',
    );
    expect(tabs.map((t) => [t.label, t.file, t.code])).toEqual([
      [TS_TAB_LABEL, 'src/lib/experiments/e/shown/step.ts', 'ts'],
      [tsVariantLabel('graph'), 'src/lib/experiments/e/shown/step.graph.ts', 'g'],
      [tsVariantLabel('module'), 'src/lib/experiments/e/shown/step.module.ts', 'm'],
    ]);
    const bad = withShown(['src/lib/experiments/e/shown/step.Bad_Name.ts', '']);
    expect(() => resolveSnippetTabs('a/step', bad, ['tf1', 'tf2', 'pytorch'], 'ch')).toThrow(SnippetError);
  });
  it('fails on an unknown suffix and on a missing snippet', () => {
    const odd = snippetFiles(new Map([...python, ['a/step.keras.py', '']]), new Map());
    expect(() => resolveSnippetTabs('a/step', odd, ['tf1'], 'ch')).toThrow(SnippetError);
    expect(() => resolveSnippetTabs('a/nothing', files, ['tf1'], 'ch')).toThrow(/no files/);
  });
});

describe('snippetFiles', () => {
  it('files a shown TypeScript file under the one area that has a snippet of its name, titled by its real path', () => {
    const joined = snippetFiles(python, new Map([['src/lib/experiments/runs-it/shown/other.graph.ts', 'g']]));
    expect(joined.get('a/other.graph.ts')).toEqual({
      code: 'g',
      title: 'src/lib/experiments/runs-it/shown/other.graph.ts',
    });
    expect(joined.get('a/other.tf1.py')).toEqual({ code: 'x', title: 'a/other.tf1.py' });
  });
  it('fails on a shown file whose name no snippet has, or that two areas share', () => {
    expect(() => snippetFiles(python, new Map([['src/lib/experiments/e/shown/lonely.ts', '']]))).toThrow(
      /no snippet named "lonely"/,
    );
    const twoAreas = new Map([...python, ['b/step.tf1.py', '']]);
    expect(() => snippetFiles(twoAreas, new Map([['src/lib/experiments/e/shown/step.ts', '']]))).toThrow(
      /several areas \(a, b\)/,
    );
  });
  it('fails when two experiments show the same file, or TypeScript is left in content/snippets', () => {
    const twice = new Map([
      ['src/lib/experiments/e/shown/step.ts', ''],
      ['src/lib/experiments/f/shown/step.ts', ''],
    ]);
    expect(() => snippetFiles(python, twice)).toThrow(/already provides a\/step\.ts/);
    expect(() => snippetFiles(new Map([...python, ['a/step.ts', '']]), new Map())).toThrow(
      /runnable TypeScript lives with the experiment/,
    );
    expect(() => snippetFiles(python, new Map([['src/lib/experiments/e/step.ts', '']]))).toThrow(
      /must be src\/lib\/experiments/,
    );
  });
});
