import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import type { Program, Wrapper } from './program.ts';

const UNIT = '    ';

/**
 * `with tf.device(...)` stays in TF2, which honours it eagerly and in tf.function alike. Graph ops
 * built under one move into the functions that replace Session.run, so there they are wrapped in the
 * same `with tf.device(...)` (outermost first when blocks nest); what stays at its place (variables)
 * keeps its block.
 */
export function devicesAround(p: Program, node: SyntaxNode): Wrapper[] {
  return p.wrappers.filter((w) => w.kind === 'device' && w.body.from <= node.from && node.to <= w.body.to);
}

/**
 * Lays out statements (each already reindented by `text(indent)`) at `at`, opening a `with tf.device(...)`
 * where a statement's devices differ from the one before and keeping one block open while they are the same.
 */
export function withDevices(
  ctx: RuleContext,
  p: Program,
  stmts: { node: SyntaxNode; text: (indent: string) => string }[],
  at: string,
): string[] {
  const out: string[] = [];
  let open: Wrapper[] = [];
  for (const stmt of stmts) {
    const chain = devicesAround(p, stmt.node);
    let same = 0;
    while (same < open.length && same < chain.length && open[same] === chain[same]) same++;
    open = open.slice(0, same);
    for (const w of chain.slice(same)) {
      // Everything between `with` and the colon, `as name` included.
      const header = ctx.buffer.render(w.node.firstChild!.to, w.body.from).trim();
      out.push(`${at}${UNIT.repeat(open.length)}with ${header}:`);
      open.push(w);
    }
    out.push(stmt.text(at + UNIT.repeat(open.length)));
  }
  return out;
}

/** Whether a block body, as rewritten, still holds a statement (not only blank lines, comments and `pass`). */
export function holdsStatements(text: string): boolean {
  return text.split('\n').some((line) => {
    const bare = line.trim();
    return bare !== '' && !bare.startsWith('#') && bare !== 'pass';
  });
}
