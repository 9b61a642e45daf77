import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, callsIn, calleeName, isTf } from './names.ts';
import { expressionFetchProblem } from './fetch-expressions.ts';
import { checkIteratorInitializers, iteratorInitializer } from './iterators.ts';
import { bindsSequence } from './tensor-lists.ts';
import { checkFeedVariables, type FeedVariable, feedVariable } from './feed-dicts.ts';
import { checkFeedHelpers, type FeedHelperCall, feedHelperCall } from './feed-helpers.ts';
import { graphBindingBefore, type Program } from './program.ts';
import { planRunTrace, type RunTracePlan } from './run-traces.ts';

/**
 * A place where graph code is run: `sess.run(fetches, feed_dict)`, `t.eval(feed_dict)`, `op.run(...)`,
 * and the Session's own housekeeping (`sess.run(init)`, `sess.close()`).
 */
export interface Site {
  call: SyntaxNode;
  stmt: SyntaxNode;
  kind: 'run' | 'remove' | 'numpy';
  fetches: string[];
  list: boolean;
  feeds: Map<string, string>;
  /** VariableName nodes this site accounts for (fetches, feed keys, the session). */
  consumed: number[];
  /** The feed dict was a variable bound just before the run; its statement goes once the pairs are arguments. */
  feedVariable?: FeedVariable;
  /** `sess.run(iterator.initializer)`: the iterator it initializes (the run goes). */
  iterator?: string;
  /** The feed dict was built by a helper function, `feed_dict=feed(True)`: the call passes `**feed(True)`. */
  feedHelper?: FeedHelperCall;
  /** `options=` FULL_TRACE and `run_metadata=`, written by add_run_metadata: the call is traced with tf.summary. */
  trace?: RunTracePlan;
  /** `sess.run(<expression>)`: the expression, returned by a function of its own. */
  expr?: SyntaxNode;
}

/** The statement a node belongs to (the child of a Body or Script that holds it). */
export function statementOf(node: SyntaxNode): SyntaxNode {
  let n: SyntaxNode = node;
  while (n.parent && n.parent.name !== 'Body' && n.parent.name !== 'Script') n = n.parent;
  return n;
}

export function findSites(
  ctx: RuleContext,
  p: Program,
  fail: (at: { from: number; to: number }, why: string) => void,
): Site[] {
  const sites: Site[] = [];
  for (const call of callsIn(ctx.parsed.tree, p.block)) {
    const blockersBefore = p.blockers.length;
    readSite(ctx, p, call, sites, fail);
    // A run this tool could not read is already explained; its session and tensors need no second note.
    if (p.blockers.length > blockersBefore) p.explained.push({ from: call.from, to: call.to });
  }
  checkIteratorInitializers(
    ctx,
    p,
    sites.flatMap((s) => (s.iterator ? [{ name: s.iterator, stmt: s.stmt }] : [])),
    fail,
  );
  checkFeedVariables(
    ctx,
    p.block,
    sites.flatMap((s) => (s.feedVariable ? [s.feedVariable] : [])),
    fail,
  );
  checkFeedHelpers(
    ctx,
    sites.flatMap((s) => (s.feedHelper ? [s.feedHelper] : [])),
    p.explained,
    fail,
  );
  return sites;
}

