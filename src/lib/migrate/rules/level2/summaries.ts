import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, isTf, namesIn, tfMember } from './names.ts';
import type { Program, Summary } from './program.ts';

const SUMMARY_KINDS = new Set(['scalar', 'histogram', 'image', 'text']);
type Blocker = (at: { from: number; to: number }, why: string) => void;

/**
 * `tf.summary.<kind>(name, value[, max_outputs])` as the arguments of its v2 call before `step`, and
 * the names its value reads; null when the call is not a summary, undefined when it is one with
 * arguments that have no v2 form (then the blocker says so).
 */
export function readSummaryCall(
  ctx: RuleContext,
  call: SyntaxNode,
  at: SyntaxNode,
  blocker: Blocker,
): Pick<Summary, 'kind' | 'args' | 'uses'> | null | undefined {
  const { source } = ctx;
  const kind = tfMember(calleeName(source, call), 'summary.');
  if (kind === null || !SUMMARY_KINDS.has(kind)) return null;
  const model = new CallModel(call, source, ctx.buffer);
  const nameArg = model.get('name', 0);
  const data = model.get('tensor', 1) ?? model.get('values', 1);
  const extra = model.live.filter((a) => a !== nameArg && a !== data);
  const maxOutputs = extra.find((a) => a.keyword === 'max_outputs' || (a.keyword === null && kind === 'image'));
  if (!nameArg || !data || extra.some((a) => a !== maxOutputs)) {
    blocker(
      at,
      `tf.summary.${kind} with arguments other than name, value and max_outputs (collections, family) has no plain ` +
        `tf.summary v2 form`,
    );
    return undefined;
  }
  const args = [model.valueText(nameArg), model.valueText(data)];
  if (maxOutputs) args.push(`max_outputs=${model.valueText(maxOutputs)}`);
  return { kind, args, uses: namesIn(source, data.arg.value) };
}

/**
 * A loop making one summary per item, `for var in tf.trainable_variables(): tf.summary.histogram(var.name,
 * var)` or `for grad, var in grads: ...` over gradient pairs the graph code computed: it moves into
 * the training function with the other summaries, over the variables that function differentiates or
 * the gradients it computes. True when the statement was such a loop (or one refused).
 */
export function readSummaryLoop(ctx: RuleContext, p: Program, stmt: SyntaxNode, blocker: Blocker): boolean {
  const { source } = ctx;
  if (stmt.name !== 'ForStatement') return false;
  const body = stmt.getChild('Body');
  const inKeyword = stmt.getChild('in');
  const iterable = inKeyword?.nextSibling;
  const statements = body ? body.getChildren('ExpressionStatement') : [];
  const only = statements.length === 1 && countStatements(body!) === 1 ? statements[0]!.firstChild : null;
  if (!iterable || !only || only.name !== 'CallExpression' || tfMember(calleeName(source, only), 'summary.') === null)
    return false;
  const targets: string[] = [];
  for (let c = stmt.firstChild?.nextSibling ?? null; c && c.from < iterable.from && c.name !== 'in'; c = c.nextSibling)
    if (c.name === 'VariableName') targets.push(textOf(source, c));
    else if (c.name !== ',' && c.name !== '(' && c.name !== ')') return false;
  const trainable =
    iterable.name === 'CallExpression' &&
    isTf(calleeName(source, iterable), 'trainable_variables') &&
    iterable.getChild('ArgList')?.firstChild?.nextSibling?.name === ')';
  const gradients = iterable.name === 'VariableName' ? textOf(source, iterable) : null;
  if (!trainable && (gradients === null || !p.gradients.has(gradients))) {
    blocker(
      iterable,
      'a loop of summaries over something other than tf.trainable_variables() or gradients computed here: which tensors it ' +
        'summarizes at each step is not known',
    );
    return true;
  }
  if (gradients !== null && p.gradients.get(gradients)!.oneShot) {
    blocker(
      iterable,
      `\`${gradients}\` is a zip() iterator, which only its first reader sees (apply_gradients, or this loop); that order has ` +
        `no GradientTape form written here`,
    );
    return true;
  }
  const read = readSummaryCall(ctx, only, stmt, blocker);
  if (!read) return true;
  const uses = new Set([...read.uses].filter((u) => !targets.includes(u)));
  if (gradients !== null) uses.add(gradients);
  p.summaries.push({
    stmt,
    ...read,
    uses,
    loop: { targets: targetsText(source, stmt), over: gradients },
  });
  return true;
}

function targetsText(source: string, stmt: SyntaxNode): string {
  const first = stmt.firstChild!.nextSibling!;
  const inKeyword = stmt.getChild('in')!;
  return source.slice(first.from, inKeyword.from).trim();
}

function countStatements(body: SyntaxNode): number {
  let n = 0;
  for (let c = body.firstChild; c; c = c.nextSibling) if (c.name.endsWith('Statement')) n++;
  return n;
}
