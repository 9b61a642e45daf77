import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import { assignedNames } from './names.ts';

/**
 * Names bound once, above the function, in the blocks that enclose it (module constants, imports,
 * classes and functions): what a layer made just above the `def` may be configured with.
 */
export function boundBefore(source: string, def: SyntaxNode): Set<string> {
  const counts = new Map<string, number>();
  const add = (n: string) => counts.set(n, (counts.get(n) ?? 0) + 1);
  let node: SyntaxNode = def.parent?.name === 'DecoratedStatement' ? def.parent : def;
  for (let block = node.parent; block; node = block, block = block.parent) {
    if (block.name !== 'Body' && block.name !== 'Script') continue;
    for (const stmt of statementsOf(block)) {
      const all = stmt.from >= node.from ? [] : [stmt];
      for (const s of all) {
        if (s.name === 'AssignStatement') for (const n of assignedNames(source, s) ?? []) add(n);
        else if (s.name === 'ImportStatement') for (const n of importedNames(textOf(source, s))) add(n);
        else if (s.name === 'FunctionDefinition' || s.name === 'ClassDefinition') {
          const id = s.getChild('VariableName');
          if (id) add(textOf(source, id));
        }
      }
    }
    // Rebinding after the `def` (at module level) would change the value a call saw in TF1.
    for (const stmt of statementsOf(block))
      if (stmt.from > node.to && stmt.name === 'AssignStatement')
        for (const n of assignedNames(source, stmt) ?? []) if (counts.has(n)) add(n);
  }
  return new Set([...counts].filter(([, c]) => c === 1).map(([n]) => n));
}

function importedNames(text: string): string[] {
  const flat = text.replace(/[()\\\n]/g, ' ');
  const from = /^from\s+\S+\s+import\s+(.*)$/.exec(flat.trim());
  const items = (from ? from[1]! : flat.trim().replace(/^import\s+/, '')).split(',');
  return items
    .map((item) => item.trim().split(/\s+as\s+/))
    .map((parts) => (parts[1] ?? parts[0]!.split('.')[0]!).trim())
    .filter((n) => /^[A-Za-z_]\w*$/.test(n));
}

export const BUILTINS = new Set([
  'True',
  'False',
  'None',
  'len',
  'int',
  'float',
  'str',
  'bool',
  'min',
  'max',
  'abs',
  'round',
]);
const PY_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda', 'for']);

/** Rewrites the names read in a Python expression (not attributes, keywords, strings or numbers). */
export function replaceIdentifiers(text: string, map: (id: string) => string): string {
  return text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|(?<![\w.])([A-Za-z_]\w*)(?!\w)(\s*=(?!=))?/g, (m, id, kw) =>
    id === undefined || kw !== undefined || PY_WORDS.has(id) ? m : map(id),
  );
}

export function identifiersIn(text: string): Set<string> {
  const out = new Set<string>();
  replaceIdentifiers(text, (id) => {
    out.add(id);
    return id;
  });
  return out;
}
