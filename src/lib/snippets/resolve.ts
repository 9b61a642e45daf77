import { FRAMEWORKS, type FrameworkId } from '../../schemas/areas.ts';

/**
 * Which files make up a snippet's tabs. A snippet `choosing/train-step` is the set of files
 * `content/snippets/choosing/train-step.<ext>`, one per framework (`tf1.py`, `tf2.py`, `torch.py`,
 * `jax.py`) plus optional TypeScript: `ts`, or several variants `<variant>.ts` (e.g.
 * `classifier.keras.ts`), the code that the page's island runs, one tab each.
 * Like d2l's framework tabs, a chapter that declares a framework must have its snippet, and a file
 * with an unknown suffix is an error, not a silently dropped tab.
 */
export interface SnippetTab {
  /** Tab label; one fixed label per framework so Starlight's syncKey keeps the reader's pick. */
  label: string;
  /** Code language for highlighting. */
  lang: 'python' | 'ts';
  /** Path relative to content/snippets, shown as the code block's title. */
  file: string;
  code: string;
}

export const TS_TAB_LABEL = 'TF.js (runs here)';
/** Label of a TypeScript variant's tab, e.g. `TF.js: keras (runs here)`. */
export const tsVariantLabel = (variant: string) => `TF.js: ${variant} (runs here)`;
const TS_VARIANT = /^([a-z0-9-]+)\.ts$/;

const EXT_TO_FRAMEWORK = new Map<string, FrameworkId>(
  (Object.entries(FRAMEWORKS) as [FrameworkId, (typeof FRAMEWORKS)[FrameworkId]][]).map(([id, f]) => [
    f.snippetExt,
    id,
  ]),
);

export class SnippetError extends Error {}

/**
 * @param snippet  e.g. `choosing/train-step`
 * @param files    map of paths relative to content/snippets -> file text
 * @param frameworks  the chapter's declared frameworks, in tab order
 * @param where   the chapter, for error messages
 */
export function resolveSnippetTabs(
  snippet: string,
  files: ReadonlyMap<string, string>,
  frameworks: readonly FrameworkId[],
  where: string,
): SnippetTab[] {
  if (!/^[\w-]+\/[\w-]+$/.test(snippet))
    throw new SnippetError(`${where}: snippet "${snippet}" must look like "area/name"`);
  const found = new Map<string, string>();
  for (const [path, code] of files) {
    if (!path.startsWith(`${snippet}.`)) continue;
    const ext = path.slice(snippet.length + 1);
    if (ext !== 'ts' && !EXT_TO_FRAMEWORK.has(ext) && !TS_VARIANT.test(ext))
      throw new SnippetError(
        `${where}: snippet file ${path} has an unknown suffix ".${ext}" (expected ${[...EXT_TO_FRAMEWORK.keys(), 'ts'].join(', ')})`,
      );
    found.set(ext, code);
  }
  if (found.size === 0) throw new SnippetError(`${where}: no files for snippet "${snippet}" in content/snippets/`);
  if (frameworks.length === 0)
    throw new SnippetError(`${where}: uses snippet "${snippet}" but its frontmatter lists no frameworks`);

  const tabs: SnippetTab[] = frameworks.map((id) => {
    const { label, snippetExt } = FRAMEWORKS[id];
    const code = found.get(snippetExt);
    if (code === undefined)
      throw new SnippetError(`${where}: declares ${label} but content/snippets/${snippet}.${snippetExt} is missing`);
    found.delete(snippetExt);
    return { label, lang: 'python', file: `${snippet}.${snippetExt}`, code };
  });
  const ts = found.get('ts');
  found.delete('ts');
  const variants = [...found.keys()].filter((ext) => TS_VARIANT.test(ext)).sort();
  const variantTabs: SnippetTab[] = variants.map((ext) => {
    const code = found.get(ext)!;
    found.delete(ext);
    return { label: tsVariantLabel(ext.slice(0, -3)), lang: 'ts', file: `${snippet}.${ext}`, code };
  });
  const undeclared = [...found.keys()];
  if (undeclared.length)
    throw new SnippetError(
      `${where}: snippet "${snippet}" has ${undeclared.map((e) => `.${e}`).join(', ')} for a framework its frontmatter does not list`,
    );
  if (ts !== undefined) tabs.push({ label: TS_TAB_LABEL, lang: 'ts', file: `${snippet}.ts`, code: ts });
  tabs.push(...variantTabs);
  return tabs;
}
