import { CallModel } from '../../call.ts';
import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { BUILTINS, boundBefore, identifiersIn, replaceIdentifiers } from './bound-names.ts';
import { argumentText, callsOf, insideRepeat, mentionsOutside, type Param, paramsOf, rerunBy } from './model-calls.ts';
import { createsState, findModelFunction } from './model-functions.ts';
import { assignedNames, assignedValue, calleeName, callsIn, freshName, isTf, namesIn } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { localsOf } from './sites.ts';
import { lineSpan } from './text.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * A function of the file whose only state is tf.Variables (`nn_layer(x, 784, 500, 'layer1')` making
 * its weights with `weights = weight_variable([input_dim, output_dim])`), called on graph tensors at
 * several places. tf.Variable ignores variable_scope reuse, so TF1 made a new set of variables at each
 * call, once, when the graph was built; a TF2 step function calling it would make new ones at every
 * step (or trace). So each call's variables are made once, where the call was, before any step runs,
 * from the same initial-value expression with that call's arguments in place of the parameters
 * (`hidden1_weights = weight_variable([784, 500])`), and passed to it by keyword: the statements making
 * them leave the function, their names become keyword-only parameters, and every use in the body
 * reads the variable of the call it runs for, at every step.
 *
 * A variable is made by `tf.Variable(...)` itself or by a helper defined in the file that only returns
 * a new tf.Variable of an initial value computed from its parameters (`weight_variable`, `bias_variable`).
 * Refused, with the reason: tf.get_variable (named and reused by scope), layers or other state, a
 * variable made in a loop, under a condition or try, or not bound alone to one name; a variable written
 * (assign), read through an attribute or captured by a nested function (it would be the same object
 * at every step, which TF1's graph ops did not promise); initial values read from names computed in
 * the function or sized by a graph tensor or a call; the function called in a loop, by a function
 * that runs more than once, outside the graph code converted here, or used other than by calling it.
 */
export interface SiteVariablesPlan {
  name: string;
  def: SyntaxNode;
  /** Statements making one variable each: they leave the function, and their targets become keyword-only parameters. */
  makers: { stmt: SyntaxNode; target: string }[];
  /** Each call: the variables made where its statement was, and the keyword arguments passing them. */
  sites: { call: SyntaxNode; stmt: GraphStmt; constructions: string[]; args: string[] }[];
}

const STATEFUL_TF =
  /Variable|variable|placeholder|summary|collection|assign|scatter|control_dependencies|py_func|layers/;

/**
 * A helper that only returns a new tf.Variable of an initial value: optionally a docstring and
 * assignments of tf tensors, then `return tf.Variable(...)`. Its call does at the call site what TF1's
 * call did inside the function, once.
 */
export function isVariableMaker(ctx: RuleContext, def: SyntaxNode): boolean {
  const { source } = ctx;
  const body = def.getChild('Body');
  if (!body || paramsOf(source, def) === null) return false;
  const stmts = statementsOf(body);
  const last = stmts.at(-1);
  const returned = last?.name === 'ReturnStatement' ? last.lastChild : null;
  if (returned?.name !== 'CallExpression' || !isTf(calleeName(source, returned), 'Variable')) return false;
  for (const [i, stmt] of stmts.slice(0, -1).entries()) {
    if (i === 0 && stmt.name === 'ExpressionStatement' && stmt.firstChild?.name === 'String') continue;
    if (stmt.name !== 'AssignStatement' || (assignedNames(source, stmt) ?? []).length !== 1) return false;
  }
  return callsIn(ctx.parsed.tree, body).every((c) => {
    const name = calleeName(source, c);
    if (c.from === returned.from) return true;
    return name !== null && name.startsWith('tf.') && !STATEFUL_TF.test(name);
  });
}

/** Whether every piece of state the function makes is a tf.Variable, by itself or from a variable-making helper. */
export function makesOnlyVariables(ctx: RuleContext, def: SyntaxNode, factories: Set<string>): boolean {
  const { source } = ctx;
  const body = def.getChild('Body');
  if (!body) return false;
  let some = false;
  for (const c of callsIn(ctx.parsed.tree, body)) {
    const callee = c.firstChild?.name === 'VariableName' ? textOf(source, c.firstChild) : null;
    if (callee !== null && factories.has(callee)) {
      const helper = findModelFunction(ctx, callee);
      if (!helper || !isVariableMaker(ctx, helper)) return false;
      some = true;
    } else if (createsState(ctx, c)) {
      if (!isTf(calleeName(source, c), 'Variable')) return false;
      some = true;
    }
  }
  return some;
}

/** The model functions of the block whose only state is tf.Variables, planned one set of variables per call. */
export function planSiteVariableFunctions(
  ctx: RuleContext,
  p: Program,
  factories: Set<string>,
  taken: Set<string>,
  fail: Fail,
): SiteVariablesPlan[] {
  const out: SiteVariablesPlan[] = [];
  for (const name of p.modelFunctions.keys()) {
    const def = findModelFunction(ctx, name);
    if (!def || !makesOnlyVariables(ctx, def, factories)) continue;
    const plan = planSiteVariables(ctx, p, def, factories, taken, fail);
    if (plan) out.push(plan);
  }
  return out;
}

function planSiteVariables(
  ctx: RuleContext,
  p: Program,
  def: SyntaxNode,
  factories: Set<string>,
  taken: Set<string>,
  fail: Fail,
): SiteVariablesPlan | null {
  const { source } = ctx;
  const name = textOf(source, def.getChild('VariableName')!);
  const body = def.getChild('Body')!;
  const params = paramsOf(source, def);
  if (params === null) {
    fail(
      def,
      `\`${name}\` makes variables and takes *args or **kwargs: which argument sizes which variable is not read here`,
    );
    return null;
  }
  let failed = false;
  const refuse: Fail = (at, why) => {
    failed = true;
    fail(at, why);
  };

  // 1. The statements making variables, each `target = <maker>(...)` in the function's straight-line code.
  const makers: { stmt: SyntaxNode; target: string; value: SyntaxNode }[] = [];
  for (const c of callsIn(ctx.parsed.tree, body)) {
    const callee = c.firstChild?.name === 'VariableName' ? textOf(source, c.firstChild) : null;
    if (!(callee !== null && factories.has(callee)) && !createsState(ctx, c)) continue;
    const stmt = c.parent;
    const targets = stmt ? (assignedNames(source, stmt) ?? []) : [];
    if (stmt?.name !== 'AssignStatement' || assignedValue(stmt)?.from !== c.from || targets.length !== 1) {
      refuse(c, `the variable \`${name}\` makes here must be bound by itself to one name (\`w = tf.Variable(...)\`)`);
      continue;
    }
    const where = unconditional(ctx, stmt, body) ?? (leftBefore(body, stmt) ? 'after a return or raise' : null);
    if (where !== null) {
      refuse(c, `\`${name}\` makes a variable ${where}: TF1 made it (or not) once per call, as the graph was built`);
      continue;
    }
    makers.push({ stmt, target: targets[0]!, value: c });
  }
  for (const m of makers) {
    const why = escapes(ctx, def, m.target, m.stmt, params);
    if (why !== null) refuse(m.stmt, why);
  }

  // 2. The calls: each in graph code converted here, run once when TF1 built the graph.
  const calls = callsOf(source, ctx.parsed.tree.topNode, def, name);
  if (calls.length === 0 || mentionsOutside(source, ctx.parsed.tree.topNode, def, name) !== calls.length) {
    refuse(
      def,
      `\`${name}\` makes variables and is used other than by calling it; where its variables are made is not followed`,
    );
    return null;
  }
  const sites: SiteVariablesPlan['sites'] = [];
  for (const call of calls) {
    const stmt = p.stmts.find((s) => s.kind === 'compute' && s.node.from <= call.from && call.to <= s.node.to);
    if (!stmt) {
      refuse(
        call,
        `\`${name}\` makes variables and is called here, outside the graph code this tool moves into functions`,
      );
      continue;
    }
    if (insideRepeat(call, null)) {
      refuse(
        call,
        `\`${name}\` makes variables and is called in a loop, comprehension or lambda: TF1 made a set per pass`,
      );
      continue;
    }
    const rerun = rerunBy(ctx, call);
    if (rerun) {
      refuse(
        call,
        `\`${name}\` is called by \`${rerun.by}\`, which runs more than once: TF1 made variables at each run`,
      );
      continue;
    }
    sites.push({ call, stmt, constructions: [], args: [] });
  }
  if (failed) return null;

  // 3. Each call's variables, from the initial values with that call's arguments.
  const bound = boundBefore(source, def);
  const locals = localsOf(source, def);
  const graphName = (n: string) =>
    p.placeholders.has(n) || p.compute.has(n) || p.trains.has(n) || p.merges.has(n) || p.sessions.has(n);
  for (const site of sites) {
    const wish = site.stmt.targets[0] ?? name;
    for (const m of makers) {
      let bad: string | null = null;
      const text = replaceIdentifiers(ctx.buffer.render(m.value.from, m.value.to), (id) => {
        const param = params.find((q) => q.name === id);
        if (param) {
          const given = passed(ctx, site.call, param, params);
          if (given === null) bad ??= `\`${id}\` sizes a variable of \`${name}\`, and this call passes it with * or **`;
          else if (/[\w)\]]\s*\(/.test(given.text))
            bad ??=
              `\`${id}\` sizes a variable of \`${name}\` with \`${given.text}\`, a call, which would run again where the ` +
              'variable is made';
          else {
            const unknown = [...identifiersIn(given.text)].find((n) =>
              given.byDefault ? !bound.has(n) && !BUILTINS.has(n) : graphName(n),
            );
            if (unknown !== undefined)
              bad ??= given.byDefault
                ? `\`${id}\` sizes a variable of \`${name}\` with its default \`${given.text}\`, not known above the function`
                : `\`${id}\` sizes a variable of \`${name}\` with \`${given.text}\`, a graph tensor: the variable is made ` +
                  'once, before any step, from plain values';
          }
          const value = given?.text ?? id;
          return /^[\w.]+$/.test(value) ? value : `(${value})`;
        }
        const helper = p.helpers.get(id);
        if (locals.has(id)) bad ??= `\`${id}\` sizes a variable of \`${name}\` but is computed inside it`;
        else if (graphName(id) || (helper && [...helper.free].some(graphName)))
          bad ??=
            `\`${id}\` sizes a variable of \`${name}\` and is${helper ? ' a function reading' : ''} graph code, which moves into ` +
            'the step functions: the variable is made once, before any step, from plain values';
        else if (!bound.has(id) && !BUILTINS.has(id))
          bad ??= `\`${id}\` sizes a variable of \`${name}\` but is not bound (once) above the function`;
        return id;
      });
      if (bad !== null) {
        refuse(site.call, bad);
        continue;
      }
      const variable = freshName(`${wish}_${m.target}`, taken);
      site.constructions.push(`${variable} = ${text}`);
      site.args.push(`${m.target}=${variable}`);
    }
  }
  if (failed) return null;
  return { name, def, makers: makers.map(({ stmt, target }) => ({ stmt, target })), sites };
}

