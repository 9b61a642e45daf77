import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue } from './names.ts';
import type { Program } from './program.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

const SCOPES = ['FunctionDefinition', 'LambdaExpression', 'ClassDefinition'];

/**
 * `sess.run(iterator.initializer)` for an initializable iterator (`dataset.make_initializable_iterator()`).
 * Run once, as a statement of the graph code itself (not in a loop or a condition), the iterator is a
 * one-shot one from there on: TF1 cannot read it before, so `iter(dataset)` made where the iterator was
 * gives the same batches. Run again (in a loop, each epoch), each run starts the dataset anew: it
 * becomes `iterator = iter(dataset)` there, and the functions that read the iterator take it as an
 * argument (a tf.function would otherwise keep the iterator it was traced with). Returns the iterator's
 * name when `fetch` is such an initializer and the run can be rewritten; reports why not and returns null
 * when it is one that cannot (a feed, a larger expression, a nested function); undefined when it is none.
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
  let nested = false;
  for (let n = stmt.parent; n && n.from !== p.block.from; n = n.parent) if (SCOPES.includes(n.name)) nested = true;
  if (!plain || nested) {
    fail(
      fetch,
      `the iterator \`${name}\` is initialized with a feed_dict, inside a larger expression or in a nested function; in TF2 ` +
        `make the dataset from those values and loop over it (for batch in dataset), which this tool leaves to you`,
    );
    return null;
  }
  return name;
}

/**
 * Each initializable iterator must be initialized by such runs only, at least once. Initialized more
 * than once or in a loop, `p.reinitialized` gets the dataset's name, which must be a plain name not bound
 * again after the iterator is made (each `iter(dataset)` must start the same dataset the TF1 initializer did).
 */
export function checkIteratorInitializers(
  ctx: RuleContext,
  p: Program,
  initialized: { name: string; stmt: SyntaxNode }[],
  fail: Fail,
): void {
  const { source } = ctx;
  for (const [name, made] of p.initializable) {
    let mentions = 0;
    const cursor = p.block.cursor();
    while (cursor.next() && cursor.from < p.block.to)
      if (cursor.name === 'MemberExpression' && initializerOf(ctx, p, cursor.node) === name) mentions++;
    const runs = initialized.filter((i) => i.name === name);
    if (runs.length === 0 || mentions !== runs.length) {
      const what =
        runs.length === 0
          ? 'not initialized by a sess.run(iterator.initializer) here'
          : 'initialized other than by sess.run(iterator.initializer) statements';
      fail(made, `the initializable iterator \`${name}\` is ${what}, which this tool does not follow`);
      continue;
    }
    if (runs.length === 1 && p.stmts.some((s) => s.node.from === runs[0]!.stmt.from)) continue;
    const dataset = datasetName(ctx, made);
    const rebound =
      dataset !== null &&
      assignmentsIn(p.block).some((n) => n.from > made.from && (assignedNames(source, n) ?? []).includes(dataset));
    if (dataset === null || rebound)
      fail(
        made,
        `the initializable iterator \`${name}\` is initialized again, and its dataset is not a name bound once before it, so which ` +
          `dataset each initialization starts is unclear; loop over the dataset by hand (for batch in dataset)`,
      );
    else p.reinitialized.set(name, dataset);
  }
}

function datasetName(ctx: RuleContext, made: SyntaxNode): string | null {
  const value = assignedValue(made);
  if (value?.name !== 'CallExpression') return null;
  const model = new CallModel(value, ctx.source, ctx.buffer);
  const node =
    model.get('dataset', 0)?.arg.value ??
    (model.shortName === 'make_initializable_iterator' ? model.callee.firstChild : null);
  return node?.name === 'VariableName' ? textOf(ctx.source, node) : null;
}

function assignmentsIn(block: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = block.cursor();
  while (cursor.next() && cursor.from < block.to) if (cursor.name === 'AssignStatement') out.push(cursor.node);
  return out;
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
