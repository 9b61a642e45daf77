/**
 * Checks Python code against TensorFlow 2's public API (the table in data/tf2-api.json, reduced from
 * TensorFlow's and tf-keras's API golden files): every `tf.*` name used must exist, every keyword a
 * call passes must be one the function or class takes, and `tf.compat.v1` is reported wherever it is
 * used. Static, like the rest of the engine: nothing is imported or run, so TensorFlow need not install.
 */
import api from './data/tf2-api.json' with { type: 'json' };
import { LineIndex } from './lines.ts';
import { parsePython, type SyntaxNode } from './parse.ts';

export type ApiFindingKind = 'unknown-name' | 'unknown-keyword' | 'compat-v1';

export interface ApiFinding {
  line: number;
  col: number;
  kind: ApiFindingKind;
  /** The resolved dotted name, e.g. `tf.nn.relu` (after import aliases). */
  name: string;
  keyword?: string;
  message: string;
}

export interface ApiCheckResult {
  findings: ApiFinding[];
  /** Distinct `tf.*` names the code uses, resolved: what was checked. */
  names: string[];
}

const names: Record<string, string> = api.names;
const bases: Record<string, string> = api.bases;

/** Where the table comes from, for messages and pages. */
export const apiSources = api.sources;

type Entry = { kind: 'm' | 'v' } | { kind: 'c' | 'f'; args: string[]; kwargs: boolean };

function entry(path: string): Entry | undefined {
  const raw = names[path] ?? inherited(path);
  if (raw === undefined) return undefined;
  if (raw === 'm' || raw === 'v') return { kind: raw };
  const args = raw.slice(2).split(',').filter(Boolean);
  return { kind: raw[0] as 'c' | 'f', args, kwargs: args.includes('**') };
}

/** A class member the table left to the class's base (see the reducer). */
function inherited(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  for (let cls = bases[path.slice(0, dot)]; cls; cls = bases[cls]) {
    const raw = names[`${cls}${path.slice(dot)}`];
    if (raw !== undefined) return raw;
  }
  return undefined;
}

const isCompatV1 = (path: string) => path === 'tf.compat.v1' || path.startsWith('tf.compat.v1.');

