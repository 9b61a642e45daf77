import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { type LayerPlan, mentions, planDynamicRnn, planLayers } from './layer-calls.ts';
import { assignedNames, assignedValue, calleeName, callsIn, isTf, tfMember } from './names.ts';
import {
  cellMessage,
  importsContribRnn,
  kerasCellText,
  planStaticRnn,
  rnnMember,
  type StaticRnnPlan,
} from './rnn-calls.ts';
import { variableFactories } from './program.ts';
import { localsOf } from './sites.ts';
import { BUILTINS, boundBefore, identifiersIn, replaceIdentifiers } from './bound-names.ts';
import { dropContribRnnImport } from './contrib-rnn-import.ts';
import {
  argumentText,
  callsOf,
  insideRepeat,
  mentionsOutside,
  paramsOf,
  rerunBy,
  sharingOf,
  statementAround,
} from './model-calls.ts';
import { bodyIndent, lineSpan, reindent } from './text.ts';
import { towerLoopAround, unrolledCalls } from './tower-loops.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * A function defined in the file whose body makes layers or RNN cells (a model function: `conv_net(x,
 * n_classes, dropout, reuse, is_training)`, `generator(z, reuse=False)`, `RNN(x, weights, biases)`),
 * called on graph tensors. In TF1 each call that is not under `reuse` makes new variables; in TF2 a
 * function making Keras layers would make new ones on every call, eagerly or per tf.function trace. So
 * the layers and cells are made once, as objects next to the function (just above its `def`), and the
 * function calls them: every call shares their weights, which is what TF1 did exactly when the calls
 * after the first are under `variable_scope(..., reuse=True)` (or AUTO_REUSE), or when there is only
 * one call. Module-level objects rather than a tf.Module class: the function keeps its name, signature
 * and callers, and the objects are what the existing `tf.layers` rewrite makes for graph code.
 *
 * Refused, with the reason: calls that TF1 gave separate variables (two calls without reuse), a reuse
 * that is not a literal per call, layers made in a loop, variables made directly (tf.Variable,
 * get_variable), a layer configured by a value that is not the same at every call or not known where
 * the objects are made, and the function used other than by calling it.
 */
export interface ModelFunctionPlan {
  name: string;
  def: SyntaxNode;
  layers: LayerPlan[];
  rnns: StaticRnnPlan[];
  dynamicRnns: { stmt: SyntaxNode; statement: string }[];
  /** Cell statements moved out of the function (`text` is what stays: nothing, or an alias). */
  cells: { stmt: SyntaxNode; call: SyntaxNode; text: string }[];
  scope: SyntaxNode | null;
  /** `try: <call> except: <the same call, unpacked as an older TF returned it>`: the try's one statement is kept. */
  fallbacks: { node: SyntaxNode; kept: SyntaxNode }[];
  /** Statements that make the objects, without indentation, in the order they must run. */
  constructions: string[];
  /** How the calls share the objects, for the report. */
  sharing: string;
  /** The variable_scope's name ('Generator'), and where its call starts; null and -1 without one. */
  scopeName: string | null;
  scopeCall: number;
  /** Where the first call of the function starts: TF1 made the variables there. */
  firstCall: number;
  /** The objects that own the function's variables (layers and RNN layers; not the cells they own). */
  variableOwners: string[];
}

const applied = new WeakMap<RuleContext, Set<number>>();

/** The one function definition with this name directly in a block (module or function body), or null. */
export function findModelFunction(ctx: RuleContext, name: string): SyntaxNode | null {
  const found: SyntaxNode[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'FunctionDefinition') return undefined;
      const id = ref.node.getChild('VariableName');
      if (id && textOf(ctx.source, id) === name) found.push(ref.node);
      return undefined;
    },
  });
  return found.length === 1 ? found[0]! : null;
}

/**
 * Plans the rewrite of one model function, or returns null after giving `fail` every reason it cannot
 * be rewritten. Reads the buffer (Level 1 edits included) but writes nothing: `applyModelFunction`
 * does that once the caller knows its whole block is safe.
 */
export function planModelFunction(
  ctx: RuleContext,
  def: SyntaxNode,
  taken: Set<string>,
  fail: Fail,
): ModelFunctionPlan | null {
  const { source } = ctx;
  const name = textOf(source, def.getChild('VariableName')!);
  let failed = false;
  const refuse: Fail = (at, why) => {
    failed = true;
    fail(at, why);
  };
  const body = def.getChild('Body');
  if (!body) return null;
  const params = paramsOf(source, def);
  if (params === null) {
    refuse(
      def,
      `\`${name}\` makes layers and takes *args or **kwargs: which argument configures which layer is not read here`,
    );
    return null;
  }

  const calls = callsOf(source, ctx.parsed.tree.topNode, def, name);
  const firstCall = calls.length > 0 ? statementAround(calls[0]!) : null;

  // 1. The body, with one `with tf.variable_scope(...)` opened.
  let scope: SyntaxNode | null = null;
  const stmts: SyntaxNode[] = [];
  const fallbacks: { node: SyntaxNode; kept: SyntaxNode }[] = [];
  for (const stmt of statementsOf(body)) {
    const item = stmt.name === 'WithStatement' ? stmt.firstChild?.nextSibling : null;
    if (item?.name === 'CallExpression' && isTf(calleeName(source, item), 'variable_scope')) {
      if (scope || stmt.getChildren(',').length > 0) {
        refuse(
          stmt,
          `\`${name}\` opens more than one variable_scope; which calls share which variables is not read here`,
        );
        continue;
      }
      scope = stmt;
      stmts.push(...statementsOf(stmt.getChild('Body')!));
      continue;
    }
    const kept = stmt.name === 'TryStatement' ? versionFallback(ctx, stmt) : null;
    if (kept) fallbacks.push({ node: stmt, kept });
    stmts.push(kept ?? stmt);
  }

  // 2. What the body makes, each turned into an object made once.
  const layers: LayerPlan[] = [];
  const rnns: StaticRnnPlan[] = [];
  const dynamicRnns: { stmt: SyntaxNode; statement: string }[] = [];
  const cells: { stmt: SyntaxNode; call: SyntaxNode; text: string }[] = [];
  const made: { at: number; text: string }[] = [];
  /** Cells made once above the function: their local name -> the name they have there. */
  const hoisted = new Map<string, string>();
  /** Cells already refused: the objects made from them are not refused again for it. */
  const unmade = new Set<string>();
  const inFunction = (n: string) => mentions(source, def, n);
  const factories = variableFactories(ctx);
  const nested = callsIn(ctx.parsed.tree, body).find(
    (c) => c.firstChild?.name === 'VariableName' && factories.has(textOf(source, c.firstChild)),
  );
  if (nested)
    refuse(
      nested,
      `\`${name}\` calls \`${textOf(source, nested.firstChild!)}\`, which makes variables too: a model function calling another ` +
        'is not rewritten here',
    );
  for (const stmt of stmts) {
    const creators = callsIn(ctx.parsed.tree, stmt).filter((c) => createsState(ctx, c));
    const looped = creators.find((c) => insideRepeat(c, def));
    if (looped) {
      refuse(
        looped,
        `\`${name}\` makes a layer in a loop or comprehension: TF1 made one per pass, which one object cannot be`,
      );
      continue;
    }
    const direct = creators.find((c) => isTf(calleeName(source, c), 'Variable', 'get_variable'));
    if (direct) {
      refuse(
        firstCall ?? direct,
        `\`${name}(...)\` makes variables and is called on graph tensors: as a TF2 function it would make new variables on every ` +
          `call; turn it into a tf.Module or Keras layer first (this tool makes only layers and RNN cells once, and \`${name}\` ` +
          `calls ${calleeName(source, direct)} at line ${ctx.parsed.lines.position(direct.from).line})`,
      );
      continue;
    }
    const value = assignedValue(stmt);
    const targets = assignedNames(source, stmt) ?? [];
    const cellCall =
      value?.name === 'CallExpression' && rnnMember(ctx, calleeName(source, value), 'cell') ? value : null;
    if (cellCall) {
      const target = targets.length === 1 ? targets[0]! : null;
      const text = kerasCellText(ctx, cellCall, refuse);
      if (text === null) {
        if (target !== null) unmade.add(target);
        if (rnnMember(ctx, calleeName(source, cellCall), 'cell') === 'MultiRNNCell')
          refuse(cellCall, 'a MultiRNNCell made inside a model function is not rewritten here');
        continue;
      }
      if (
        target === null ||
        creators.length > 1 ||
        assignmentsOf(source, def, target) > 1 ||
        params.some((p) => p.name === target)
      ) {
        refuse(stmt, `the RNN cell in \`${name}\` must be made in its own statement \`cell = ...\`, bound once`);
        continue;
      }
      const outside = mentionsOutside(source, ctx.parsed.tree.topNode, def, target) > 0;
      const global = outside ? freshUnique(`${name}_${target}`, taken) : target;
      if (!outside) taken.add(target);
      cells.push({ stmt, call: cellCall, text: outside ? `${target} = ${global}` : '' });
      hoisted.set(target, global);
      made.push({ at: stmt.from, text: `${global} = ${text}` });
      continue;
    }
    const rnn = planStaticRnn(ctx, stmt, `${name}_${targets[0] ?? 'outputs'}`, taken, inFunction, refuse);
    if (rnn) {
      if (creators.some((c) => c.from !== rnn.call.from)) {
        refuse(rnn.call, 'make the RNN cell in its own statement before the RNN call');
        continue;
      }
      rnns.push(rnn);
      made.push(...rnn.constructions.map((text) => ({ at: stmt.from, text })));
      continue;
    }
    if (value?.name === 'CallExpression' && rnnMember(ctx, calleeName(source, value), 'function') !== null) continue;
    const dynamic = planDynamicRnn(ctx, stmt, targets, def, taken, refuse);
    if (dynamic) {
      dynamicRnns.push({ stmt, statement: dynamic.statement });
      made.push({ at: stmt.from, text: dynamic.construction });
      continue;
    }
    const other = creators.find(
      (c) => tfMember(calleeName(source, c), 'layers.') === null && !isKerasLayerCall(ctx, c) && !isDynamicRnn(ctx, c),
    );
    if (other) {
      refuse(
        other,
        `\`${name}\` makes state with \`${calleeName(source, other) ?? 'this call'}\`, which this tool does not make once`,
      );
      continue;
    }
    const wish = targets.length === 1 ? `${name}_${targets[0]}` : name;
    for (const plan of planLayers(ctx, stmt, wish, taken, refuse)) {
      layers.push(plan);
      made.push({ at: plan.call.from, text: plan.construction });
    }
  }

  // 3. Who calls it, and whether TF1 shared the variables between those calls.
  const named = mentionsOutside(source, ctx.parsed.tree.topNode, def, name);
  if (calls.length === 0 || named !== calls.length) {
    refuse(
      def,
      `\`${name}\` makes layers and is used other than by calling it; where its variables are made is not followed`,
    );
    return null;
  }
  // A tower loop (tower-loops.ts) is read as the towers it builds, in order; any other repetition is refused.
  const looped = calls.find((c) => insideRepeat(c, towerLoopAround(ctx, c)?.loop ?? null));
  if (looped) {
    refuse(looped, `\`${name}\` is called in a loop: whether TF1 reused its variables on each pass is not read here`);
    return null;
  }
  const rerun = calls.map((c) => rerunBy(ctx, c)).find((r) => r !== null);
  if (rerun) {
    refuse(
      rerun.call,
      `\`${name}\` is called by \`${rerun.by}\`, which runs more than once: TF1 made variables at each run`,
    );
    return null;
  }
  const sharing = sharingOf(ctx, name, scope, params, calls, refuse, (sorted, text) =>
    unrolledCalls(ctx, sorted, text),
  );
  if (sharing === null) return null;

  // 4. Each object's configuration must mean the same at every call, and be known above the `def`.
  const bound = boundBefore(source, def);
  const locals = localsOf(source, def);
  const constructions: string[] = [];
  const values = new Map<string, string>();
  for (const p of params) {
    const texts = new Set(calls.map((c) => argumentText(ctx, c, p, params)));
    values.set(p.name, texts.size === 1 ? [...texts][0]! : '\0');
  }
  for (const { text, at } of made.sort((a, b) => a.at - b.at)) {
    const eq = text.indexOf(' = ');
    const target = text.slice(0, eq);
    let config = text.slice(eq + 3);
    let bad: string | null = null;
    config = replaceIdentifiers(config, (id) => {
      const global = hoisted.get(id);
      if (global !== undefined) return global;
      const param = params.find((p) => p.name === id);
      if (param) {
        const given = values.get(id)!;
        if (given === '\0' || given === '') {
          bad ??= `\`${id}\` configures a layer of \`${name}\` but is not passed the same value at every call`;
          return id;
        }
        const unknown = [...identifiersIn(given)].find((n) => !bound.has(n) && !BUILTINS.has(n));
        if (unknown !== undefined)
          bad ??= `\`${id}\` configures a layer of \`${name}\` with \`${given}\`, not known above the function`;
        return /^[\w.]+$/.test(given) ? given : `(${given})`;
      }
      if (locals.has(id) && !unmade.has(id))
        bad ??= `\`${id}\` configures a layer of \`${name}\` but is computed inside it; the layer is made once, above the function`;
      else if (!bound.has(id) && !BUILTINS.has(id) && !unmade.has(id))
        bad ??= `\`${id}\` configures a layer of \`${name}\` but is not bound (once) above the function, where the layer is made`;
      return id;
    });
    if (bad !== null) {
      refuse({ from: at, to: at + 1 }, bad);
      continue;
    }
    constructions.push(`${target} = ${config}`);
    bound.add(target);
  }
  if (failed) return null;
  const scopeItem = scope?.firstChild?.nextSibling ?? null;
  const scopeText = scopeItem ? /^[^(]*\(\s*(['"])(\w+)\1/.exec(textOf(source, scopeItem)) : null;
  const owners = [...layers.map((l) => l.construction), ...rnns.flatMap((r) => r.constructions)];
  const dynamicOwners = made.filter((m) => dynamicRnns.some((d) => d.stmt.from === m.at)).map((m) => m.text);
  return {
    name,
    def,
    layers,
    rnns,
    dynamicRnns,
    cells,
    scope,
    fallbacks,
    constructions,
    sharing,
    scopeName: scopeText ? scopeText[2]! : null,
    scopeCall: scopeItem?.from ?? -1,
    firstCall: Math.min(...calls.map((c) => c.from)),
    variableOwners: [...owners, ...dynamicOwners]
      .map((c) => c.slice(0, c.indexOf(' = ')))
      .filter((target) => !STATELESS.test(constructions.find((c) => c.startsWith(`${target} = `)) ?? '')),
  };
}

/** Writes a planned model-function rewrite (once per function, however many blocks call it). */
export function applyModelFunction(ctx: RuleContext, plan: ModelFunctionPlan): void {
  const { buffer, report, parsed } = ctx;
  const lines = parsed.lines;
  let done = applied.get(ctx);
  if (!done) applied.set(ctx, (done = new Set()));
  if (done.has(plan.def.from)) return;
  done.add(plan.def.from);
  const indentOf = (node: { from: number }) => lines.indentOf(lines.lineOf(node.from));
  const replaced: { from: number; to: number }[] = [];
  for (const layer of plan.layers) {
    buffer.replace(layer.call.from, layer.call.to, layer.replacement);
    report.info(2, 'layers-to-keras', layer.call, `${layer.message} (made once, above \`${plan.name}\`)`);
  }
  for (const rnn of plan.rnns) {
    const span = lineSpan(lines, rnn.stmt);
    const indent = indentOf(rnn.stmt);
    buffer.replace(span.from, span.to, rnn.lines.map((l) => `${indent}${l}\n`).join(''));
    replaced.push(span);
    report.info(2, 'layers-to-keras', rnn.call, `${rnn.message}.`);
  }
  for (const rnn of plan.dynamicRnns) {
    buffer.replace(rnn.stmt.from, rnn.stmt.to, rnn.statement);
    report.info(
      2,
      'layers-to-keras',
      rnn.stmt,
      'tf.nn.dynamic_rnn -> a tf.keras.layers.RNN over the same cell, made once',
    );
  }
  for (const cell of plan.cells) {
    const span = lineSpan(lines, cell.stmt);
    buffer.replace(span.from, span.to, cell.text ? `${indentOf(cell.stmt)}${cell.text}\n` : '');
    replaced.push(span);
    report.info(
      2,
      'layers-to-keras',
      cell.call,
      `${cellMessage(ctx, cell.call, `, made once above \`${plan.name}\``)}.`,
    );
  }
  for (const fallback of plan.fallbacks) {
    const span = lineSpan(lines, fallback.node);
    const tryBody = fallback.node.getChild('Body')!;
    const first = tryBody.firstChild?.nextSibling ?? fallback.kept;
    const bodyStart = lines.lineStart(lines.lineOf(first.from));
    const text = reindent(
      buffer.render(bodyStart, lineSpan(lines, fallback.kept).to),
      indentOf(fallback.kept),
      indentOf(fallback.node),
    );
    buffer.replace(span.from, span.to, text);
    replaced.push(span);
    report.info(
      2,
      'version-fallback',
      { from: fallback.node.from, to: tryBody.from },
      'try/except around a call retried with the unpacking an older TensorFlow returned: TF 1.x returns what the try unpacks, so ' +
        'the handler ran only when the call itself had failed (and would fail again); TF2 has one API, so the try body is kept ' +
        'and the handler dropped',
    );
  }
  if (plan.scope) {
    const span = lineSpan(lines, plan.scope);
    const scopeBody = plan.scope.getChild('Body')!;
    const first = scopeBody.firstChild?.nextSibling;
    const bodyStart = first ? lines.lineStart(lines.lineOf(first.from)) : span.to;
    const inner = bodyIndent(lines, scopeBody, `${indentOf(plan.scope)}    `);
    buffer.replace(span.from, span.to, reindent(buffer.render(bodyStart, span.to), inner, indentOf(plan.scope)));
    report.info(
      2,
      'scope-removed',
      { from: plan.scope.from, to: scopeBody.from },
      `variable_scope removed and its body moved out one level: ${plan.sharing}; in TF2 the layer objects own the variables, so ` +
        'their names (and checkpoint keys) no longer carry the scope',
    );
  }
  const anchor = plan.def.parent?.name === 'DecoratedStatement' ? plan.def.parent : plan.def;
  const at = lines.lineStart(lines.lineOf(anchor.from));
  const indent = indentOf(anchor);
  buffer.replace(at, at, `${plan.constructions.map((c) => `${indent}${c}\n`).join('')}\n\n`);
  report.info(
    2,
    'model-function',
    plan.def.getChild('VariableName')!,
    `\`${plan.name}\` makes layers: they are now made once, above it, and each call uses them (${plan.sharing}).`,
  );
  dropContribRnnImport(ctx, replaced);
}

/**
 * `try: a, _, _ = f(args)` / `except ...: a = f(args)`: the same call retried with fewer targets, the
 * shape of a fallback for an older TF whose f returned less. Only for the TF1 calls this module
 * rewrites (whose TF 1.x return the try's unpacking must match, or they are refused), with one
 * handler and no else/finally. Returns the try's statement.
 */
function versionFallback(ctx: RuleContext, stmt: SyntaxNode): SyntaxNode | null {
  const { source } = ctx;
  const bodies = stmt.getChildren('Body');
  if (
    bodies.length !== 2 ||
    stmt.getChildren('except').length !== 1 ||
    stmt.getChild('else') ||
    stmt.getChild('finally')
  )
    return null;
  const [tried, handler] = bodies.map((b) => statementsOf(b));
  if (tried!.length !== 1 || handler!.length !== 1) return null;
  const [first, second] = [tried![0]!, handler![0]!];
  const [v1, v2] = [assignedValue(first), assignedValue(second)];
  if (v1?.name !== 'CallExpression' || v2?.name !== 'CallExpression') return null;
  if (rnnMember(ctx, calleeName(source, v1), 'function') === null) return null;
  const bare = (n: SyntaxNode) => textOf(source, n).replace(/\s+/g, '');
  if (bare(v1) !== bare(v2)) return null;
  const [t1, t2] = [assignedNames(source, first) ?? [], assignedNames(source, second) ?? []];
  if (t2.length === 0 || t2.length >= t1.length || t2.some((t, i) => t !== t1[i])) return null;
  return first;
}

/** Keras layers without variables: left out of a scope's variable list. */
const STATELESS = / = tf\.keras\.layers\.(Dropout|Flatten|(Max|Average)Pooling[123]D)\(/;

/** Calls that make variables: tf.Variable, get_variable, tf.layers, Keras layers, RNN cells and RNNs. */
export function createsState(ctx: RuleContext, call: SyntaxNode): boolean {
  const name = calleeName(ctx.source, call);
  return (
    isTf(name, 'Variable', 'get_variable') ||
    tfMember(name, 'layers.') !== null ||
    isKerasLayerCall(ctx, call) ||
    (name !== null && /^tf\.contrib\.(layers|rnn|slim)\./.test(name) && name !== 'tf.contrib.layers.flatten') ||
    (name !== null && name.startsWith('rnn.') && importsContribRnn(ctx)) ||
    rnnMember(ctx, name, 'cell') !== null ||
    rnnMember(ctx, name, 'function') !== null ||
    isDynamicRnn(ctx, call)
  );
}

function isKerasLayerCall(ctx: RuleContext, call: SyntaxNode): boolean {
  const callee = call.firstChild;
  return callee?.name === 'CallExpression' && tfMember(calleeName(ctx.source, callee), 'keras.layers.') !== null;
}

function isDynamicRnn(ctx: RuleContext, call: SyntaxNode): boolean {
  return tfMember(calleeName(ctx.source, call), 'nn.dynamic_rnn') !== null;
}

function assignmentsOf(source: string, def: SyntaxNode, name: string): number {
  let n = 0;
  const cursor = def.cursor();
  const end = def.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name === 'AssignStatement' && (assignedNames(source, cursor.node) ?? []).includes(name)) n++;
    if (cursor.name === 'ForStatement' && textOf(source, cursor.node).startsWith(`for ${name} `)) n++;
  }
  return n;
}

function freshUnique(wish: string, taken: Set<string>): string {
  let name = wish;
  for (let i = 2; taken.has(name); i++) name = `${wish}_${i}`;
  taken.add(name);
  return name;
}
