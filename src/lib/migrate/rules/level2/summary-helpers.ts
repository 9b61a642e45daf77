import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { insideRepeat, type Param, paramsOf } from './model-calls.ts';
import { calleeName, callsIn, isTf, tfMember } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { readSummaryCall } from './summaries.ts';
import { helperScopePrefix } from './summary-scopes.ts';

/** A function of the graph code that makes summaries when called (`tf.summary.histogram('relu1', layer_1)` in a model function). */
export interface SummaryHelper {
  name: string;
  /**
   * The graph statements that call it, each with the TF1 name scope of the removed scopes around it
   * ('' for none): the function fetching the merged summary computes them, as fetching it ran them in
   * TF1, each under `with tf.name_scope(<that scope>):`.
   */
  callers: { stmt: GraphStmt; scope: string }[];
  /** Its summary calls and their TF2 text: no step, so they take the step of the writer.as_default() around the call. */
  calls: { call: SyntaxNode; text: string }[];
}

type Blocker = (at: { from: number; to: number }, why: string) => void;

/**
 * Functions defined in the block whose bodies make TF1 summaries, and that the graph code calls. In
 * TF1 the call put the summaries in the graph, and merge_all collected them; in TF2 each call writes
 * them, with the default writer and step (none outside a writer.as_default(): nothing is written, as
 * TF1 wrote nothing for runs that did not fetch the merged summary). Called before merge_all only.
 * Called more than once, each call must sit under removed scopes of its own (`with
 * tf.name_scope('weights'): describe(w)`, then 'biases'): TF1's tags were told apart by them, and the
 * TF2 calls run under the same name scopes, so they write the same tags. Two calls under one scope
 * were told apart only by TF1's _1 suffixes on the names inside, which TF2 does not repeat: refused.
 */
export function readSummaryHelpers(ctx: RuleContext, p: Program, blocker: Blocker): Map<string, SummaryHelper> {
  const { source } = ctx;
  const out = new Map<string, SummaryHelper>();
  const merge = p.stmts.find((s) => s.kind === 'merge');
  const makers = summaryMakers(ctx, p);
  // Functions the graph code calls; a summary-making function called only inside one of them runs when it runs.
  const called = new Set(
    [...makers.keys()].filter((name) =>
      p.stmts.some(
        (s) =>
          s.node.name !== 'FunctionDefinition' &&
          callsIn(ctx.parsed.tree, s.node).some((c) => calleeName(source, c) === name),
      ),
    ),
  );
  for (const [name, def] of makers) {
    const summaryCalls = callsIn(ctx.parsed.tree, def).filter(
      (c) => tfMember(calleeName(source, c), 'summary.') !== null,
    );
    const uses = p.stmts
      .filter((s) => s.node.from >= def.to)
      .flatMap((s) =>
        callsIn(ctx.parsed.tree, s.node)
          .filter((c) => calleeName(source, c) === name)
          .map((call) => ({ call, stmt: s })),
      );
    if (uses.length === 0) continue;
    const callers: SummaryHelper['callers'] = [];
    const byArgument = argumentScope(ctx, def, makers);
    const argumentScopes: string[] = [];
    let ok = true;
    const inner: { call: SyntaxNode; outer: SyntaxNode }[] = [];
    for (const { call: use, stmt: caller } of uses) {
      const outer = caller.node.name === 'FunctionDefinition' ? caller.node : null;
      const outerName = outer ? textOf(source, outer.getChild('VariableName')!) : null;
      if (outer && outerName !== null && called.has(outerName) && makers.has(outerName)) {
        inner.push({ call: use, outer });
        continue;
      }
      if (!merge || use.from > merge.node.from) {
        blocker(use, `\`${name}()\` makes summaries that no tf.summary.merge_all() after the call collects`);
        ok = false;
      } else if (caller.kind !== 'compute') {
        blocker(use, `\`${name}()\` makes summaries and is called here other than to compute a graph tensor`);
        ok = false;
      } else if (callers.some((c) => c.stmt === caller)) {
        blocker(
          use,
          `\`${name}()\` makes summaries and is called twice in one statement: TF1 told their tags apart with _1`,
        );
        ok = false;
      } else {
        const scope = helperScopePrefix(ctx, p, caller.node, name, blocker);
        const apart = byArgument ? scopeArgument(ctx, use, def, byArgument, name, blocker) : undefined;
        if (scope === null || apart === null) ok = false;
        else if (apart !== undefined && !argumentScopes.includes(`${scope}/${apart}`)) {
          argumentScopes.push(`${scope}/${apart}`);
          callers.push({ stmt: caller, scope });
        } else if (callers.some((c) => c.scope === scope)) {
          blocker(
            use,
            `\`${name}()\` makes summaries and is called more than once under the same removed name scope: Level 2 tells ` +
              `the calls' tags apart only by the scopes around them (\`with tf.name_scope('weights'):\`) or by a scope the ` +
              `function opens with a string argument that differs at each call; TF1 told them apart otherwise (a _1 suffix), ` +
              `which is not checked here`,
          );
          ok = false;
        } else callers.push({ stmt: caller, scope });
      }
    }
    if (inner.length > 0 && !innerCallsApart(ctx, name, inner, blocker)) ok = false;
    if (!ok) continue;
    const calls: SummaryHelper['calls'] = [];
    for (const call of summaryCalls) {
      const read = readSummaryCall(ctx, call, call, blocker);
      if (read === null) {
        blocker(
          call,
          `\`${tfMember(calleeName(source, call), 'summary.')}\` in a function that makes summaries has no v2 form written here`,
        );
        continue;
      }
      if (read) calls.push({ call, text: `tf.summary.${read.kind}(${read.args.join(', ')})` });
    }
    out.set(name, { name, callers, calls });
  }
  return out;
}