function readSite(
  ctx: RuleContext,
  p: Program,
  call: SyntaxNode,
  sites: Site[],
  fail: (at: { from: number; to: number }, why: string) => void,
): void {
  const { source } = ctx;
  {
    const callee = call.firstChild;
    if (callee?.name !== 'MemberExpression') return;
    const object = callee.firstChild!;
    const prop = callee.lastChild?.name === 'PropertyName' ? textOf(source, callee.lastChild) : null;
    const objectName = object.name === 'VariableName' ? textOf(source, object) : null;
    const stmt = statementOf(call);
    const whole =
      stmt.name === 'ExpressionStatement' && stmt.firstChild?.from === call.from && stmt.firstChild.to === call.to;
    const model = new CallModel(call, source, ctx.buffer);
    const base = { call, stmt, feeds: new Map<string, string>(), consumed: [] as number[] };

    if (
      object.name === 'CallExpression' &&
      isTf(
        calleeName(source, object),
        'global_variables_initializer',
        'initialize_all_variables',
        'local_variables_initializer',
      ) &&
      prop === 'run'
    ) {
      if (!whole) fail(call, 'an initializer run inside a larger expression');
      else if (model.opaque || model.live.some((a) => a.keyword !== 'session'))
        fail(call, 'an initializer run() with arguments other than session=');
      else {
        // `.run(session=sess)` names the session it runs in: that mention goes with the run.
        const session = model.get('session')?.arg.value;
        const consumed =
          session?.name === 'VariableName' && p.sessions.has(textOf(source, session)) ? [session.from] : [];
        sites.push({ ...base, kind: 'remove', fetches: [], list: false, consumed });
      }
      return;
    }
    if (objectName === null || prop === null) return;
    if (p.sessions.has(objectName) && prop === 'close') {
      if (whole) sites.push({ ...base, kind: 'remove', fetches: [], list: false, consumed: [object.from] });
      else fail(call, 'sess.close() inside a larger expression');
      return;
    }
    const isSessionRun = p.sessions.has(objectName) && prop === 'run';
    const isEval = prop === 'eval' && (p.compute.has(objectName) || p.state.has(objectName));
    const isOpRun = prop === 'run' && (p.trains.has(objectName) || p.inits.has(objectName));
    if (!isSessionRun && !isEval && !isOpRun) return;
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs) {
      fail(call, 'a Session.run with arguments this tool cannot read');
      return;
    }
    const site: Site = { ...base, kind: 'run', fetches: [], list: false, consumed: [object.from] };
    const feedArg = model.get('feed_dict', isSessionRun ? 1 : 0);
    if (isSessionRun) {
      const fetch = model.get('fetches', 0);
      if (!fetch) {
        fail(call, 'sess.run() without fetches');
        return;
      }
      const options = model.get('options', 2);
      const metadata = model.get('run_metadata', 3);
      if (options && metadata) {
        // Not this shape: the reason why, and below what each argument was for.
        const trace = planRunTrace(ctx, p, stmt, options.arg.value, metadata.arg.value, fail);
        if (trace) site.trace = trace;
      }
      const extras = model.live.filter(
        (a) => a !== fetch && a !== feedArg && !(site.trace && (a === options || a === metadata)),
      );
      const RUN_PARAMS = ['fetches', 'feed_dict', 'options', 'run_metadata'];
      for (const extra of extras)
        fail(extra.arg, runArgumentProblem(extra.keyword ?? RUN_PARAMS[model.positional.indexOf(extra)] ?? null));
      if (extras.length > 0) return;
      const node = fetch.arg.value;
      const iterator = iteratorInitializer(ctx, p, stmt, node, whole && !feedArg && model.live.length === 1, fail);
      if (iterator === null) return;
      if (iterator !== undefined) {
        sites.push({ ...site, kind: 'remove', iterator, consumed: [object.from, node.from] });
        return;
      }
      const items =
        node.name === 'ArrayExpression' || node.name === 'TupleExpression' || node.name === 'ParenthesizedExpression'
          ? node.getChildren('VariableName')
          : node.name === 'VariableName'
            ? [node]
            : null;
      const itemCount = node.name === 'VariableName' ? 1 : countItems(node);
      if (
        node.name === 'CallExpression' &&
        isTf(
          calleeName(source, node),
          'global_variables_initializer',
          'initialize_all_variables',
          'local_variables_initializer',
        )
      ) {
        if (whole) sites.push({ ...site, kind: 'remove' });
        else fail(call, 'an initializer run inside a larger expression');
        return;
      }
      if (!items || items.length !== itemCount || items.length === 0) {
        const why = expressionFetchProblem(ctx, p, call, node);
        if (why !== null) {
          fail(fetch.arg.value, why);
          return;
        }
        site.expr = node;
        const cursor = node.cursor();
        do {
          if (cursor.from >= node.to) break;
          if (cursor.name === 'VariableName') site.consumed.push(cursor.from);
        } while (cursor.next());
      } else {
        site.fetches = items.map((n) => textOf(source, n));
        site.list = node.name !== 'VariableName';
        site.consumed.push(...items.map((n) => n.from));
      }
    } else {
      site.fetches = [objectName];
      if (model.get('session')) {
        const s = model.get('session')!;
        if (s.arg.value.name === 'VariableName') site.consumed.push(s.arg.value.from);
      }
      for (const a of model.live)
        if (a.keyword !== 'feed_dict' && a.keyword !== 'session' && a !== feedArg)
          fail(a.arg, `${prop}() argument this tool does not know`);
    }
    if (site.expr) {
      if (feedArg && !readFeedArg(ctx, p, call, stmt, feedArg.arg.value, site, fail)) return;
      sites.push(site);
      return;
    }
    if (site.fetches.every((f) => p.inits.has(f))) {
      if (whole) sites.push({ ...site, kind: 'remove' });
      else fail(call, 'an initializer run inside a larger expression');
      return;
    }
    // A name bound to a tensor and (later or earlier) to a placeholder means the binding before the run.
    const tensorHere = (f: string) => p.compute.has(f) && graphBindingBefore(p, f, call.from)?.kind !== 'placeholder';
    const odd = site.fetches.find((f) => !tensorHere(f) && !p.trains.has(f) && !p.merges.has(f) && !p.state.has(f));
    const sequence = site.fetches.find((f) => {
      const binding = graphBindingBefore(p, f, call.from);
      return binding?.kind === 'compute' && bindsSequence(binding.stmt) && targetsOne(binding.stmt, f);
    });
    if (odd === undefined && sequence !== undefined) {
      fail(
        call,
        `\`${sequence}\` is a Python list or tuple of tensors: Session.run gave a list of arrays, a function would give tensors; ` +
          `fetch its items by name`,
      );
      return;
    }
    if (odd !== undefined) {
      fail(call, `\`${odd}\` is fetched but is not a tensor, training op or summary defined by the graph code here`);
      return;
    }
    if (feedArg && !readFeedArg(ctx, p, call, stmt, feedArg.arg.value, site, fail)) return;
    if (site.fetches.length === 1 && p.state.has(site.fetches[0]!) && site.feeds.size === 0) site.kind = 'numpy';
    else if (site.fetches.some((f) => p.state.has(f))) {
      fail(call, 'a variable fetched together with other things: read it with .numpy() after the call');
      return;
    }
    sites.push(site);
  }
}

