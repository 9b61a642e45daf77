import { dottedName, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { rewriteEagerUses } from './eager-api.ts';
import { lineSpan } from './text.ts';

/** Module paths of TF1's eager package, as an import or an assignment names them. */
const EAGER_MODULES = new Set(['tensorflow.contrib.eager', 'tf.contrib.eager']);
const ENABLE = new Set([
  'tf.enable_eager_execution',
  'tf.compat.v1.enable_eager_execution',
  'tf.contrib.eager.enable_eager_execution',
]);

/**
 * `tf.enable_eager_execution()` (and `tfe.enable_eager_execution()` with `import tensorflow.contrib.eager
 * as tfe`): TF2 runs eagerly from the start, so the call goes. The `tfe` import or alias goes too when
 * nothing else uses it (TF2 has no tensorflow.contrib, so it would fail to import); when something
 * does, it stays and Level 1's tf.contrib report says what is left. Only whole statements at any
 * level; the call inside an expression is left (and the API check will name it).
 */
export function removeEnableEager(ctx: RuleContext): void {
  const { source, buffer, report, parsed } = ctx;
  const top = parsed.tree.topNode;
  const aliases = new Map<string, SyntaxNode>();
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    const alias = eagerAlias(source, stmt);
    if (alias) aliases.set(alias, stmt);
  }
  const removed: SyntaxNode[] = [];
  const uses = new Map<string, number>();
  const cursor = top.cursor();
  do {
    if (cursor.name === 'VariableName' && aliases.has(source.slice(cursor.from, cursor.to))) {
      const word = source.slice(cursor.from, cursor.to);
      uses.set(word, (uses.get(word) ?? 0) + 1);
    }
    if (cursor.name !== 'ExpressionStatement') continue;
    const call = cursor.node.firstChild;
    if (call?.name !== 'CallExpression' || call.nextSibling) continue;
    const name = call.firstChild ? dottedName(source, call.firstChild) : null;
    if (name === null) continue;
    const head = name.slice(0, name.indexOf('.'));
    if (ENABLE.has(name) || (aliases.has(head) && name === `${head}.enable_eager_execution`)) removed.push(cursor.node);
  } while (cursor.next());
  if (removed.length === 0) return;
  const lines = parsed.lines;
  for (const stmt of removed) {
    const span = lineSpan(lines, stmt);
    const body = stmt.parent;
    let alone = body?.name === 'Body';
    for (let c = body?.firstChild ?? null; alone && c; c = c.nextSibling)
      if (c.from !== stmt.from && c.name.endsWith('Statement')) alone = false;
    buffer.replace(span.from, span.to, alone ? `${lines.indentOf(lines.lineOf(stmt.from))}pass\n` : '');
    const args = stmt.firstChild?.getChild('ArgList');
    if (args && args.to - args.from > 2)
      report.warning(
        2,
        'eager-default',
        stmt,
        'enable_eager_execution(...) removed: TF2 runs eagerly by default; its arguments (config, device policy) are dropped: set ' +
          'them with tf.config instead.',
      );
    else report.info(2, 'eager-default', stmt, 'enable_eager_execution() removed: TF2 runs eagerly by default.');
  }
  const rewritten = rewriteEagerUses(ctx, new Set(aliases.keys()));
  for (const [alias, stmt] of aliases) {
    const all = uses.get(alias) ?? 0;
    const inRemoved = removed.filter((r) => textOf(source, r).startsWith(`${alias}.`)).length;
    // The binding itself is one use; the removed calls and the uses rewritten to TF2 names are the others.
    if (all - 1 - inRemoved - (rewritten.get(alias) ?? 0) !== 0 || inRemoved + (rewritten.get(alias) ?? 0) === 0)
      continue;
    const span = lineSpan(lines, stmt);
    buffer.replace(span.from, span.to, '');
    report.info(
      2,
      'eager-default',
      stmt,
      `\`${alias}\` (tensorflow.contrib.eager) removed: it was only used to enable eager ` +
        `execution${rewritten.has(alias) ? ' and for names TF2 has under tf' : ''}, and TF2 has no tensorflow.contrib.`,
    );
    report.drop((e) => !(e.rule === 'deprecated-module' && e.from >= stmt.from && e.from < stmt.to));
  }
}

/** `import tensorflow.contrib.eager as tfe`, `from tensorflow.contrib import eager as tfe`, `tfe = tf.contrib.eager`: the alias. */
function eagerAlias(source: string, stmt: SyntaxNode): string | null {
  const text = textOf(source, stmt).replace(/\s+/g, ' ').trim();
  let m = /^import ([\w.]+) as (\w+)$/.exec(text);
  if (m && EAGER_MODULES.has(m[1]!)) return m[2]!;
  m = /^from tensorflow\.contrib import eager as (\w+)$/.exec(text);
  if (m) return m[1]!;
  if (stmt.name === 'AssignStatement') {
    m = /^(\w+) = ([\w.]+)$/.exec(text);
    if (m && EAGER_MODULES.has(m[2]!)) return m[1]!;
  }
  return null;
}
