import { parser } from '@lezer/python';
import { LineIndex } from './lines.ts';
import type { ParseError } from './types.ts';

// Lezer's tree types, taken from the parser we depend on rather than from its transitive @lezer/common.
export type Tree = ReturnType<typeof parser.parse>;
export type SyntaxNode = Tree['topNode'];

/** A parsed input: Lezer's error-tolerant tree plus what is needed to place things in the text. */
export interface ParsedSource {
  source: string;
  tree: Tree;
  lines: LineIndex;
  parseErrors: ParseError[];
}

/** At most this many syntax errors are listed; past the first few they are usually echoes. */
const MAX_ERRORS = 20;

/**
 * Parses Python without running it. Lezer recovers from errors, so the rest of the file still gets a
 * tree; each error node (and each Python 2 `print` statement, which Lezer accepts but Python 3 does not)
 * becomes a ParseError. Errors on one line are reported once.
 */
export function parseSource(source: string): ParsedSource {
  const tree = parsePython(source);
  const lines = new LineIndex(source);
  const parseErrors: ParseError[] = [];
  const seenLines = new Set<number>();
  const add = (from: number, message: string) => {
    const { line, col } = lines.position(from);
    if (seenLines.has(line) || parseErrors.length >= MAX_ERRORS) return;
    seenLines.add(line);
    parseErrors.push({ line, col, from, message });
  };
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        add(node.from, describeError(source, node.from, node.to));
        return false;
      }
      if (node.name === 'PrintStatement')
        add(node.from, 'Python 2 print statement: TensorFlow 2 needs Python 3, use print(...)');
      return undefined;
    },
  });
  return { source, tree, lines, parseErrors };
}

/**
 * Lezer's Python grammar rejects floats written with a trailing dot (`1.`, `[1., 2.]`), which TF code is
 * full of. They are parsed as `1j` instead: same length, so every offset in the tree is still an offset
 * in the input, and the Number node still spans `1.` in the real text.
 */
export function parsePython(source: string): Tree {
  return parser.parse(source.replace(/(?<![\w.])(\d+)\.(?![\w.])/g, '$1j'));
}

function describeError(source: string, from: number, to: number): string {
  const near = (to > from ? source.slice(from, to) : source.slice(from, from + 12)).split('\n')[0]?.trim();
  return near ? `invalid syntax near "${near}"` : 'invalid syntax (unexpected end of line or file)';
}

/** Source text of a node. */
export function textOf(source: string, node: { from: number; to: number }): string {
  return source.slice(node.from, node.to);
}

/** Direct children of a node, in order. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/**
 * `a.b.c` as "a.b.c" when the expression is only names and attribute accesses, else null (calls,
 * subscripts, literals in the chain). Mirrors what tf_upgrade_v2 calls a full name.
 */
export function dottedName(source: string, node: SyntaxNode): string | null {
  if (node.name === 'VariableName') return textOf(source, node);
  if (node.name !== 'MemberExpression') return null;
  const object = node.firstChild;
  const dot = object?.nextSibling;
  const property = dot?.nextSibling;
  if (!object || dot?.name !== '.' || property?.name !== 'PropertyName' || property.nextSibling) return null;
  const head = dottedName(source, object);
  return head === null ? null : `${head}.${textOf(source, property)}`;
}

/** Statement nodes: children of Script or of a Body that are not punctuation or comments. */
export function statementsOf(block: SyntaxNode): SyntaxNode[] {
  return childrenOf(block).filter(
    (n) => n.name.endsWith('Statement') || n.name === 'FunctionDefinition' || n.name === 'ClassDefinition',
  );
}
