import { CallModel } from '../../call.ts';
import { dottedName, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, calleeName, callsIn, isTf, namesIn } from './names.ts';
import type { Program } from './program.ts';
import { lineSpan } from './text.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * One traced step, TF1's shape:
 *
 *     run_options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
 *     run_metadata = tf.RunMetadata()
 *     ... = sess.run(..., options=run_options, run_metadata=run_metadata)
 *     writer.add_run_metadata(run_metadata, 'step%03d' % i)
 *
 * TF2 writes the same kind of record (the run's op timings and memory, with the graphs it collected)
 * to the writer by bracketing the call: tf.summary.trace_on(graph=True, profiler=True,
 * profiler_outdir=<the writer's logdir>) before it, and tf.summary.trace_export(name=tag, step=...)
 * under `with writer.as_default():` right after it.
 */
export interface RunTracePlan {
  /** The RunMetadata statement and the RunOptions one (where it is not written in the call), removed. */
  removed: SyntaxNode[];
  /** The statement holding the Session.run: trace_on goes on the line before it. */
  runStmt: SyntaxNode;
  /** The add_run_metadata statement, replaced by the export. */
  exportStmt: SyntaxNode;
  writer: string;
  logdir: string;
  tag: string;
  step: string;
}

function previousBinding(source: string, stmt: SyntaxNode, name: string): SyntaxNode | null {
  for (let n = stmt.prevSibling; n; n = n.prevSibling) {
    const targets = n.name === 'AssignStatement' ? assignedNames(source, n) : null;
    if (targets?.includes(name)) return targets.length === 1 ? n : null;
  }
  return null;
}

function nextStatement(stmt: SyntaxNode): SyntaxNode | null {
  for (let n = stmt.nextSibling; n; n = n.nextSibling) {
    if (n.name === 'Comment') continue;
    return n.name.endsWith('Statement') ? n : null;
  }
  return null;
}

/**
 * Reads `options=` and `run_metadata=` of a Session.run as one traced step, or refuses with the reason:
 * only FULL_TRACE options and a fresh RunMetadata bound just for this run, written by the next statement
 * with `add_run_metadata` to a FileWriter of the graph code, qualify.
 */
export function planRunTrace(
  ctx: RuleContext,
  p: Program,
  stmt: SyntaxNode,
  options: SyntaxNode,
  metadata: SyntaxNode,
  fail: Fail,
): RunTracePlan | null {
  const { source } = ctx;
  const refuse = (at: { from: number; to: number }, why: string) => {
    fail(at, `sess.run(options=..., run_metadata=...) ${why}, so the traced step is left as it is`);
    return null;
  };
  if (metadata.name !== 'VariableName')
    return refuse(metadata, 'is given a RunMetadata other than by a name bound just for this run');
  // The options are a FULL_TRACE RunOptions written in the call, or a name bound to one just for it.
  const optionsName = options.name === 'VariableName' ? textOf(source, options) : null;
  const metadataName = textOf(source, metadata);
  const optionsStmt = optionsName ? previousBinding(source, stmt, optionsName) : null;
  const optionsCall = optionsName ? (optionsStmt ? assignedValue(optionsStmt) : null) : options;
  const optionsModel =
    optionsCall?.name === 'CallExpression' && isTf(calleeName(source, optionsCall), 'RunOptions')
      ? new CallModel(optionsCall, source, ctx.buffer)
      : null;
  const level = optionsModel?.live.length === 1 ? optionsModel.get('trace_level') : undefined;
  if (!optionsModel || !level || !isTf(dottedName(source, level.arg.value), 'RunOptions.FULL_TRACE'))
    return refuse(
      options,
      `needs \`tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)\`, in the call or bound to \`${optionsName ?? 'a name'}\` ` +
        `earlier in the same block (other trace levels and options have no tf.summary trace form)`,
    );
  const metadataStmt = previousBinding(source, stmt, metadataName);
  const metadataCall = metadataStmt ? assignedValue(metadataStmt) : null;
  if (
    !metadataStmt ||
    metadataCall?.name !== 'CallExpression' ||
    !isTf(calleeName(source, metadataCall), 'RunMetadata') ||
    new CallModel(metadataCall, source, ctx.buffer).live.length > 0
  )
    return refuse(metadata, `needs \`${metadataName} = tf.RunMetadata()\` earlier in the same block`);
  const next = nextStatement(stmt);
  const exportCall = next?.name === 'ExpressionStatement' ? next.firstChild : null;
  const exportModel = exportCall?.name === 'CallExpression' ? new CallModel(exportCall, source, ctx.buffer) : null;
  const writerNode = exportModel?.callee.name === 'MemberExpression' ? exportModel.callee.firstChild : null;
  const writer = writerNode?.name === 'VariableName' ? textOf(source, writerNode) : null;
  const written = exportModel?.get('run_metadata', 0);
  const tag = exportModel?.get('tag', 1);
  const step = exportModel?.get('global_step', 2);
  if (
    !next ||
    !exportModel ||
    exportModel.shortName !== 'add_run_metadata' ||
    !writer ||
    !p.writers.has(writer) ||
    exportModel.hasStarArgs ||
    exportModel.hasStarKwargs ||
    exportModel.live.length !== [written, tag, step].filter(Boolean).length ||
    !written ||
    textOf(source, written.arg.value) !== metadataName ||
    !tag
  )
    return refuse(
      metadata,
      `is not followed right away by \`writer.add_run_metadata(${metadataName}, tag)\` to a FileWriter of this graph code`,
    );
  const writerStmt = p.writers.get(writer)!;
  const writerCall = assignedValue(writerStmt);
  const logdir =
    writerCall?.name === 'CallExpression' ? new CallModel(writerCall, source, ctx.buffer).get('logdir', 0) : undefined;
  if (!logdir) return refuse(writerStmt, `needs the logdir of \`${writer}\`, which is not written out`);
  const logdirNames = namesIn(source, logdir.arg.value);
  if (callsIn(ctx.parsed.tree, logdir.arg.value).length > 0 || reboundAfter(ctx, p, writerStmt, logdirNames))
    return refuse(
      logdir.arg.value,
      `writes its profile to the logdir of \`${writer}\`, which is computed by a call or rebound; written again before the run ` +
        `it could differ`,
    );
  const bound: [string, number[]][] = [
    [metadataName, [metadataStmt.firstChild!.from, metadata.from, written.arg.value.from]],
  ];
  if (optionsName && optionsStmt) bound.push([optionsName, [optionsStmt.firstChild!.from, options.from]]);
  for (const [name, allowed] of bound) {
    const other = mentionsOutside(ctx, p.block, name, allowed);
    if (other)
      return refuse(
        other,
        `uses \`${name}\` elsewhere too, which would no longer exist (TF2 has no RunOptions or RunMetadata)`,
      );
  }
  return {
    removed: optionsStmt ? [optionsStmt, metadataStmt] : [metadataStmt],
    runStmt: stmt,
    exportStmt: next,
    writer,
    logdir: ctx.buffer.render(logdir.arg.value.from, logdir.arg.value.to),
    tag: exportModel.valueText(tag),
    step: step ? exportModel.valueText(step) : '0',
  };
}

function reboundAfter(ctx: RuleContext, p: Program, after: SyntaxNode, names: Set<string>): boolean {
  const cursor = p.block.cursor();
  while (cursor.next() && cursor.from < p.block.to) {
    if (cursor.from < after.to || cursor.name !== 'AssignStatement') continue;
    if ((assignedNames(ctx.source, cursor.node) ?? []).some((n) => names.has(n))) return true;
  }
  return false;
}

function mentionsOutside(
  ctx: RuleContext,
  block: SyntaxNode,
  name: string,
  allowed: readonly number[],
): SyntaxNode | null {
  const cursor = block.cursor();
  while (cursor.next() && cursor.from < block.to) {
    if (cursor.name !== 'VariableName' || allowed.includes(cursor.from)) continue;
    const node = cursor.node;
    if (node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') continue; // a keyword, `f(options=...)`
    if (ctx.source.slice(cursor.from, cursor.to) === name) return node;
  }
  return null;
}

/** Writes the trace around the step; `removeStatement` is the converter's, which keeps a block from going empty. */
export function applyRunTrace(ctx: RuleContext, plan: RunTracePlan, removeStatement: (stmt: SyntaxNode) => void): void {
  const { buffer, parsed, report } = ctx;
  const lines = parsed.lines;
  const indentOf = (node: SyntaxNode) => lines.indentOf(lines.lineOf(node.from));
  for (const stmt of plan.removed) removeStatement(stmt);
  const indent = indentOf(plan.runStmt);
  const header = plan.runStmt.parent?.parent;
  const unit = header ? indent.slice(indentOf(header).length) || '    ' : '    ';
  buffer.insert(
    lineSpan(lines, plan.runStmt).from,
    `${indent}tf.summary.trace_on(graph=True, profiler=True, profiler_outdir=${plan.logdir})\n`,
    'left',
  );
  const span = lineSpan(lines, plan.exportStmt);
  buffer.replace(
    span.from,
    span.to,
    `${indent}with ${plan.writer}.as_default():\n${indent}${unit}tf.summary.trace_export(name=${plan.tag}, step=${plan.step})\n`,
  );
  report.info(
    2,
    'run-trace',
    plan.runStmt,
    `sess.run(options=FULL_TRACE, run_metadata=...) + add_run_metadata -> tf.summary.trace_on(graph=True, profiler=True) before ` +
      `the call and tf.summary.trace_export to \`${plan.writer}\` after it: the record holds the run's op timings and memory, ` +
      `and its profile goes to the writer's logdir. TF2 collects a function's graph only where the call is the function's ` +
      `first with these argument types (it is traced then); a step already called before records its profile without the graph.`,
  );
}
