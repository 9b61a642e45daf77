/**
 * Who calls a model function, with what, and whether TF1 shared the variables between those calls:
 * the part of the model-function rewrite that reads the call sites.
 */
import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** A parameter of the model function and its default's text. */
export interface Param {
  name: string;
  default: string | null;
}

/** The function's parameters; null with *args, **kwargs or a positional-only marker. */
export function paramsOf(source: string, def: SyntaxNode): Param[] | null {
  const out: Param[] = [];
  const list = def.getChild('ParamList');
  for (let c = list?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === '*' || c.name === '**' || c.name === '/') return null;
    if (c.name !== 'VariableName') continue;
    const eq = c.nextSibling?.name === 'AssignOp' ? c.nextSibling : null;
    const value = eq?.nextSibling ?? null;
    out.push({ name: textOf(source, c), default: value ? textOf(source, value) : null });
    if (value) c = value;
  }
  return out;
}

/** The text passed for a parameter at a call (its default when not passed; '' when neither). */
export function argumentText(ctx: RuleContext, call: SyntaxNode, p: Param, params: Param[]): string {
  const model = new CallModel(call, ctx.source, ctx.buffer);
  if (model.opaque || model.hasStarArgs || model.hasStarKwargs) return '';
  const a = model.get(p.name, params.indexOf(p));
  return a ? model.valueText(a).trim() : (p.default ?? '');
}

const FALSE = new Set(['False', 'None']);
const SHARE = new Set(['True', 'tf.AUTO_REUSE', 'tf.compat.v1.AUTO_REUSE']);

/** How TF1 shared variables between the calls, or null (refused) when not one set shared by all. */
export function sharingOf(
  ctx: RuleContext,
  name: string,
  scope: SyntaxNode | null,
  params: Param[],
  calls: SyntaxNode[],
  fail: Fail,
  unroll: (sorted: SyntaxNode[], text: (call: SyntaxNode) => string) => { call: SyntaxNode; text: string }[] = (
    sorted,
    text,
  ) => sorted.map((call) => ({ call, text: text(call) })),
): string | null {
  const { source } = ctx;
  const item = scope?.firstChild?.nextSibling ?? null;
  const model = item ? new CallModel(item, source, ctx.buffer) : null;
  const reuse = model?.get('reuse');
  const scopeName = model?.get('name_or_scope', 0);
  const extra = model?.live.find((a) => a !== reuse && a !== scopeName);
  if (model && (extra || !scopeName || !/^['"][\w/]*['"]$/.test(textOf(source, scopeName.arg.value)))) {
    fail(item!, `the variable_scope in \`${name}\` is not a plain \`variable_scope('name', reuse=...)\``);
    return null;
  }
  const reuseText = reuse ? textOf(source, reuse.arg.value) : null;
  if (reuseText !== null && SHARE.has(reuseText) && reuseText !== 'True')
    return `variable_scope(reuse=${reuseText}): every call shares one set of variables`;
  const param = reuseText !== null ? params.find((p) => p.name === reuseText) : undefined;
  const sorted = [...calls].sort((a, b) => a.from - b.from);
  if (!param) {
    if (unroll(sorted, () => '').length === 1 && (reuseText === null || FALSE.has(reuseText)))
      return 'one call, so one set of variables, as in TF1';
    fail(
      calls[1] ?? calls[0]!,
      reuseText === null || FALSE.has(reuseText)
        ? `\`${name}\` is called ${calls.length} times without variable_scope(reuse=...): TF1 made new variables at each call, ` +
            'which one set of layer objects would share'
        : `\`${name}\`'s variable_scope(reuse=${reuseText}) is not a parameter of it or a literal; which calls share is not read here`,
    );
    return null;
  }
  for (const [i, { call, text }] of unroll(sorted, (c) => argumentText(ctx, c, param, params)).entries()) {
    const ok = i === 0 ? FALSE.has(text) : SHARE.has(text);
    if (!ok) {
      fail(
        call,
        i === 0
          ? `the first call of \`${name}\` passes ${param.name}=${text || '?'}: TF1 made its variables there only with a literal False`
          : `this call of \`${name}\` passes ${param.name}=${text || '?'}: only a literal True (or tf.AUTO_REUSE) says it shares ` +
              "the first call's variables",
      );
      return null;
    }
  }
  return `the first call made the variables and the later ones reused them (${param.name}=True), so all share one set`;
}

/** Inside a loop, comprehension or lambda (below `stop`, or anywhere when null): run any number of times. */
export function insideRepeat(node: SyntaxNode, stop: SyntaxNode | null): boolean {
  // Compared by place: Lezer makes a new node object each time a node is reached.
  const isStop = (n: SyntaxNode) => stop !== null && n.from === stop.from && n.to === stop.to && n.name === stop.name;
  for (let n = node.parent; n && !isStop(n); n = n.parent)
    if (/^(ForStatement|WhileStatement|LambdaExpression)$|Comprehension/.test(n.name)) return true;
  return false;
}

/**
 * A call inside another function `g` runs once per call of g: when g is called at more than one place
 * or in a loop, TF1 ran the model function's variable-making more than once. (A function passed as a
 * value, an Estimator's model_fn, is for whoever converts its caller.)
 */
export function rerunBy(ctx: RuleContext, call: SyntaxNode): { call: SyntaxNode; by: string } | null {
  const { source } = ctx;
  for (let n = call.parent; n; n = n.parent) {
    if (n.name !== 'FunctionDefinition') continue;
    const id = n.getChild('VariableName');
    if (!id) return null;
    const by = textOf(source, id);
    const outer = callsOf(source, ctx.parsed.tree.topNode, n, by);
    if (outer.length > 1 || outer.some((c) => insideRepeat(c, null))) return { call, by };
    return outer.length === 1 ? rerunBy(ctx, outer[0]!) : null;
  }
  return null;
}

export function statementAround(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && !/Statement$/.test(n.name)) n = n.parent;
  return n;
}

/** Calls of the function by name outside its own body. */
export function callsOf(source: string, top: SyntaxNode, def: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = top.cursor();
  do {
    if (cursor.name !== 'VariableName' || (cursor.from >= def.from && cursor.to <= def.to)) continue;
    if (source.slice(cursor.from, cursor.to) !== name) continue;
    const call = cursor.node.parent;
    if (call?.name === 'CallExpression' && call.firstChild?.from === cursor.from) out.push(call);
  } while (cursor.next());
  return out;
}

export function mentionsOutside(source: string, top: SyntaxNode, def: SyntaxNode, name: string): number {
  let n = 0;
  const cursor = top.cursor();
  do {
    if (cursor.name !== 'VariableName' || (cursor.from >= def.from && cursor.to <= def.to)) continue;
    if (source.slice(cursor.from, cursor.to) === name) n++;
  } while (cursor.next());
  return n;
}
