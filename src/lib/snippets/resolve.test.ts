import { describe, expect, it } from 'vitest';
import { resolveSnippetTabs, SnippetError, TS_TAB_LABEL, tsVariantLabel } from './resolve.ts';

const files = new Map([
  ['a/step.tf1.py', 'tf1'],
  ['a/step.tf2.py', 'tf2'],
  ['a/step.torch.py', 'torch'],
  ['a/step.ts', 'ts'],
  ['a/other.tf1.py', 'x'],
]);

describe('resolveSnippetTabs', () => {
  it('returns one tab per declared framework, in order, with the runnable TS last', () => {
    const tabs = resolveSnippetTabs('a/step', files, ['pytorch', 'tf1', 'tf2'], 'ch');
    expect(tabs.map((t) => t.label)).toEqual(['PyTorch', 'TF 1.x', 'TF 2 / Keras', TS_TAB_LABEL]);
    expect(tabs[0]?.code).toBe('torch');
    expect(tabs[3]?.lang).toBe('ts');
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
    const withVariants = new Map([...files, ['a/step.module.ts', 'm'], ['a/step.graph.ts', 'g']]);
    const tabs = resolveSnippetTabs('a/step', withVariants, ['tf1', 'tf2', 'pytorch'], 'ch').filter((t) => t.lang === 'ts');
    expect(tabs.map((t) => [t.label, t.file, t.code])).toEqual([
      [TS_TAB_LABEL, 'a/step.ts', 'ts'],
      [tsVariantLabel('graph'), 'a/step.graph.ts', 'g'],
      [tsVariantLabel('module'), 'a/step.module.ts', 'm'],
    ]);
    expect(() => resolveSnippetTabs('a/step', new Map([...files, ['a/step.Bad_Name.ts', '']]), ['tf1', 'tf2', 'pytorch'], 'ch')).toThrow(SnippetError);
  });
  it('fails on an unknown suffix and on a missing snippet', () => {
    const odd = new Map([...files, ['a/step.keras.py', '']]);
    expect(() => resolveSnippetTabs('a/step', odd, ['tf1'], 'ch')).toThrow(SnippetError);
    expect(() => resolveSnippetTabs('a/nothing', files, ['tf1'], 'ch')).toThrow(/no files/);
  });
});
