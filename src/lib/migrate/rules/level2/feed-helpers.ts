import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { findModelFunction } from './model-functions.ts';
import { freshName, identifiersOf } from './names.ts';
import { localsOf } from './sites.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * A function that builds the feed dict, `feed_dict=feed(True)`, each of whose returns is a
 * `{placeholder: value}` literal with the same placeholders: `def feed(train): ...; return {x: xs, k: 1.0}`.
 * In TF2 it returns the same values keyed by the converted function's parameter names
 * (`{'x': xs, 'k': 1.0}`), and the run becomes `step(**feed(True))`: the helper still runs once, just
 * before the step, as it ran before the Session.run.
 */
export interface FeedHelper {
  name: string;
  def: SyntaxNode;
  /** The placeholders every return feeds. */
  keys: string[];
  /** The placeholder keys in its returns, written as strings once converted. */
  keyNodes: SyntaxNode[];
}

export interface FeedHelperCall {
  helper: FeedHelper;
  call: SyntaxNode;
}

const helpers = new WeakMap<RuleContext, Map<string, FeedHelper | null>>();
const rewritten = new WeakMap<RuleContext, Set<number>>();

/** The feed helper `call` calls, or null (with the reason) where its function is not of that shape. */
export function feedHelperCall(
  ctx: RuleContext,
  call: SyntaxNode,
  placeholders: Set<string>,
  fail: Fail,
): FeedHelperCall | null {
  const { source } = ctx;
  const callee = call.firstChild;
  if (callee?.name !== 'VariableName') {
    fail(
      call,
      'feed_dict is built by a call this tool cannot follow (only a function of this file, called by its name)',
    );
    return null;
  }
  const name = textOf(source, callee);
  let known = helpers.get(ctx);
  if (!known) helpers.set(ctx, (known = new Map()));
  // Read once per function and graph block: each of the block's runs it feeds shares the result.
  const key = `${name}:${[...placeholders].join(',')}`;
  if (!known.has(key)) known.set(key, readHelper(ctx, name, call, placeholders, fail));
  const helper = known.get(key)!;
  if (!helper) {
    fail(call, `feed_dict is built by \`${name}()\`, whose dicts this tool cannot read`);
    return null;
  }
  return { helper, call };
}

function readHelper(
  ctx: RuleContext,
  name: string,
  call: SyntaxNode,
  placeholders: Set<string>,
  fail: Fail,
): FeedHelper | null {
  const { source } = ctx;
  const def = findModelFunction(ctx, name);
  const refuse = (at: { from: number; to: number }, why: string) => {
    fail(at, `the feed dict helper \`${name}()\` ${why}, so its dicts cannot become keyword arguments`);
    return null;
  };
  if (!def) {
    fail(call, `feed_dict is built by \`${name}()\`, which is not one function defined in this file`);
    return null;
  }
  const where = def.parent;
  if (where?.name !== 'Script' && !(where?.name === 'Body' && where.parent?.name === 'FunctionDefinition'))
    return refuse(def, 'is not a plain function of the module or of a function');
  if (def.prevSibling?.name === 'Decorator') return refuse(def, 'is decorated');
  const body = def.getChild('Body');
  const last = body ? statementsOf(body).at(-1) : undefined;
  if (last?.name !== 'ReturnStatement') return refuse(def, 'does not end with `return {placeholder: value, ...}`');
  const returns: SyntaxNode[] = [];
  const cursor = def.cursor();
  while (cursor.next() && cursor.from < def.to) {
    if (cursor.name === 'YieldExpression' || cursor.name === 'yield')
      return refuse({ from: cursor.from, to: cursor.to }, 'is a generator');
    if (cursor.name !== 'ReturnStatement' || ownFunction(cursor.node) !== def) continue;
    returns.push(cursor.node);
  }
  const locals = localsOf(source, def);
  let keys: string[] | null = null;
  const keyNodes: SyntaxNode[] = [];
  for (const ret of returns) {
    const dict = ret.lastChild;
    if (dict?.name !== 'DictionaryExpression') return refuse(ret, 'returns something other than a dict literal here');
    const parts: SyntaxNode[] = [];
    for (let c = dict.firstChild; c; c = c.nextSibling) if (!['{', '}', ',', ':'].includes(c.name)) parts.push(c);
    if (parts.length % 2 !== 0) return refuse(dict, 'returns a dict with ** unpacking or a comprehension');
    const here: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const key = parts[i]!;
      const word = key.name === 'VariableName' ? textOf(source, key) : null;
      if (word === null || !placeholders.has(word) || locals.has(word))
        return refuse(key, `feeds \`${textOf(source, key)}\`, which is not a placeholder of the graph code`);
      here.push(word);
      keyNodes.push(key);
    }
    if (keys && (keys.length !== here.length || here.some((k) => !keys!.includes(k))))
      return refuse(dict, 'feeds other placeholders here than in its other returns');
    keys ??= here;
  }
  return { name, def, keys: keys ?? [], keyNodes };
}

function ownFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent)
    if (n.name === 'FunctionDefinition' || n.name === 'LambdaExpression') return n;
  return null;
}

/**
 * A helper's name mentioned anywhere but its definition and the feed_dict calls would call a function
 * that no longer returns a feed dict: refuse there (runs refused for another reason are already explained).
 */
export function checkFeedHelpers(
  ctx: RuleContext,
  calls: FeedHelperCall[],
  explained: { from: number; to: number }[],
  fail: Fail,
): void {
  const { source } = ctx;
  const byName = new Map<string, FeedHelper>();
  for (const c of calls) byName.set(c.helper.name, c.helper);
  if (byName.size === 0) return;
  const allowed = new Set(calls.map((c) => c.call.firstChild!.from));
  for (const h of byName.values()) allowed.add(h.def.getChild('VariableName')!.from);
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    if (cursor.name !== 'VariableName' || allowed.has(cursor.from)) continue;
    const node = cursor.node;
    if (node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') continue; // a keyword, `f(feed_dict=...)`
    // A run already refused for its own reason needs no second one.
    if (explained.some((r) => r.from <= cursor.from && cursor.to <= r.to)) continue;
    const word = source.slice(cursor.from, cursor.to);
    if (byName.has(word))
      fail(
        { from: cursor.from, to: cursor.to },
        `the feed dict helper \`${word}()\` is used here too, not only for a Session.run's feed_dict, so its dicts cannot become ` +
          `keyword arguments`,
      );
  } while (cursor.next());
}

/** The step a helper feeds must take exactly the helper's placeholders: `**` would pass any other as an unknown keyword. */
export function checkFeedHelperParams(helper: FeedHelper, params: string[], at: SyntaxNode, fail: Fail): void {
  const extra = helper.keys.filter((k) => !params.includes(k));
  if (extra.length > 0)
    fail(
      at,
      `\`${helper.name}()\` feeds ${extra.map((k) => `\`${k}\``).join(', ')}, which what is fetched here does not use; passed as ` +
        `**${helper.name}(...) it would be an unexpected keyword argument`,
    );
}

/** The helper's placeholder keys become the parameter names, as strings: `{x: xs}` -> `{'x': xs}`. */
export function rewriteFeedHelper(ctx: RuleContext, helper: FeedHelper): void {
  // Two graph blocks of one file may share a helper: its keys are rewritten once.
  let done = rewritten.get(ctx);
  if (!done) rewritten.set(ctx, (done = new Set()));
  if (done.has(helper.def.from)) return;
  done.add(helper.def.from);
  for (const key of helper.keyNodes) ctx.buffer.replace(key.from, key.to, `'${textOf(ctx.source, key)}'`);
  const name = helper.name === 'feed_dict' ? renameFeedDictHelper(ctx, helper) : helper.name;
  ctx.report.info(
    2,
    'feed-dict-to-arguments',
    helper.def,
    `The feed dict helper \`${helper.name}()\` now returns its values keyed by parameter name; its runs pass them as ` +
      `**${name}(...) keyword arguments` +
      (name !== helper.name
        ? ` (renamed \`${name}\`: it no longer builds a feed_dict, TF1's Session.run argument).`
        : '.'),
  );
}

/**
 * A helper named `feed_dict`, TF1's keyword, returns keyword arguments now: it gets a name that says
 * so. checkFeedHelpers made sure its definition and the runs' calls are its only mentions.
 */
function renameFeedDictHelper(ctx: RuleContext, helper: FeedHelper): string {
  const { source } = ctx;
  const taken = identifiersOf(source, ctx.parsed.tree.topNode);
  const name = freshName('feed_arguments', taken);
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== helper.name) continue;
    const node = cursor.node;
    if (node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') continue; // the keyword `feed_dict=`
    ctx.buffer.replace(cursor.from, cursor.to, name);
  } while (cursor.next());
  return name;
}
