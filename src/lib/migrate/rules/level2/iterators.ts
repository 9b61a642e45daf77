import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import type { Program } from './program.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

const AGAIN =
  'in TF2 re-initialisation is a new loop over the dataset (for batch in dataset), which this tool leaves to you';

/**
 * `sess.run(iterator.initializer)` for an initializable iterator (`dataset.make_initializable_iterator()`).
 * Run once, as a statement of the graph code itself (not in a loop, a condition or a feed), the iterator is
 * a one-shot one from there on: TF1 cannot read it before, so `iter(dataset)` made where the iterator was
 * gives the same batches. Returns the iterator's name when `fetch` is such an initializer and the run may
 * go; reports why not and returns null when it is one that may not; returns undefined when it is none.
 */
export function iteratorInitializer(
  ctx: RuleContext,
  p: Program,
  stmt: SyntaxNode,
  fetch: SyntaxNode,
  plain: boolean,
  fail: Fail,
): string | null | undefined {
  const name = initializerOf(ctx, p, fetch);
  if (name === null) return undefined;
  if (!plain || !p.stmts.some((s) => s.node.from === stmt.from)) {
    fail(
      fetch,
      `the iterator \`${name}\` is initialized in a loop, a condition, a larger expression or with a feed_dict; ${AGAIN}`,
    );
    return null;
  }
  return name;
}

/** Each initializable iterator must be initialized by exactly one such run, and its initializer used nowhere else. */
export function checkIteratorInitializers(ctx: RuleContext, p: Program, initialized: string[], fail: Fail): void {
  for (const [name, stmt] of p.initializable) {
    let mentions = 0;
    const cursor = p.block.cursor();
    while (cursor.next() && cursor.from < p.block.to)
      if (cursor.name === 'MemberExpression' && initializerOf(ctx, p, cursor.node) === name) mentions++;
    const runs = initialized.filter((n) => n === name).length;
    const what =
      runs === 0
        ? 'not initialized by a sess.run(iterator.initializer) here'
        : 'initialized more than once, or its initializer is used elsewhere';
    if (runs !== 1 || mentions !== 1) fail(stmt, `the initializable iterator \`${name}\` is ${what}; ${AGAIN}`);
  }
}

function initializerOf(ctx: RuleContext, p: Program, node: SyntaxNode): string | null {
  if (node.name !== 'MemberExpression') return null;
  const object = node.firstChild;
  const prop = node.lastChild;
  if (object?.name !== 'VariableName' || prop?.name !== 'PropertyName' || textOf(ctx.source, prop) !== 'initializer')
    return null;
  const name = textOf(ctx.source, object);
  return p.initializable.has(name) ? name : null;
}
