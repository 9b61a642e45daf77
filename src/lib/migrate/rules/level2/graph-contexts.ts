import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { callsIn } from './names.ts';
import { bodyIndent, lineSpan, reindent } from './text.ts';

const converted = new WeakMap<RuleContext, SyntaxNode[]>();

/** Records a block whose graph code Level 2 rewrote into eager TF2 functions. */
export function markConverted(ctx: RuleContext, block: SyntaxNode): void {
  converted.set(ctx, [...(converted.get(ctx) ?? []), block]);
}

/**
 * `with tf.Graph().as_default(): train()` in another function (`main`), around calls of a function whose
 * graph code was rewritten into eager TF2: under a fresh default graph that code would only build graph
 * ops (a tf.function called there returns symbolic tensors, and nothing trains), so the block goes and
 * its body moves out one level; TF2 runs eagerly, each tf.function in a graph of its own. Only a `with`
 * without `as` whose body uses no tf API itself and calls at least one such function, none of whose
 * graph code was left as it was; anything else under it is left as written.
 */
export function dropGraphContexts(ctx: RuleContext): void {
  const { source, buffer, parsed, report } = ctx;
  const blocks = converted.get(ctx) ?? [];
  if (blocks.length === 0) return;
  const lines = parsed.lines;
  // A function with graph code left as it was (a nested block refused) still needs its graph: it keeps the `with`.
  const refused = report.entries().filter((e) => e.rule === 'not-converted');
  const names = new Set<string>();
  for (const block of blocks) {
    const def = block.parent;
    const id = def?.name === 'FunctionDefinition' ? def.getChild('VariableName') : null;
    if (id && !refused.some((e) => def!.from <= e.from && e.from < def!.to)) names.add(textOf(source, id));
  }
  const inside = (n: SyntaxNode) => blocks.some((b) => b.from <= n.from && n.to <= b.to);
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'WithStatement') return undefined;
      const stmt = ref.node;
      const item = stmt.firstChild?.nextSibling;
      const body = stmt.getChild('Body');
      if (!item || !body || stmt.getChild('as') || stmt.getChildren(',').length > 0 || inside(stmt)) return undefined;
      if (!/^tf\.(compat\.v1\.)?Graph\(\)\.as_default\(\)$/.test(textOf(source, item))) return undefined;
      const bodyText = textOf(source, body);
      const calls = callsIn(ctx.parsed.tree, body).filter(
        (c) => c.firstChild?.name === 'VariableName' && names.has(textOf(source, c.firstChild)),
      );
      if (calls.length === 0 || /\btf\./.test(bodyText) || statementsOf(body).length === 0) return undefined;
      const span = lineSpan(lines, stmt);
      const first = statementsOf(body)[0]!;
      const bodyStart = lines.lineStart(lines.lineOf(first.from));
      const indent = lines.indentOf(lines.lineOf(stmt.from));
      const inner = bodyIndent(lines, body, `${indent}    `);
      if (!buffer.replace(span.from, span.to, reindent(buffer.render(bodyStart, span.to), inner, indent))) return false;
      report.info(
        2,
        'session-removed',
        { from: stmt.from, to: body.from },
        'Graph().as_default() block removed around a call of a function whose graph code is now eager TF2: under a graph of ' +
          'its own that code would only build graph ops; TF2 runs it eagerly, each tf.function in a graph of its own.',
      );
      return false;
    },
  });
}