/**
 * Functions defined in the block that make summaries when called: directly (tf.summary.* in the body)
 * or by calling another such function of the block. By name, in definition order.
 */
function summaryMakers(ctx: RuleContext, p: Program): Map<string, SyntaxNode> {
  const { source } = ctx;
  const defs = p.stmts
    .filter((s) => s.node.name === 'FunctionDefinition' && s.node.getChild('VariableName'))
    .map((s) => ({ name: textOf(source, s.node.getChild('VariableName')!), def: s.node }));
  const makes = new Set(
    defs
      .filter((d) => callsIn(ctx.parsed.tree, d.def).some((c) => tfMember(calleeName(source, c), 'summary.') !== null))
      .map((d) => d.name),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const d of defs)
      if (
        !makes.has(d.name) &&
        callsIn(ctx.parsed.tree, d.def).some((c) => {
          const callee = calleeName(source, c);
          return callee !== null && callee !== d.name && makes.has(callee);
        })
      ) {
        makes.add(d.name);
        grew = true;
      }
  }
  return new Map(defs.filter((d) => makes.has(d.name)).map((d) => [d.name, d.def]));
}

/**
 * The parameter naming a name scope that holds every summary the function makes (`def nn_layer(...,
 * layer_name): with tf.name_scope(layer_name): ...`), or null. Calls passing different plain strings
 * for it wrote different tags in TF1, and do in TF2, where the scope opens the same way.
 */
function argumentScope(ctx: RuleContext, def: SyntaxNode, makers: Map<string, SyntaxNode>): Param | null {
  const { source } = ctx;
  const params = paramsOf(source, def);
  if (!params) return null;
  let found: Param | null = null;
  for (const c of callsIn(ctx.parsed.tree, def)) {
    const callee = calleeName(source, c);
    if (tfMember(callee, 'summary.') === null && !(callee !== null && makers.has(callee))) continue;
    const scope = enclosingScopeParam(ctx, c, def, params);
    if (scope === null || (found !== null && scope !== found)) return null;
    found = scope;
  }
  return found;
}

/** The parameter P of the outermost `with tf.name_scope(P):` between the call and the function, or null. */
function enclosingScopeParam(ctx: RuleContext, call: SyntaxNode, def: SyntaxNode, params: Param[]): Param | null {
  const { source } = ctx;
  let found: Param | null = null;
  for (let n = call.parent; n && !(n.from === def.from && n.to === def.to); n = n.parent) {
    if (n.name !== 'WithStatement' || n.getChildren(',').length > 0) continue;
    const item = n.firstChild?.nextSibling;
    if (item?.name !== 'CallExpression' || !isTf(calleeName(source, item), 'name_scope')) continue;
    const model = new CallModel(item, source, ctx.buffer);
    const arg = model.live.length === 1 ? model.get('name', 0) : undefined;
    const param =
      arg?.arg.value.name === 'VariableName' ? params.find((q) => q.name === textOf(source, arg.arg.value)) : undefined;
    found = param ?? null;
  }
  return found;
}

/**
 * The plain string a call passes for the scope parameter, or null (with the reason). TF1 made a scope's
 * name unique in its graph (a second 'layer1' was 'layer1_1'), so the string must be used nowhere else
 * in the file, as a string or a name: then no other scope or op took it first, in TF1 or in TF2.
 */
