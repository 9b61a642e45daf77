import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { lineSpan } from './text.ts';

const removed = new WeakSet<RuleContext>();

/**
 * Level 1 flags each tf.contrib use it keeps; a rewritten one is gone, so is its flag. `from
 * tensorflow.contrib import rnn` goes once every `rnn.` use is inside a rewritten range.
 */
export function dropContribRnnImport(ctx: RuleContext, replaced: { from: number; to: number }[]): void {
  const { source, report } = ctx;
  const ranges = rnnRanges(ctx);
  ranges.push(...replaced);
  let importStmt: SyntaxNode | null = null;
  let left = 0;
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    if (
      cursor.name === 'ImportStatement' &&
      /^from\s+tensorflow\.contrib\s+import\s+rnn\s*$/.test(textOf(source, cursor.node))
    )
      importStmt = cursor.node;
    if (
      cursor.name === 'VariableName' &&
      source.slice(cursor.from, cursor.to) === 'rnn' &&
      cursor.node.parent?.name !== 'ImportStatement'
    ) {
      const at = cursor.from;
      if (!ranges.some((r) => r.from <= at && at < r.to)) left++;
    }
  } while (cursor.next());
  if (importStmt && left === 0 && !removed.has(ctx)) {
    removed.add(ctx);
    const span = lineSpan(ctx.parsed.lines, importStmt);
    ctx.buffer.replace(span.from, span.to, '');
    ranges.push(span);
    report.info(
      2,
      'contrib-rnn',
      importStmt,
      'The tensorflow.contrib rnn import is removed: every use of it is now a Keras layer.',
    );
  }
  report.drop((e) => !(e.rule === 'deprecated-module' && ranges.some((r) => e.from >= r.from && e.from < r.to)));
}

const rnnRangeStore = new WeakMap<RuleContext, { from: number; to: number }[]>();

function rnnRanges(ctx: RuleContext): { from: number; to: number }[] {
  let ranges = rnnRangeStore.get(ctx);
  if (!ranges) rnnRangeStore.set(ctx, (ranges = []));
  return ranges;
}
