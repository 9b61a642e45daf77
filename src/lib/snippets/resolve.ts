import { FRAMEWORKS, type FrameworkId } from '../../schemas/areas.ts';

/**
 * Which files make up a snippet's tabs. A snippet `choosing/train-step` is the set of files
 * `content/snippets/choosing/train-step.<ext>`, one per framework (`tf1.py`, `tf2.py`, `torch.py`,
 * `jax.py`), plus optional TypeScript: `ts`, or several variants `<variant>.ts` (e.g.
 * `classifier.keras.ts`), the code that the page's island runs, one tab each. That TypeScript lives
 * with the experiment that runs it, in `src/lib/experiments/<id>/shown/<name>[.<variant>].ts`, so
 * the experiments never import content; `snippetFiles` joins the two places by the snippet's name.
 * Like d2l's framework tabs, a chapter that declares a framework must have its snippet, and a file
 * with an unknown suffix is an error, not a silently dropped tab.
 */
export interface SnippetTab {
  /** Tab label; one fixed label per framework so Starlight's syncKey keeps the reader's pick. */
  label: string;
  /** Code language for highlighting. */
  lang: 'python' | 'ts';
  /** Shown as the code block's title: the path relative to content/snippets for Python, the path
   *  from the repository root for a shown TypeScript file. */
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

/** One file of a snippet: its text and the title its code block shows. */
export interface SnippetFile {
  code: string;
  title: string;
}

const CONTENT_FILE = /^([\w-]+)\/([\w-]+)\.[\w.-]+$/;
const SHOWN_FILE = /^src\/lib\/experiments\/[\w-]+\/shown\/(([\w-]+)\.(?:[\w.-]+\.)?ts)$/;

/**
 * The files of every snippet, keyed `<area>/<name>.<ext>` as `resolveSnippetTabs` reads them.
 * A shown TypeScript file belongs to the one area whose content/snippets has files of its name;
 * a name found in no area or in several is an error, so a TypeScript tab cannot land on the wrong
 * chapter or vanish without a word.
 * @param content  paths relative to content/snippets -> file text
 * @param shown    paths from the repository root (`src/lib/experiments/<id>/shown/...`) -> file text
 */
export function snippetFiles(
  content: ReadonlyMap<string, string>,
  shown: ReadonlyMap<string, string>,
): Map<string, SnippetFile> {
  const files = new Map<string, SnippetFile>();
  const areasByName = new Map<string, Set<string>>();
  for (const [path, code] of content) {
    const match = CONTENT_FILE.exec(path);
    if (!match)
      throw new SnippetError(`content/snippets/${path}: snippet files must be content/snippets/<area>/<name>.<ext>`);
    if (path.endsWith('.ts'))
      throw new SnippetError(
        `content/snippets/${path}: runnable TypeScript lives with the experiment that runs it, in src/lib/experiments/<id>/shown/`,
      );
    const [area, name] = [match[1]!, match[2]!];
    areasByName.set(name, (areasByName.get(name) ?? new Set()).add(area));
    files.set(path, { code, title: path });
  }
  for (const [path, code] of shown) {
    const match = SHOWN_FILE.exec(path);
    if (!match)
      throw new SnippetError(`${path}: a shown file must be src/lib/experiments/<id>/shown/<name>[.<variant>].ts`);
    const [file, name] = [match[1]!, match[2]!];
    const areas = [...(areasByName.get(name) ?? [])];
    if (areas.length !== 1)
      throw new SnippetError(
        areas.length === 0
          ? `${path}: no snippet named "${name}" in content/snippets/ to show it with`
          : `${path}: snippets named "${name}" exist in several areas (${areas.join(', ')}), so which one it belongs to is unclear`,
      );
    const key = `${areas[0]}/${file}`;
    const taken = files.get(key);
    if (taken) throw new SnippetError(`${path}: ${taken.title} already provides ${key}`);
    files.set(key, { code, title: path });
  }
  return files;
}

/**
 * @param snippet  e.g. `choosing/train-step`
 * @param files    the snippet files, from `snippetFiles`
 * @param frameworks  the chapter's declared frameworks, in tab order
 * @param where   the chapter, for error messages
 */
export function resolveSnippetTabs(
  snippet: string,
  files: ReadonlyMap<string, SnippetFile>,
  frameworks: readonly FrameworkId[],
  where: string,
): SnippetTab[] {
  if (!/^[\w-]+\/[\w-]+$/.test(snippet))
    throw new SnippetError(`${where}: snippet "${snippet}" must look like "area/name"`);
  const found = new Map<string, SnippetFile>();
  for (const [path, file] of files) {
    if (!path.startsWith(`${snippet}.`)) continue;
    const ext = path.slice(snippet.length + 1);
    if (ext !== 'ts' && !EXT_TO_FRAMEWORK.has(ext) && !TS_VARIANT.test(ext))
      throw new SnippetError(
        `${where}: snippet file ${path} has an unknown suffix ".${ext}" (expected ${[...EXT_TO_FRAMEWORK.keys(), 'ts'].join(', ')})`,
      );
    found.set(ext, file);
  }
  if (found.size === 0)
    throw new SnippetError(
      `${where}: no files for snippet "${snippet}" in content/snippets/ or src/lib/experiments/*/shown/`,
    );
  if (frameworks.length === 0)
    throw new SnippetError(`${where}: uses snippet "${snippet}" but its frontmatter lists no frameworks`);

  const tabs: SnippetTab[] = frameworks.map((id) => {
    const { label, snippetExt } = FRAMEWORKS[id];
    const file = found.get(snippetExt);
    if (file === undefined)
      throw new SnippetError(`${where}: declares ${label} but content/snippets/${snippet}.${snippetExt} is missing`);
    found.delete(snippetExt);
    return { label, lang: 'python', file: file.title, code: file.code };
  });
  const ts = found.get('ts');
  found.delete('ts');
  const variants = [...found.keys()].filter((ext) => TS_VARIANT.test(ext)).sort();
  const variantTabs: SnippetTab[] = variants.map((ext) => {
    const file = found.get(ext)!;
    found.delete(ext);
    return { label: tsVariantLabel(ext.slice(0, -3)), lang: 'ts', file: file.title, code: file.code };
  });
  const undeclared = [...found.keys()];
  if (undeclared.length)
    throw new SnippetError(
      `${where}: snippet "${snippet}" has ${undeclared.map((e) => `.${e}`).join(', ')} for a framework its frontmatter does not list`,
    );
  if (ts !== undefined) tabs.push({ label: TS_TAB_LABEL, lang: 'ts', file: ts.title, code: ts.code });
  tabs.push(...variantTabs);
  return tabs;
}
