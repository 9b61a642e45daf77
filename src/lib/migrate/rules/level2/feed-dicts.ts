import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, callsIn, containsNode } from './names.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** A feed dict kept in a variable just before the run that uses it: `feed = {x: xs}` then `sess.run(y, feed_dict=feed)`. */
export interface FeedVariable {
  name: string;
  /** The `feed = {...}` statement, removed once its pairs are keyword arguments. */
  stmt: SyntaxNode;
  dict: SyntaxNode;
  /** Where the name is written: the assignment target and the run's argument. */
  uses: number[];
}

const FEED_WHY =
  'feed_dict is not written out as a {placeholder: value} literal, so which value feeds which placeholder is unknown';

function previousStatement(stmt: SyntaxNode): SyntaxNode | null {
  for (let n = stmt.prevSibling; n; n = n.prevSibling) {
    if (n.name === 'Comment') continue;
    return n.name.endsWith('Statement') ? n : null;
  }
  return null;
}

/**
 * Resolves `feed_dict=NAME` to the dict literal NAME was bound to by the statement right before the
 * run (same block, nothing in between), so its pairs can become keyword arguments. The values move
 * from the dict's statement into the call, so they must be plain (names, attributes, subscripts,
 * literals: no calls, whose effects would move too), and nothing the run's statement calls before the
 * run may come first. Anything else is refused with the reason.
 */
export function feedVariable(
  ctx: RuleContext,
  call: SyntaxNode,
  stmt: SyntaxNode,
  arg: SyntaxNode,
  fail: Fail,
): FeedVariable | null {
  const { source } = ctx;
  const name = textOf(source, arg);
  const prev = previousStatement(stmt);
  const targets = prev ? assignedNames(source, prev) : null;
  const value = prev ? assignedValue(prev) : null;
  if (!prev || !targets || targets.length !== 1 || targets[0] !== name || value?.name !== 'DictionaryExpression') {
    fail(
      arg,
      `${FEED_WHY} (a dict in a variable is read only when the statement right before the run binds it to a {placeholder: value} literal)`,
    );
    return null;
  }
  if (
    callsIn(ctx.parsed.tree, value).length > 0 ||
    containsNode(value, 'NamedExpression') ||
    containsNode(value, 'LambdaExpression')
  ) {
    fail(
      value,
      `the feed dict \`${name}\` computes its values with calls; moved into the run they would happen at another time, so it is left ` +
        `as it is`,
    );
    return null;
  }
  const before = callsIn(ctx.parsed.tree, stmt).find(
    (c) => c.from < call.from && !(c.from <= call.from && call.to <= c.to),
  );
  if (before) {
    fail(
      before,
      `this call runs before the Session.run that uses the feed dict \`${name}\`; moving the dict's values into the run would reorder them`,
    );
    return null;
  }
  const target = prev.firstChild!;
  return { name, stmt: prev, dict: value, uses: [target.from, arg.from] };
}

/** A feed dict variable mentioned anywhere but its binding and its run would be left dangling: refuse there. */
export function checkFeedVariables(ctx: RuleContext, block: SyntaxNode, feeds: FeedVariable[], fail: Fail): void {
  if (feeds.length === 0) return;
  const seen = new Set<number>();
  for (const f of feeds) {
    if (seen.has(f.stmt.from))
      fail(
        f.dict,
        `the feed dict \`${f.name}\` is used by two runs in one statement, so it cannot become keyword arguments`,
      );
    seen.add(f.stmt.from);
  }
  const names = new Set(feeds.map((f) => f.name));
  const allowed = new Set(feeds.flatMap((f) => f.uses));
  const cursor = block.cursor();
  const end = block.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name !== 'VariableName' || allowed.has(cursor.from)) continue;
    const node = cursor.node;
    if (node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') continue; // a keyword, `f(feed_dict=...)`
    const word = ctx.source.slice(cursor.from, cursor.to);
    if (names.has(word))
      fail(
        { from: cursor.from, to: cursor.to },
        `the feed dict \`${word}\` is used here too, not only by the run right after it, so it cannot become keyword arguments`,
      );
  }
}
