import { dottedName, type SyntaxNode } from '../../parse.ts';

/**
 * Whether a dotted name as written in the input is `tf.<path>` for one of the paths, in its TF1
 * spelling or as `tf.compat.v1.<path>` (code that was half-migrated by hand, or by tf_upgrade_v2).
 */
export function isTf(name: string | null, ...paths: string[]): boolean {
  if (name === null) return false;
  const path = name.startsWith('tf.compat.v1.')
    ? name.slice('tf.compat.v1.'.length)
    : name.startsWith('tf.')
      ? name.slice(3)
      : null;
  return path !== null && paths.includes(path);
}

/** `tf.<prefix>...` (TF1 or compat.v1 spelling); returns the rest after the prefix, or null. */
export function tfMember(name: string | null, prefix: string): string | null {
  if (name === null) return null;
  for (const head of [`tf.compat.v1.${prefix}`, `tf.${prefix}`])
    if (name.startsWith(head)) return name.slice(head.length);
  return null;
}

/** The callee's dotted name of a call node, or null. */
export function calleeName(source: string, call: SyntaxNode): string | null {
  const callee = call.firstChild;
  return callee ? dottedName(source, callee) : null;
}

/** The single value on the right of `a = <value>` / `a, b = <value>`, or null for other statements. */
export function assignedValue(stmt: SyntaxNode): SyntaxNode | null {
  if (stmt.name !== 'AssignStatement') return null;
  const ops = stmt.getChildren('AssignOp');
  if (ops.length !== 1) return null;
  return ops[0]!.nextSibling;
}

/** Names bound by a plain assignment (`a = ...`, `a, b = ...`, `a, *b = ...`); null if a target is not a plain name. */
export function assignedNames(source: string, stmt: SyntaxNode): string[] | null {
  if (stmt.name !== 'AssignStatement') return null;
  const out: string[] = [];
  for (let n = stmt.firstChild; n && n.name !== 'AssignOp'; n = n.nextSibling) {
    if (n.name === ',' || n.name === '*' || n.name === '(' || n.name === ')') continue;
    if (n.name === 'TupleExpression' || n.name === 'ParenthesizedExpression') {
      for (let m = n.firstChild; m; m = m.nextSibling) {
        if (m.name === 'VariableName') out.push(source.slice(m.from, m.to));
        else if (!['(', ')', ',', '*'].includes(m.name)) return null;
      }
      continue;
    }
    if (n.name !== 'VariableName') return null;
    out.push(source.slice(n.from, n.to));
  }
  return out;
}

/** Names read anywhere inside a node (VariableName nodes; attribute names are PropertyName, so not counted). */
export function namesIn(source: string, node: SyntaxNode, into = new Set<string>()): Set<string> {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === 'VariableName') into.add(source.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return into;
}

/** Whether a node of syntax type `type` occurs anywhere inside `node`. */
export function containsNode(node: SyntaxNode, type: string): boolean {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === type) return true;
  } while (cursor.next());
  return false;
}

/** Every name the input binds or reads (not words in comments or strings), so new names never shadow one. */
export function identifiersOf(source: string, top: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const cursor = top.cursor();
  do {
    if (cursor.name === 'VariableName' || cursor.name === 'PropertyName') out.add(source.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return out;
}

/** A fresh identifier built from a wish, unique against `taken` (which it joins). */
export function freshName(wish: string, taken: Set<string>): string {
  const base = wish.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1') || 'value';
  if (!taken.has(base)) {
    taken.add(base);
    return base;
  }
  for (let i = 2; ; i++) {
    const name = `${base}_${i}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** Call expressions inside a node (the node itself included), in source order. */
export function callsIn(
  tree: {
    iterate: (spec: {
      from: number;
      to: number;
      enter: (ref: { name: string; from: number; to: number; node: SyntaxNode }) => void;
    }) => void;
  },
  node: { from: number; to: number },
): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  tree.iterate({
    from: node.from,
    to: node.to,
    enter: (ref) => {
      if (ref.name === 'CallExpression' && ref.from >= node.from && ref.to <= node.to) out.push(ref.node);
    },
  });
  return out;
}