/** The text a call passes for a parameter, and whether it is the default; null with * or ** arguments. */
function passed(
  ctx: RuleContext,
  call: SyntaxNode,
  param: Param,
  params: Param[],
): { text: string; byDefault: boolean } | null {
  const model = new CallModel(call, ctx.source, ctx.buffer);
  if (model.opaque || model.hasStarArgs || model.hasStarKwargs) return null;
  const given = model.get(param.name, params.indexOf(param)) !== undefined;
  return { text: argumentText(ctx, call, param, params), byDefault: !given };
}

/** Whether a return or raise of the function's own comes before the statement: some calls may not reach it. */
function leftBefore(body: SyntaxNode, stmt: SyntaxNode): boolean {
  const cursor = body.cursor();
  while (cursor.next() && cursor.from < stmt.from) {
    if (cursor.name !== 'ReturnStatement' && cursor.name !== 'RaiseStatement') continue;
    let n = cursor.node.parent;
    while (n && n.name !== 'FunctionDefinition' && n.name !== 'LambdaExpression') n = n.parent;
    if (n && n.from === body.parent?.from) return true;
  }
  return false;
}

/** Null when the statement runs once per call (only name scopes around it in the body); else where it is. */
function unconditional(ctx: RuleContext, stmt: SyntaxNode, body: SyntaxNode): string | null {
  for (let n = stmt.parent; n && !(n.from === body.from && n.to === body.to); n = n.parent) {
    if (n.name === 'Body' || n.name === 'WithStatement') {
      if (n.name === 'WithStatement') {
        const item = n.firstChild?.nextSibling;
        if (item?.name !== 'CallExpression' || !isTf(calleeName(ctx.source, item), 'name_scope'))
          return 'under a `with` other than a name scope';
      }
      continue;
    }
    return /For|While|Comprehension/.test(n.name)
      ? 'in a loop'
      : /Function|Lambda|Class/.test(n.name)
        ? 'in a nested function'
        : 'under a condition or try';
  }
  return null;
}