/** `import tensorflow.compat.v1 as tf`, `from tensorflow.keras import layers as L`: alias -> `tf.…` path. */
export function importAliases(code: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const tf = (module: string) => module.replace(/^tensorflow(?=\.|$)/, 'tf');
  const cursor = parsePython(code).cursor();
  do {
    if (cursor.name !== 'ImportStatement') continue;
    const text = code
      .slice(cursor.from, cursor.to)
      .replace(/\\\n|[()]/g, ' ')
      .replace(/#[^\n]*/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const from = /^from (\S+) import (.+)$/.exec(text);
    if (from) {
      if (!/^tensorflow(\.|$)/.test(from[1]!)) continue;
      for (const part of from[2]!.split(',')) {
        const m = /^\s*([\w]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (m) aliases.set(m[2] ?? m[1]!, `${tf(from[1]!)}.${m[1]}`);
      }
      continue;
    }
    for (const part of text.replace(/^import /, '').split(',')) {
      const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (!m || !/^tensorflow(\.|$)/.test(m[1]!)) continue;
      // `import tensorflow.keras` binds `tensorflow`, not the submodule.
      if (m[2]) aliases.set(m[2], tf(m[1]!));
      else aliases.set('tensorflow', 'tf');
    }
  } while (cursor.next());
  return aliases;
}

/** The dotted text of a name chain (`tf . nn . relu` -> `tf.nn.relu`), or null if it is not one. */
function dotted(code: string, node: SyntaxNode): string | null {
  if (node.name === 'VariableName') return code.slice(node.from, node.to);
  if (node.name !== 'MemberExpression') return null;
  const object = node.firstChild;
  const property = node.lastChild;
  if (!object || !property || property.name !== 'PropertyName') return null;
  const left = dotted(code, object);
  return left === null ? null : `${left}.${code.slice(property.from, property.to)}`;
}

/** Resolves `L.Dense` through the aliases to `tf.keras.layers.Dense`; null if not TensorFlow's. */
function resolve(aliases: Map<string, string>, chain: string): string | null {
  const dot = chain.indexOf('.');
  const head = dot < 0 ? chain : chain.slice(0, dot);
  const target = aliases.get(head);
  return target === undefined ? null : target + (dot < 0 ? '' : chain.slice(dot));
}

/**
 * Checks one name: the longest prefix the table knows decides. Past a function or a constant the rest
 * is an attribute of a value (`tf.float32.max`), which the golden files do not describe.
 */
function checkName(path: string): { message: string; kind: ApiFindingKind } | null {
  if (isCompatV1(path)) return { kind: 'compat-v1', message: `\`${path}\` is TensorFlow 1 API kept by tf.compat.v1` };
  const parts = path.split('.');
  for (let n = 1; n <= parts.length; n++) {
    const prefix = parts.slice(0, n).join('.');
    const found = entry(prefix);
    if (found) {
      if (found.kind === 'f' || found.kind === 'v') return null;
      continue;
    }
    const parent = parts.slice(0, n - 1).join('.');
    return { kind: 'unknown-name', message: `\`${path}\`: TensorFlow 2 has no \`${prefix}\` (\`${parent}\` exists)` };
  }
  return null;
}

/** Keyword arguments of an ArgList, with their nodes; `**kw` splats are skipped (nothing to check). */
function keywords(code: string, args: SyntaxNode): { name: string; node: SyntaxNode }[] {
  const out: { name: string; node: SyntaxNode }[] = [];
  for (let child = args.firstChild; child; child = child.nextSibling) {
    if (child.name === 'VariableName' && child.nextSibling?.name === 'AssignOp')
      out.push({ name: code.slice(child.from, child.to), node: child });
  }
  return out;
}

/** Checks code as it is. Never throws on bad Python: Lezer's tree still has the names it could read. */
export function checkApi(code: string): ApiCheckResult {
  const aliases = importAliases(code);
  const lines = new LineIndex(code);
  const findings: ApiFinding[] = [];
  const used = new Set<string>();
  const seen = new Set<string>();
  const add = (from: number, kind: ApiFindingKind, name: string, message: string, keyword?: string) => {
    const { line, col } = lines.position(from);
    const key = `${line}:${col}:${kind}:${name}:${keyword ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ line, col, kind, name, message, ...(keyword === undefined ? {} : { keyword }) });
  };
  const checkUse = (from: number, path: string, args: SyntaxNode | null) => {
    used.add(path);
    const problem = checkName(path);
    if (problem) {
      add(from, problem.kind, path, problem.message);
      return;
    }
    const found = entry(path);
    if (!args || !found || (found.kind !== 'f' && found.kind !== 'c') || found.kwargs) return;
    for (const { name, node } of keywords(code, args)) {
      if (!found.args.includes(name))
        add(
          node.from,
          'unknown-keyword',
          path,
          `\`${path}\` takes no keyword \`${name}\` (it takes: ${found.args.filter((a) => a !== '*').join(', ') || 'none'})`,
          name,
        );
    }
  };

  const cursor = parsePython(code).cursor();
  do {
    const node = cursor.node;
    if (node.name === 'ImportStatement') {
      // An import names modules, not attributes; only `compat.v1` matters here.
      for (const [, path] of importAliases(code.slice(node.from, node.to)))
        if (isCompatV1(path))
          add(node.from, 'compat-v1', path, `\`${path}\` is imported: TensorFlow 1 API kept by tf.compat.v1`);
      continue;
    }
    if (node.name === 'Decorator') {
      const argList = node.getChild('ArgList');
      const text = code.slice(node.from + 1, argList ? argList.from : node.to).replace(/\s+/g, '');
      const path = /^[\w.]+$/.test(text) ? resolve(aliases, text) : null;
      if (path) checkUse(node.from + 1, path, argList);
      continue;
    }
    if (node.name !== 'MemberExpression' && node.name !== 'VariableName') continue;
    // Only the outermost link of a chain: `tf.nn.relu`, not also `tf.nn` and `tf`.
    const parent = node.parent;
    if (
      parent?.name === 'MemberExpression' &&
      parent.firstChild?.from === node.from &&
      parent.firstChild.to === node.to
    )
      continue;
    if (parent && (parent.name === 'ImportStatement' || parent.name === 'Decorator')) continue;
    if (parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') continue;
    const chain = dotted(code, node);
    if (chain === null) continue;
    const path = resolve(aliases, chain);
    if (path === null) continue;
    // Assigned to (`tf.x = 1`) or a parameter named like an alias: not a use of the API.
    if (parent?.name === 'ParamList' || (parent?.name === 'AssignStatement' && node.nextSibling?.name === 'AssignOp'))
      continue;
    const call =
      parent?.name === 'CallExpression' && parent.firstChild?.from === node.from ? parent.getChild('ArgList') : null;
    checkUse(node.from, path, call);
  } while (cursor.next());
  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  return { findings, names: [...used].sort() };
}

export function formatApiFinding(f: ApiFinding): string {
  return `${f.line}:${f.col}: ${f.kind}: ${f.message}`;
}
