import { childrenOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';

/** One `name [as alias]` of an import statement. */
export interface ImportedName {
  /** Dotted module name (for `from m import n`, this is `m.n`). */
  module: string;
  alias: string | null;
  /** Range of the dotted name as written (for `from` imports: the imported name). */
  from: number;
  to: number;
}

export interface ImportStatement {
  node: SyntaxNode;
  /** `from m import ...`: the module `m` and its range; null for plain `import`. */
  fromModule: { name: string; from: number; to: number } | null;
  names: ImportedName[];
}

/** Reads an ImportStatement into its names (relative imports keep their leading dots). */
export function readImport(source: string, node: SyntaxNode): ImportStatement {
  const parts = childrenOf(node).filter((n) => n.name !== '(' && n.name !== ')');
  let i = 0;
  let fromModule: ImportStatement['fromModule'] = null;
  if (parts[0]?.name === 'from') {
    i = 1;
    const start = parts[1]?.from ?? node.to;
    let end = start;
    let name = '';
    while (i < parts.length && parts[i]!.name !== 'import') {
      name += textOf(source, parts[i]!);
      end = parts[i]!.to;
      i++;
    }
    fromModule = { name, from: start, to: end };
  }
  i++; // `import`
  const names: ImportedName[] = [];
  while (i < parts.length) {
    const start = parts[i]!.from;
    let end = start;
    let name = '';
    while (
      i < parts.length &&
      (parts[i]!.name === 'VariableName' || parts[i]!.name === '.' || parts[i]!.name === '*')
    ) {
      name += textOf(source, parts[i]!);
      end = parts[i]!.to;
      i++;
    }
    let alias: string | null = null;
    if (parts[i]?.name === 'as' && parts[i + 1]) {
      alias = textOf(source, parts[i + 1]!);
      i += 2;
    }
    if (name) names.push({ module: fromModule ? `${fromModule.name}.${name}` : name, alias, from: start, to: end });
    if (parts[i]?.name === ',') i++;
    else if (!name) i++;
  }
  return { node, fromModule, names };
}

/** Every import statement in the file, at any depth. */
export function findImports(ctx: RuleContext): ImportStatement[] {
  const out: ImportStatement[] = [];
  ctx.parsed.tree.iterate({
    enter: (n) => {
      if (n.name === 'ImportStatement') {
        out.push(readImport(ctx.source, n.node));
        return false;
      }
      return undefined;
    },
  });
  return out;
}

/**
 * tf_upgrade_v2's pre-pass: renames assume `import tensorflow as tf`. An unaliased `import tensorflow`
 * is an error, and `tensorflow.compat.v1`/`v2` imported as `tf` means the code already targets a
 * versioned API, so symbols are left alone. Either way only module deprecations still apply.
 * Returns whether symbol conversion must be skipped.
 */
export function analyzeImports(ctx: RuleContext, imports: ImportStatement[]): boolean {
  let skip = false;
  for (const statement of imports) {
    for (const imported of statement.names) {
      const at = { from: statement.node.from, to: statement.node.to };
      if (imported.module === 'tensorflow' && imported.alias === null && !statement.fromModule) {
        ctx.report.error(
          1,
          'unaliased-import',
          at,
          'The tf_upgrade_v2 script detected an unaliased `import tensorflow`. The script can only run when importing with `import ' +
            'tensorflow as tf`.',
        );
        skip = true;
      }
      const version = /^tensorflow\.compat\.(v[12])$/.exec(imported.module)?.[1];
      if (version && imported.alias === 'tf') {
        ctx.report.info(
          1,
          'versioned-import',
          at,
          `Not upgrading symbols because \`tensorflow.compat.${version}\` was directly imported as \`tf\`.`,
        );
        skip = true;
      }
    }
  }
  return skip;
}

const NOT_RENAMED = [
  'tensorflow.contrib',
  'tensorflow.flags',
  'tensorflow.compat.v1',
  'tensorflow.compat.v2',
  'tensorflow.google',
];
const excluded = (module: string) => NOT_RENAMED.some((prefix) => module.startsWith(prefix));

/**
 * tf_upgrade_v2 `--import_rename`: imports of `tensorflow` go through `tensorflow.compat.v2` so the
 * upgraded file keeps running on TF 1.15. Parts that must stay (contrib, compat) are left as they are.
 */
export function renameImports(ctx: RuleContext, imports: ImportStatement[]): void {
  for (const statement of imports) {
    const { node, fromModule, names } = statement;
    const before = ctx.source.slice(node.from, node.to);
    if (fromModule) {
      if (fromModule.name.split('.')[0] !== 'tensorflow') continue;
      const moved = names.filter((n) => !excluded(n.module));
      if (moved.length === 0) continue;
      const newModule = `tensorflow.compat.v2${fromModule.name.slice('tensorflow'.length)}`;
      const kept = names.filter((n) => excluded(n.module));
      const list = (ns: ImportedName[]) =>
        ns.map((n) => (n.alias ? `${textOf(ctx.source, n)} as ${n.alias}` : textOf(ctx.source, n))).join(', ');
      let text: string;
      if (kept.length === 0) {
        ctx.buffer.replace(fromModule.from, fromModule.to, newModule);
        text = ctx.buffer.render(node.from, node.to);
      } else {
        const indent = ctx.parsed.lines.indentOf(ctx.parsed.lines.lineOf(node.from));
        text = `from ${fromModule.name} import ${list(kept)}\n${indent}from ${newModule} import ${list(moved)}`;
        ctx.buffer.replace(node.from, node.to, text);
      }
      ctx.report.info(1, 'import-rename', node, `Changed import from \`${before}\` to \`${text}\`.`);
      continue;
    }
    let changed = false;
    for (const imported of names) {
      if (imported.module.split('.')[0] !== 'tensorflow' || excluded(imported.module)) continue;
      const renamed = `tensorflow.compat.v2${imported.module.slice('tensorflow'.length)}`;
      // `import tensorflow` keeps its name: `import tensorflow.compat.v2 as tensorflow`.
      const alias = imported.alias === null && !imported.module.includes('.') ? ' as tensorflow' : '';
      ctx.buffer.replace(imported.from, imported.to, renamed + alias);
      changed = true;
    }
    if (changed)
      ctx.report.info(
        1,
        'import-rename',
        node,
        `Changed import from \`${before}\` to \`${ctx.buffer.render(node.from, node.to)}\`.`,
      );
  }
}