/**
 * Why the variable bound to `target` may not become a parameter, or null: it must be bound once, not be
 * a parameter already, and be read only as a value (an operand, or an argument of a call that neither
 * writes nor collects it); not returned, aliased, read through an attribute (`w.assign`, `w.op`) or
 * captured by a nested function, where what holds it is not followed here.
 */
function escapes(ctx: RuleContext, def: SyntaxNode, target: string, maker: SyntaxNode, params: Param[]): string | null {
  const { source } = ctx;
  if (params.some((q) => q.name === target))
    return `\`${target}\` is a parameter and is bound to a variable in the function; which one a call means is not read here`;
  const rebound = `\`${target}\` is bound again in the function: only a variable bound once is made per call`;
  const cursor = def.cursor();
  const end = def.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name === 'AssignStatement' && cursor.from !== maker.from) {
      const op = cursor.node.getChild('AssignOp');
      const bound = new Set<string>();
      for (let c = cursor.node.firstChild; c && op && c.to <= op.from; c = c.nextSibling) namesIn(source, c, bound);
      if (bound.has(target)) return rebound;
    }
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== target) continue;
    if (cursor.from >= maker.from && cursor.to <= maker.to) continue;
    const node = cursor.node;
    for (let n = node.parent; n && !(n.from === def.from && n.to === def.to); n = n.parent)
      if (/^(FunctionDefinition|LambdaExpression|ClassDefinition)$/.test(n.name))
        return `the variable \`${target}\` is captured by a nested function or class, which is not followed here`;
    const parent = node.parent;
    if (parent?.name === 'ArgList') {
      if (node.nextSibling?.name === 'AssignOp') continue;
      const callee = parent.parent ? calleeName(source, parent.parent) : null;
      if (callee !== null && /assign|scatter|collection/i.test(callee))
        return `the variable \`${target}\` is passed to \`${callee}\`, which writes or collects it`;
      continue;
    }
    if (parent && /^(BinaryExpression|UnaryExpression|ParenthesizedExpression)$/.test(parent.name)) continue;
    if (parent?.name === 'MemberExpression')
      return `the variable \`${target}\` is used through an attribute (\`${textOf(source, parent)}\`), which this tool does not follow`;
    if (parent && /^(UpdateStatement|ScopeStatement|ForStatement)$/.test(parent.name)) return rebound;
    return (
      `the variable \`${target}\` is used here other than as an operand or argument (returned, aliased or stored), ` +
      'which is not followed'
    );
  }
  return null;
}

