import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, containsNode, isTf } from './names.ts';
import type { Program } from './program.ts';

/** tf functions whose value is an op, not a tensor: Session.run gives None for them, and `.numpy()` would fail. */
const OP_VALUED = [
  'group',
  'no_op',
  'Print',
  'print',
  'control_dependencies',
  'assert_equal',
  'debugging.assert_equal',
  'tuple',
  'assign',
  'assign_add',
  'assign_sub',
];
const SCOPES = new Set([
  'FunctionDefinition',
  'LambdaExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression',
  'ClassDefinition',
]);

/**
 * `sess.run(<expression>, feed_dict)`: the expression is built and run at that point in TF1, so in TF2
 * it becomes the return value of a function called right there, whose body computes the graph tensors
 * it reads. Returns why not, or null when it can: the run must be in the block's own scope (not in a
 * lambda, comprehension or nested def, whose names the function could not see), and the expression
 * must plainly be a tensor (arithmetic, indexing or a tf call that makes a tensor, not an op).
 */
export function expressionFetchProblem(
  ctx: RuleContext,
  p: Program,
  call: SyntaxNode,
  expr: SyntaxNode,
): string | null {
  for (let n = call.parent; n && n !== p.block; n = n.parent)
    if (SCOPES.has(n.name)) return 'a Session.run of an expression inside a lambda, comprehension or nested function';
  for (const type of ['LambdaExpression', 'NamedExpression', 'YieldExpression', 'AwaitExpression'])
    if (containsNode(expr, type)) return 'a fetched expression with a lambda, := , yield or await in it';
  if (
    containsNode(expr, 'ArrayComprehensionExpression') ||
    containsNode(expr, 'ComprehensionExpression') ||
    containsNode(expr, 'DictionaryComprehensionExpression')
  )
    return 'a fetched expression with a comprehension in it';
  if (!tensorValued(ctx, p, expr))
    return (
      'fetches other than a name, a flat list of names, or an expression that is plainly one tensor (dicts, nested lists, ops) ' +
      'are left as they are'
    );
  return null;
}

function tensorValued(ctx: RuleContext, p: Program, node: SyntaxNode): boolean {
  switch (node.name) {
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      return !!inner && inner.nextSibling?.name === ')' && tensorValued(ctx, p, inner);
    }
    case 'BinaryExpression':
    case 'UnaryExpression':
      // Arithmetic with a tensor gives a tensor; TF1 could only run it if one side was one.
      return graphy(ctx, p, node);
    case 'SubscriptExpression':
      return !!node.firstChild && tensorValued(ctx, p, node.firstChild);
    case 'VariableName':
      return p.compute.has(textOf(ctx.source, node)) || p.placeholders.has(textOf(ctx.source, node));
    case 'CallExpression': {
      const name = calleeName(ctx.source, node);
      return name !== null && name.startsWith('tf.') && !isTf(name, ...OP_VALUED);
    }
    default:
      return false;
  }
}

/** Reads a graph tensor or placeholder, or calls tf: the expression builds graph ops. */
function graphy(ctx: RuleContext, p: Program, node: SyntaxNode): boolean {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === 'VariableName') {
      const word = ctx.source.slice(cursor.from, cursor.to);
      if (p.compute.has(word) || p.placeholders.has(word)) return true;
    }
    if (cursor.name === 'CallExpression' && calleeName(ctx.source, cursor.node)?.startsWith('tf.')) return true;
  } while (cursor.next());
  return false;
}

/** `cost = sess.run(<expression>)` -> a function `compute_cost`; without a target, `compute`. */
export function expressionFunctionWish(ctx: RuleContext, stmt: SyntaxNode): string {
  if (
    stmt.name === 'AssignStatement' &&
    stmt.firstChild?.name === 'VariableName' &&
    stmt.firstChild.nextSibling?.name === 'AssignOp'
  )
    return `compute_${textOf(ctx.source, stmt.firstChild)}`;
  return 'compute';
}
