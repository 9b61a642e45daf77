import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import type { GraphStmt, Program } from './program.ts';

/**
 * `c = []` then `c.append(<graph tensor>)` (then `tf.add_n(c)`): a Python list collecting graph tensors
 * is graph code too, built statement by statement in order. Returns the list's name and the
 * statement that bound it last (the `c = []`, or the append before this one), when `call` appends one
 * positional value to a name whose last binding in the graph code so far is one of those; otherwise null.
 */
export function appendedList(
  ctx: RuleContext,
  p: Program,
  call: SyntaxNode,
): { name: string; previous: GraphStmt } | null {
  const { source } = ctx;
  const callee = call.firstChild;
  const object = callee?.name === 'MemberExpression' ? callee.firstChild : null;
  const prop = callee?.lastChild;
  if (object?.name !== 'VariableName' || prop?.name !== 'PropertyName' || textOf(source, prop) !== 'append')
    return null;
  const model = new CallModel(call, source, ctx.buffer);
  if (model.opaque || model.hasStarArgs || model.hasStarKwargs || model.live.length !== 1 || model.live[0]!.keyword)
    return null;
  const name = textOf(source, object);
  const previous = p.stmts.filter((s) => s.targets.includes(name) && s.node.from < call.from).at(-1);
  if (!previous) return null;
  const startsList =
    previous.kind === 'other' &&
    previous.targets.length === 1 &&
    previous.value?.name === 'ArrayExpression' &&
    textOf(source, previous.value).replace(/\s/g, '') === '[]';
  const appendedBefore = previous.kind === 'compute' && previous.node.name === 'ExpressionStatement';
  return startsList || appendedBefore ? { name, previous } : null;
}

/** A graph statement whose value is a Python list or tuple of tensors (built by append, or written out), not a tensor. */
export function bindsSequence(stmt: GraphStmt): boolean {
  return (
    stmt.node.name === 'ExpressionStatement' ||
    stmt.value?.name === 'ArrayExpression' ||
    stmt.value?.name === 'TupleExpression'
  );
}