/** Session.run arguments besides fetches and feed_dict have no function-call form: say what each was for. */
function runArgumentProblem(keyword: string | null): string {
  if (keyword === 'options' || keyword === 'run_metadata')
    return (
      `sess.run(${keyword}=...) traces the step into a RunMetadata (for timeline.Timeline); TF2 has no RunOptions or RunMetadata: ` +
      `profile the call between tf.profiler.experimental.start(logdir) and stop(), which writes a TensorBoard profile instead`
    );
  return `sess.run(${keyword ?? '...'}=...) is an argument this tool does not know`;
}

function readFeedArg(
  ctx: RuleContext,
  p: Program,
  call: SyntaxNode,
  stmt: SyntaxNode,
  arg: SyntaxNode,
  site: Site,
  fail: (at: { from: number; to: number }, why: string) => void,
): boolean {
  let dict = arg;
  if (dict.name === 'VariableName') {
    const variable = feedVariable(ctx, call, stmt, dict, fail);
    if (!variable) return false;
    site.feedVariable = variable;
    dict = variable.dict;
  }
  if (dict.name === 'CallExpression') {
    const helper = feedHelperCall(ctx, dict, new Set(p.placeholders.keys()), fail);
    if (!helper) return false;
    site.feedHelper = helper;
    for (const key of helper.helper.keys) site.feeds.set(key, '');
    site.consumed.push(...helper.helper.keyNodes.map((k) => k.from));
    return true;
  }
  if (dict.name !== 'DictionaryExpression') {
    fail(
      dict,
      'feed_dict is not written out as a {placeholder: value} literal, so which value feeds which placeholder is unknown',
    );
    return false;
  }
  return readFeeds(ctx, dict, site, p, fail);
}

function countItems(node: SyntaxNode): number {
  let n = 0;
  for (let c = node.firstChild; c; c = c.nextSibling) if (!['[', ']', '(', ')', ','].includes(c.name)) n++;
  return n;
}

function readFeeds(
  ctx: RuleContext,
  dict: SyntaxNode,
  site: Site,
  p: Program,
  fail: (at: { from: number; to: number }, why: string) => void,
): boolean {
  const { source } = ctx;
  const parts: SyntaxNode[] = [];
  for (let c = dict.firstChild; c; c = c.nextSibling) if (!['{', '}', ',', ':'].includes(c.name)) parts.push(c);
  if (parts.length % 2 !== 0) {
    fail(dict, 'feed_dict with ** unpacking or comprehension');
    return false;
  }
  for (let i = 0; i < parts.length; i += 2) {
    const key = parts[i]!;
    const value = parts[i + 1]!;
    const name = key.name === 'VariableName' ? textOf(source, key) : null;
    // The placeholder a key means is the one its name is bound to when the run happens.
    if (name === null || graphBindingBefore(p, name, site.call.from)?.kind !== 'placeholder') {
      fail(
        key,
        `feeds \`${textOf(source, key)}\`, which is not a placeholder: overriding an intermediate tensor has no direct TF2 form`,
      );
      return false;
    }
    site.feeds.set(name, ctx.buffer.render(value.from, value.to));
    site.consumed.push(key.from);
  }
  return true;
}

/** `h = [a, b]` binds the sequence to `h`; `a, b = [x, y]` unpacks it, so each name is one tensor. */
function targetsOne(stmt: { targets: string[] }, name: string): boolean {
  return stmt.targets.length === 1 && stmt.targets[0] === name;
}

/** Names a function definition binds locally (parameters, assignment and loop targets), so uses inside it are not the block's. */
export function localsOf(source: string, fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const params = fn.getChild('ParamList');
  for (let c = params?.firstChild ?? null; c; c = c.nextSibling)
    if (c.name === 'VariableName' && c.prevSibling?.name !== 'AssignOp') out.add(textOf(source, c));
  const cursor = fn.cursor();
  const end = fn.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name === 'AssignStatement') for (const n of assignedNames(source, cursor.node) ?? []) out.add(n);
    if (cursor.name === 'ForStatement') {
      for (let c = cursor.node.firstChild; c && c.name !== 'in'; c = c.nextSibling)
        if (c.name === 'VariableName') out.add(textOf(source, c));
    }
  }
  return out;
}