function scopeArgument(
  ctx: RuleContext,
  call: SyntaxNode,
  def: SyntaxNode,
  param: Param,
  name: string,
  blocker: Blocker,
): string | null {
  const { source } = ctx;
  const model = new CallModel(call, source, ctx.buffer);
  const params = paramsOf(source, def) ?? [];
  const index = params.findIndex((q) => q.name === param.name);
  const arg = model.opaque || model.hasStarArgs || model.hasStarKwargs ? undefined : model.get(param.name, index);
  const text = arg ? textOf(source, arg.arg.value) : (param.default ?? '');
  const literal = /^(['"])([\w.-]+)\1$/.exec(text);
  const word = literal?.[2];
  if (word === undefined || usesOf(ctx, word) > 1) {
    blocker(
      call,
      `\`${name}()\` makes its summaries under \`tf.name_scope(${param.name})\`, and this call passes ${param.name}=${text || '?'}, ` +
        'not a plain string used nowhere else in the file: whether TF1 made that scope name unique (a _1 suffix) is not read here',
    );
    return null;
  }
  return word;
}

/** How many strings and names of the file spell `word` (a string's content, or an identifier). */
function usesOf(ctx: RuleContext, word: string): number {
  const { source } = ctx;
  let n = 0;
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    const text = source.slice(cursor.from, cursor.to);
    if (cursor.name === 'String' && /^(['"])(.*)\1$/s.exec(text)?.[2] === word) n++;
    else if ((cursor.name === 'VariableName' || cursor.name === 'PropertyName') && text === word) n++;
  } while (cursor.next());
  return n;
}

/**
 * Calls of a summary-making function inside another one, which the graph code calls: they run when it
 * does, under the name scopes it opens. TF1 told their tags apart by those scopes, where they part at
 * two `with` statements naming different plain strings (`'weights'`, then `'biases'`, under the same
 * `tf.name_scope(layer_name)`); two calls under the same scopes, or under two scopes of one name, got
 * _1 suffixes, which TF2 run eagerly does not give: refused, as is a call in a loop (a set of summaries
 * per pass, told apart only by suffixes) and one under a scope whose name is not a plain string or name.
 */
function innerCallsApart(
  ctx: RuleContext,
  name: string,
  inner: { call: SyntaxNode; outer: SyntaxNode }[],
  blocker: Blocker,
): boolean {
  const { source } = ctx;
  const paths: { outer: SyntaxNode; scopes: { from: number; text: string }[] }[] = [];
  let ok = true;
  for (const { call, outer } of inner) {
    if (insideRepeat(call, outer)) {
      blocker(call, `\`${name}()\` makes summaries and is called in a loop: TF1 told each pass's tags apart with _1`);
      ok = false;
      continue;
    }
    const scopes: { from: number; text: string }[] = [];
    let plain = true;
    for (let n = call.parent; n && !(n.from === outer.from && n.to === outer.to); n = n.parent) {
      if (n.name !== 'WithStatement') continue;
      const item = n.firstChild?.nextSibling;
      const callee = item?.name === 'CallExpression' ? calleeName(source, item) : null;
      if (!isTf(callee, 'name_scope', 'variable_scope')) continue;
      const text = textOf(source, item!).replace(/\s+/g, '');
      if (!/^[\w.]+\(((['"])[\w.-]+\2|\w+)\)$/.test(text)) plain = false;
      scopes.unshift({ from: n.from, text });
    }
    const literal = (s: { text: string }) => /\((['"])[\w.-]+\1\)$/.test(s.text);
    const apart = (other: (typeof paths)[number]) => {
      if (other.outer.from !== outer.from) return true;
      if (other.scopes.length !== scopes.length) return false;
      const i = scopes.findIndex((s, k) => s.from !== other.scopes[k]!.from);
      return i >= 0 && literal(scopes[i]!) && literal(other.scopes[i]!) && scopes[i]!.text !== other.scopes[i]!.text;
    };
    if (!plain || !paths.every(apart)) {
      blocker(
        call,
        `\`${name}()\` makes summaries and is called in \`${textOf(source, outer.getChild('VariableName')!)}\` under the same ` +
          'name scopes as another call of it, or under a scope not named by a plain string or parameter: TF1 told their tags ' +
          'apart otherwise (a _1 suffix), which is not checked here',
      );
      ok = false;
      continue;
    }
    paths.push({ outer, scopes });
  }
  return ok;
}