/**
 * Writes a plan: the making statements leave the function (a body left empty keeps a `pass`), their
 * targets become keyword-only parameters, and every call passes its own variables by keyword. Returns
 * the constructions to write where each calling statement was, before its other objects.
 */
export function applySiteVariables(ctx: RuleContext, plan: SiteVariablesPlan): Map<GraphStmt, string[]> {
  const { buffer, report, parsed } = ctx;
  const lines = parsed.lines;
  const out = new Map<GraphStmt, string[]>();
  const removed = new Set(plan.makers.map((m) => m.stmt.from));
  for (const m of plan.makers) {
    const span = lineSpan(lines, m.stmt);
    const block = m.stmt.parent!;
    const rest = statementsOf(block).filter((s) => !removed.has(s.from));
    const first = statementsOf(block).find((s) => removed.has(s.from));
    const pass = rest.length === 0 && first?.from === m.stmt.from;
    buffer.replace(span.from, span.to, pass ? `${lines.indentOf(lines.lineOf(m.stmt.from))}pass\n` : '');
  }
  const list = plan.def.getChild('ParamList')!;
  const last = list.lastChild?.prevSibling;
  const keywords = plan.makers.map((m) => m.target).join(', ');
  const afterParam = last && last.name !== '(' ? (last.name === ',' ? last.prevSibling! : last) : null;
  if (afterParam) buffer.insert(afterParam.to, `, *, ${keywords}`, 'left');
  else buffer.insert(list.from + 1, `*, ${keywords}`, 'right');
  for (const site of plan.sites) {
    const args = site.call.getChild('ArgList')!;
    const lastArg = args.lastChild?.prevSibling;
    const afterArg = lastArg && lastArg.name !== '(' ? (lastArg.name === ',' ? lastArg.prevSibling! : lastArg) : null;
    if (afterArg) buffer.insert(afterArg.to, `, ${site.args.join(', ')}`, 'left');
    else buffer.insert(args.from + 1, site.args.join(', '), 'right');
    out.set(site.stmt, [...(out.get(site.stmt) ?? []), ...site.constructions]);
  }
  const made = plan.sites.flatMap((s) => s.constructions.map((c) => c.slice(0, c.indexOf(' = '))));
  report.info(
    2,
    'site-variables',
    plan.def.getChild('VariableName')!,
    `\`${plan.name}\` makes tf.Variables and is called ${plan.sites.length === 1 ? 'once' : `at ${plan.sites.length} places`}: ` +
      `TF1 made a new set at each call (tf.Variable ignores reuse), once, so each call's variables are now made once where the ` +
      `call was (${made.join(', ')}), from the same initial values with that call's arguments, and passed to it by keyword ` +
      `(${keywords}); every step uses them. TF1 named each after the name scopes open where it was made (<scopes>/Variable); ` +
      `made outside them, the TF2 variables are named 'Variable' (checkpoints name them by object, not by name).`,
  );
  return out;
}
