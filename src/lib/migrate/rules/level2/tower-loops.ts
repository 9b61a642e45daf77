import { CallModel } from '../../call.ts';
import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, calleeName, callsIn, freshName, isTf, namesIn, tfMember } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { rnnMember } from './rnn-calls.ts';
import { lineSpan, reindent } from './text.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * The canonical TF1 multi-GPU tower loop, built once in the graph:
 *
 *     tower_grads = []; reuse = False
 *     for i in range(num_gpus):
 *         with tf.device(<device string, or a device function for it>):
 *             <graph code: slices of the batch, model-function calls with reuse=reuse, a loss>
 *             opt = tf.train.XOptimizer(...)
 *             grads = opt.compute_gradients(loss)
 *             if i == 0: <graph code bound for one tower only>
 *             reuse = True
 *             tower_grads.append(grads)
 *     train = opt.apply_gradients(average(tower_grads))   # or avg = average(tower_grads) first
 *
 * TF2 keeps the loop as it is written, inside the functions that replace Session.run (so each name the
 * loop binds means what TF1 fetched: the last tower's binding, or the one tower's under `if i == K`),
 * with a GradientTape per tower for compute_gradients, and the optimizer made once above. The loop and
 * not tf.distribute.MirroredStrategy: the strategy would replace the program's own batch slicing,
 * averaging function and device strings by its own (an all-reduce over replicas it chooses), which is
 * the same math only if the user's code is what the strategy does, and a fetched tower value would come
 * back per replica, not as the last tower's; the loop keeps exactly the user's code and fetches.
 * Refused, with the reason: any other statement in the loop (a Python side effect would run at every
 * step, where TF1 ran it once), variables made in the loop itself, a tower count that is not a number
 * fixed in the program, a name read in the loop before the loop binds it (each tower would read the
 * tower before), and a device function other than "the tower's device, variables elsewhere".
 */
export interface TowerLoop {
  loop: SyntaxNode;
  variable: string;
  count: number;
  /** A device function call in the loop's `with tf.device(...)`: replaced by its first argument (a device string). */
  deviceFunction: { call: SyntaxNode; device: SyntaxNode; def: SyntaxNode; name: string } | null;
  /** The tower's statements (inside the device block), in order. */
  body: SyntaxNode[];
  optimizer: { name: string; stmt: SyntaxNode; value: SyntaxNode };
  gradients: { name: string; stmt: SyntaxNode; loss: string };
  list: string;
  /** `reuse = False` before the loop, `reuse = True` at the end of each tower: the flag's name. */
  flag: string | null;
}

const loops = new WeakMap<RuleContext, TowerLoop[]>();

/** Python builtins a tower's graph code may call: they compute values and have no side effect. */
const PURE = new Set(['len', 'int', 'float', 'min', 'max', 'abs', 'range', 'zip', 'list', 'tuple', 'str', 'bool']);

/** The tower loop around a node, read by readTowerLoop, or null. */
export function towerLoopAround(ctx: RuleContext, node: SyntaxNode): TowerLoop | null {
  return (loops.get(ctx) ?? []).find((t) => t.loop.from <= node.from && node.to <= t.loop.to) ?? null;
}

/**
 * Whether a `for` statement of graph code is a tower loop: one that reads graph tensors and computes
 * gradients or calls a model function (`factories`). Such a loop is then read whole, as one graph statement binding every
 * name it binds, or refused with each reason. Other loops are left to the rest of the reading.
 */
export function readTowerLoop(
  ctx: RuleContext,
  p: Program,
  entry: GraphStmt,
  factories: Set<string>,
  fail: Fail,
): boolean {
  const { source } = ctx;
  const loop = entry.node;
  const calls = callsIn(ctx.parsed.tree, loop);
  const named = (c: SyntaxNode) => (c.firstChild?.name === 'VariableName' ? textOf(source, c.firstChild) : null);
  const computes = /\.compute_gradients\s*\(/.test(textOf(source, loop));
  if (!computes && !calls.some((c) => factories.has(named(c) ?? ''))) return false;
  // Only loops that read graph tensors: any other loop is not graph code, and is left as it was read before.
  const names = [...namesIn(source, loop)];
  if (names.some((n) => p.sessions.has(n)) || !names.some((n) => p.placeholders.has(n) || p.compute.has(n)))
    return false;
  let failed = false;
  const refuse: Fail = (at, why) => {
    failed = true;
    fail(at, why);
  };

  // 1. for <name> in range(<a number fixed in the program>):
  const variable = loop.getChild('VariableName');
  const over = variable?.nextSibling?.nextSibling;
  const loopBody = loop.getChild('Body');
  if (!variable || !over || !loopBody || loop.getChildren('Body').length !== 1 || variable.nextSibling?.name !== 'in') {
    refuse(loop, 'a loop building graph code is read here only as `for i in range(n):` over one name, without else');
    return true;
  }
  const v = textOf(source, variable);
  const count = towerCount(ctx, over);
  if (count === null) {
    refuse(
      over,
      'the loop building graph code does not run over range(n) with n a number fixed in the program (a literal, or a name bound ' +
        'once to one): how many towers TF1 built is not known here',
    );
    return true;
  }

  // 2. The tower: the loop's statements, or those of its one `with tf.device(...)`.
  let body = statementsOf(loopBody);
  let deviceFunction: TowerLoop['deviceFunction'] = null;
  const only = body.length === 1 ? body[0]! : null;
  const item = only?.name === 'WithStatement' ? only.firstChild?.nextSibling : null;
  if (only && item?.name === 'CallExpression' && isTf(calleeName(source, item), 'device')) {
    if (only.getChildren(',').length > 0 || only.getChild('as')) {
      refuse(only, 'the tower loop opens more than a plain `with tf.device(...)`');
      return true;
    }
    const arg = new CallModel(item, source, ctx.buffer).get('device_name_or_function', 0);
    deviceFunction = arg ? readDeviceFunction(ctx, arg.arg.value, refuse) : null;
    body = statementsOf(only.getChild('Body')!);
  }

  // 3. Every statement: graph code, the optimizer, its compute_gradients, the reuse flag, the append.
  let optimizer: TowerLoop['optimizer'] | null = null;
  let gradients: TowerLoop['gradients'] | null = null;
  let list: string | null = null;
  let flag: { name: string; set: SyntaxNode } | null = null;
  const bound = new Set<string>();
  const firstBound = new Map<string, number>();
  const bind = (n: string, at: number) => {
    bound.add(n);
    if (!firstBound.has(n)) firstBound.set(n, at);
  };
  const graphCode = (stmt: SyntaxNode, oneTower: boolean) => {
    const targets = assignedNames(source, stmt);
    const value = assignedValue(stmt);
    if (stmt.name !== 'AssignStatement' || targets === null || targets.length === 0 || !value) {
      refuse(
        stmt,
        'a statement in the tower loop that is not an assignment of graph code (the loop runs at every step in TF2, where TF1 ran ' +
          'it once, so only graph code is moved into it)',
      );
      return;
    }
    if (targets.includes(v)) refuse(stmt, `the tower loop assigns its own variable \`${v}\``);
    for (const call of callsIn(ctx.parsed.tree, value)) {
      const name = calleeName(source, call);
      const callee = named(call);
      if (makesState(ctx, name)) {
        refuse(
          call,
          `\`${name}\` makes variables in the tower loop: TF1 made one set per tower unless a variable_scope reused them; make the ` +
            'layers in a model function called with reuse',
        );
      } else if (callee !== null && factories.has(callee)) {
        if (oneTower)
          refuse(
            call,
            `\`${callee}\` is called for one tower only (under \`if ${v} == ...\`): its sharing is not read here`,
          );
      } else if (!(name?.startsWith('tf.') ?? false) && !(callee !== null && PURE.has(callee)))
        refuse(
          call,
          `the tower loop calls \`${name ?? textOf(source, call.firstChild!)}\`, which is not a tf function or a model function: ` +
            'what it does at every step (TF1 ran it once) is not read here',
        );
    }
    for (const t of targets) bind(t, stmt.from);
  };
  for (const stmt of body) {
    const value = stmt.name === 'ExpressionStatement' ? stmt.firstChild : assignedValue(stmt);
    const targets = assignedNames(source, stmt) ?? [];
    const one = targets.length === 1 ? targets[0]! : null;
    const model = value?.name === 'CallExpression' ? new CallModel(value, source, ctx.buffer) : null;
    const receiver = model?.callee.firstChild;
    if (one && model && tfMember(calleeName(source, value!), 'train.')?.endsWith('Optimizer')) {
      if (optimizer) refuse(stmt, 'the tower loop makes two optimizers');
      const inLoop = [...namesIn(source, value!)].find((n) => bound.has(n) || n === v);
      if (inLoop)
        refuse(
          value!,
          `the optimizer is configured with \`${inLoop}\`, computed in the tower loop: it is made once, above the loop`,
        );
      optimizer = { name: one, stmt, value: value! };
      bind(one, stmt.from);
      continue;
    }
    if (one && model?.shortName === 'compute_gradients' && receiver?.name === 'VariableName') {
      const loss = model.get('loss', 0);
      if (!optimizer || textOf(source, receiver) !== optimizer.name || gradients) {
        refuse(
          stmt,
          'compute_gradients() in the tower loop is read only once per tower, on the optimizer made in it before',
        );
        continue;
      }
      if (
        !loss ||
        loss.arg.value.name !== 'VariableName' ||
        model.live.length !== 1 ||
        !bound.has(textOf(source, loss.arg.value))
      ) {
        refuse(
          value!,
          'compute_gradients() in the tower loop is read only of a loss the tower computes, named, without other arguments',
        );
        continue;
      }
      gradients = { name: one, stmt, loss: textOf(source, loss.arg.value) };
      bind(one, stmt.from);
      continue;
    }
    if (one && value && textOf(source, value) === 'True' && boundBeforeTo(source, p, one, loop, 'False')) {
      if (flag) refuse(stmt, 'the tower loop sets two flags');
      flag = { name: one, set: stmt };
      continue;
    }
    if (
      stmt.name === 'ExpressionStatement' &&
      model &&
      model.shortName === 'append' &&
      receiver?.name === 'VariableName'
    ) {
      const name = textOf(source, receiver);
      const arg = model.live.length === 1 && !model.live[0]!.keyword ? model.live[0]!.arg.value : null;
      if (
        !gradients ||
        list ||
        !arg ||
        textOf(source, arg) !== gradients.name ||
        !boundBeforeTo(source, p, name, loop, '[]')
      ) {
        refuse(
          stmt,
          'the tower loop appends to a list only the gradients it computes, once, to a list made empty just before the loop',
        );
        continue;
      }
      list = name;
      continue;
    }
    if (stmt.name === 'IfStatement') {
      const cond = stmt.firstChild?.nextSibling;
      const tower = cond ? new RegExp(`^${v}\\s*==\\s*\\d+$`).test(textOf(source, cond)) : false;
      if (!tower || stmt.getChildren('Body').length !== 1 || stmt.getChild('elif') || stmt.getChild('else')) {
        refuse(
          stmt,
          `an \`if\` in the tower loop is read only as \`if ${v} == <number>:\` (one tower's graph code), without elif or else`,
        );
        continue;
      }
      for (const inner of statementsOf(stmt.getChild('Body')!)) graphCode(inner, true);
      continue;
    }
    graphCode(stmt, false);
  }
  if (!optimizer || !gradients || !list) {
    refuse(
      loop,
      'a loop building graph code is read here only as a tower loop: an optimizer, its compute_gradients() of the tower loss, ' +
        'and those gradients appended to a list made before the loop',
    );
    return true;
  }

  // 4. Each tower reads only what the loop bound before, the batch and the names bound above it.
  for (const [name, first] of firstBound) {
    const early = readsOf(source, loop, name).find((at) => at < first);
    if (early !== undefined)
      refuse(
        { from: early, to: early + name.length },
        `\`${name}\` is read in the tower loop before the loop binds it: each tower would read the tower before`,
      );
  }
  const optimizerRead = readsOf(source, loop, optimizer.name).find((at) => !isReceiverOf(at, gradients!.stmt));
  if (optimizerRead !== undefined)
    refuse(
      { from: optimizerRead, to: optimizerRead + optimizer.name.length },
      `the tower loop reads the optimizer \`${optimizer.name}\` other than for compute_gradients(): it is made once, above the loop`,
    );
  if (flag) {
    const uses = readsOf(source, loop, flag.name);
    const asReuse = uses.every((at) => at < flag.set.from && isFactoryArgument(ctx, loop, at, factories));
    if (!asReuse)
      refuse(
        flag.set,
        `the flag \`${flag.name}\` is read here other than as a model function's argument before it is set: what it means per tower ` +
          'is not read here',
      );
  }
  const after = readsOf(source, p.block, v).filter((at) => at >= loop.to && !inComprehensionOver(ctx, at, v));
  if (after.length > 0)
    refuse(
      { from: after[0]!, to: after[0]! + v.length },
      `\`${v}\` is read after the tower loop (TF1's last tower number): the loop now runs inside the functions`,
    );
  if (failed) return true;

  const tower: TowerLoop = {
    loop,
    variable: v,
    count,
    deviceFunction,
    body,
    optimizer,
    gradients,
    list,
    flag: flag?.name ?? null,
  };
  loops.set(ctx, [...(loops.get(ctx) ?? []), tower]);
  const locals = new Set([v, optimizer.name, ...[...bound].filter((n) => n !== flag?.name)]);
  entry.kind = 'compute';
  entry.targets = [...new Set([...bound, list, ...(flag ? [flag.name] : [])])].filter((n) => n !== optimizer!.name);
  entry.uses = new Set([...entry.uses].filter((n) => !locals.has(n)));
  for (const t of entry.targets) {
    p.compute.set(t, entry);
    p.assignments.set(t, [...(p.assignments.get(t) ?? []), entry]);
  }
  // The empty list and the flag's False are bound again by each function that runs the loop.
  for (const name of [list, ...(flag ? [flag.name] : [])]) {
    const prior = p.stmts.filter((s) => s.targets.includes(name) && s.node.from < loop.from).at(-1)!;
    prior.kind = 'compute';
    p.compute.set(name, prior);
    p.assignments.set(
      name,
      [...(p.assignments.get(name) ?? []), prior].sort((a, b) => a.node.from - b.node.from),
    );
  }
  p.optimizers.set(optimizer.name, { stmt: optimizer.stmt, text: '' });
  for (const u of entry.uses) if (factories.has(u) && !p.modelFunctions.has(u)) p.modelFunctions.set(u, loop);
  return true;
}

/**
 * The pairs a tower loop computed, averaged by a function of the program: `avg = f(list)`, or `f(list)`
 * in the apply_gradients call itself. Returns the loop, or null. (The list itself holds a list of
 * pairs per tower, which apply_gradients takes in neither TF1 nor TF2.)
 */
export function towerPairs(
  ctx: RuleContext,
  p: Program,
  pairs: SyntaxNode,
  at: number,
): { tower: TowerLoop; list: string } | null {
  const { source } = ctx;
  const binding = (n: string, before: number) =>
    (p.assignments.get(n) ?? []).filter((s) => s.node.from < before).at(-1) ?? null;
  const named = pairs.name === 'VariableName' ? binding(textOf(source, pairs), at) : null;
  const value = named ? named.value : pairs;
  if (value?.name !== 'CallExpression' || value.firstChild?.name !== 'VariableName') return null;
  const averaging = textOf(source, value.firstChild);
  const defined = statementsOf(ctx.parsed.tree.topNode).some(
    (s) => s.name === 'FunctionDefinition' && textOf(source, s.getChild('VariableName')!) === averaging,
  );
  const model = new CallModel(value, source, ctx.buffer);
  const arg = model.live.length === 1 && !model.live[0]!.keyword ? model.live[0]!.arg.value : null;
  if (!defined || !arg || arg.name !== 'VariableName' || model.hasStarArgs || model.hasStarKwargs) return null;
  const list = textOf(source, arg);
  const inner = binding(list, named ? named.node.from : at);
  const tower = inner?.node.name === 'ForStatement' ? towerLoopAround(ctx, inner.node) : null;
  return tower?.list === list ? { tower, list } : null;
}

/**
 * The calls of a model function in execution order, with the text each passes for `reuse`: a call in
 * a tower loop counts once for the first tower (the flag still False) and once for every later one.
 */
export function unrolledCalls(
  ctx: RuleContext,
  calls: SyntaxNode[],
  textOf_: (call: SyntaxNode) => string,
): { call: SyntaxNode; text: string }[] {
  const out: { call: SyntaxNode; text: string }[] = [];
  const seen = new Set<TowerLoop>();
  for (const call of calls) {
    const tower = towerLoopAround(ctx, call);
    if (!tower) {
      out.push({ call, text: textOf_(call) });
      continue;
    }
    if (seen.has(tower)) continue;
    seen.add(tower);
    const inLoop = calls.filter((c) => towerLoopAround(ctx, c) === tower);
    for (let i = 0; i < Math.min(tower.count, 2); i++)
      for (const c of inLoop) {
        const text = textOf_(c);
        out.push({ call: c, text: text === tower.flag ? (i === 0 ? 'False' : 'True') : text });
      }
  }
  return out;
}

/** What the TF2 form of a tower loop needs: its edits, and the optimizer made once where the loop was. */
export interface TowerPlan {
  tower: TowerLoop;
  optimizerText: string;
  tape: string;
  variables: string;
}

/** The tower loops read in this block, each with its optimizer's Keras text (none when that was refused). */
export function planTowerLoops(
  ctx: RuleContext,
  p: Program,
  optimizerTexts: Map<SyntaxNode, string>,
  taken: Set<string>,
): TowerPlan[] {
  const out: TowerPlan[] = [];
  for (const stmt of p.stmts) {
    const tower = stmt.node.name === 'ForStatement' ? towerLoopAround(ctx, stmt.node) : null;
    const optimizerText = tower ? optimizerTexts.get(tower.optimizer.stmt) : undefined;
    if (tower && optimizerText !== undefined)
      out.push({
        tower,
        optimizerText,
        tape: freshName('tape', taken),
        variables: freshName('tower_variables', taken),
      });
  }
  return out;
}

/**
 * Rewrites the loop in place (the functions that replace Session.run copy its text): the tower's
 * statements up to compute_gradients run under a GradientTape, compute_gradients becomes that tape's
 * gradients over the variables it watched, in pairs; the optimizer is made once, above (returned).
 */
export function applyTowerLoop(ctx: RuleContext, plan: TowerPlan): string {
  const { buffer, report, parsed } = ctx;
  const lines = parsed.lines;
  const { tower } = plan;
  const indentOf = (node: SyntaxNode) => lines.indentOf(lines.lineOf(node.from));
  const device = tower.deviceFunction;
  if (device) {
    buffer.replace(device.call.from, device.call.to, buffer.render(device.device.from, device.device.to));
    report.info(
      2,
      'tower-loop',
      device.call,
      `\`${device.name}(...)\` is a device function (variables on one device, the tower's ops on another); TF2's tf.device ` +
        `takes only a device string (a function raises RuntimeError, eagerly and in tf.function), so the tower's device string ` +
        `is kept: the tower's ops still run there, but the variables are no longer put on the function's other device: TF2 ` +
        `places them where the layers are first built. (TF2's soft placement also falls back to an existing device where ` +
        `TF1 failed without the GPUs.)`,
    );
    removeDeviceFunction(ctx, device.def, device.name);
  }
  const opt = tower.optimizer.stmt;
  buffer.replace(lineSpan(lines, opt).from, lineSpan(lines, opt).to, '');
  const first = tower.body[0]!;
  const grads = tower.gradients.stmt;
  const indent = indentOf(first);
  const { tape, variables: vars } = plan;
  const from = lines.lineStart(lines.lineOf(first.from));
  const to = lines.lineStart(lines.lineOf(grads.from));
  const forward = reindent(buffer.render(from, to), indent, `${indent}    `).replace(/\n*$/, '\n');
  buffer.replace(from, to, `${indent}with tf.GradientTape() as ${tape}:\n${forward}`);
  buffer.replace(
    grads.from,
    grads.to,
    `${vars} = ${tape}.watched_variables()\n${indentOf(grads)}${tower.gradients.name} = ` +
      `list(zip(${tape}.gradient(${tower.gradients.loss}, ${vars}), ${vars}))`,
  );
  report.info(
    2,
    'tower-loop',
    { from: tower.loop.from, to: tower.loop.getChild('Body')!.from },
    `Tower loop kept as written, inside the functions that replace Session.run (each runs every tower, as TF1's graph held ` +
      `them; a fetched name means its last tower's binding, as in TF1); the layers are made once, so the towers share them as ` +
      `reuse did. Functions that fetch only a loss or accuracy compute every tower's gradients too (the same values; TF1 ran ` +
      `only the part the fetch needed).`,
  );
  report.info(
    2,
    'minimize-to-gradient-tape',
    grads,
    `compute_gradients -> a GradientTape per tower around its forward pass; the pairs are over the variables that tape ` +
      `watched, in the order they were made (TF1: every trainable variable, with None for those the loss does not use).`,
  );
  report.info(
    2,
    'optimizer-to-keras',
    opt,
    `tf.train optimizer made in each tower -> ${plan.optimizerText.replace(/\(.*$/, '')} made once, above: TF1 applied only the ` +
      `last one (compute_gradients makes no state), so one is the same.`,
  );
  return `${tower.optimizer.name} = ${plan.optimizerText}`;
}

function removeDeviceFunction(ctx: RuleContext, def: SyntaxNode, name: string): void {
  const span = lineSpan(ctx.parsed.lines, def);
  ctx.buffer.replace(span.from, span.to, '');
  ctx.report.info(
    2,
    'tower-loop',
    def.getChild('VariableName')!,
    `\`${name}\` removed: it made device functions (TF1's placement of variables by op type), used only by the tower loop, ` +
      'which now passes tf.device the device string.',
  );
}

/**
 * `f(device, ...)`, f defined at module level as `def f(device, ...): def g(op): ... return device ...;
 * return g`, and named only in calls like this one: the tower's device is its first argument.
 */
function readDeviceFunction(ctx: RuleContext, arg: SyntaxNode, fail: Fail): TowerLoop['deviceFunction'] {
  const { source } = ctx;
  if (arg.name !== 'CallExpression') {
    if (
      callsIn(ctx.parsed.tree, arg).some(
        (c) => c.firstChild?.name === 'VariableName' && !PURE.has(textOf(source, c.firstChild)),
      )
    )
      fail(arg, 'the tower device is computed by a function this tool does not read');
    return null;
  }
  if (arg.firstChild?.name !== 'VariableName') {
    if (!/^(['"]).*\1\.format$/.test(calleeName(source, arg) ?? textOf(source, arg.firstChild!)))
      fail(arg, 'the tower device is computed by a call this tool does not read');
    return null;
  }
  const name = textOf(source, arg.firstChild);
  const def = statementsOf(ctx.parsed.tree.topNode).find(
    (s) => s.name === 'FunctionDefinition' && textOf(source, s.getChild('VariableName')!) === name,
  );
  const model = new CallModel(arg, source, ctx.buffer);
  const device = model.positional[0] ?? null;
  const params = def?.getChild('ParamList')?.getChildren('VariableName') ?? [];
  const first = params[0] ? textOf(source, params[0]) : null;
  const stmts = def ? statementsOf(def.getChild('Body')!) : [];
  const inner = stmts.length === 2 && stmts[0]!.name === 'FunctionDefinition' ? stmts[0]! : null;
  const innerName = inner ? textOf(source, inner.getChild('VariableName')!) : null;
  const returnsInner =
    stmts[1]?.name === 'ReturnStatement' && textOf(source, stmts[1]).replace(/\s+/g, ' ') === `return ${innerName}`;
  const returnsDevice =
    inner !== null &&
    first !== null &&
    returnsOf(inner).some((r) => textOf(source, r).replace(/\s+/g, ' ') === `return ${first}`);
  const mentions = [...namesWhere(ctx, name)];
  if (
    !def ||
    !device ||
    device.keyword ||
    !returnsInner ||
    !returnsDevice ||
    mentions.length !== 1 ||
    model.hasStarArgs ||
    model.hasStarKwargs
  ) {
    fail(
      arg,
      `the tower device comes from \`${name}(...)\`, which is not read here as a device function returning its first argument ` +
        "(the tower's device) for the tower's ops, called only here: TF2's tf.device takes only a device string",
    );
    return null;
  }
  return { call: arg, device: device.arg.value, def, name };
}

function returnsOf(def: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = def.cursor();
  const end = def.to;
  while (cursor.next() && cursor.from < end) if (cursor.name === 'ReturnStatement') out.push(cursor.node);
  return out;
}

/** Mentions of a name outside its own definition (the def's name included once). */
function namesWhere(ctx: RuleContext, name: string): number[] {
  return readsOf(ctx.source, ctx.parsed.tree.topNode, name);
}

function towerCount(ctx: RuleContext, over: SyntaxNode): number | null {
  const { source } = ctx;
  if (over.name !== 'CallExpression' || calleeName(source, over) !== 'range') return null;
  const args = new CallModel(over, source, ctx.buffer);
  if (args.live.length !== 1 || args.live[0]!.keyword || args.hasStarArgs) return null;
  const n = args.live[0]!.arg.value;
  if (n.name === 'Number') return /^\d+$/.test(textOf(source, n)) ? Number(textOf(source, n)) || null : null;
  if (n.name !== 'VariableName') return null;
  const name = textOf(source, n);
  const bindings = occurrencesOf(source, ctx.parsed.tree.topNode, name).filter((node) => !isRead(node));
  const module = statementsOf(ctx.parsed.tree.topNode).filter(
    (s) => s.name === 'AssignStatement' && (assignedNames(source, s) ?? []).join() === name,
  );
  const value = module.length === 1 ? assignedValue(module[0]!) : null;
  if (bindings.length !== 1 || value?.name !== 'Number' || !/^\d+$/.test(textOf(source, value))) return null;
  return Number(textOf(source, value)) || null;
}

/** Whether a VariableName node is read (not an assignment target, loop target, parameter or keyword). */
function isRead(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.name === 'AssignStatement' || parent.name === 'UpdateStatement') {
    const op = parent.getChild('AssignOp') ?? parent.getChild('UpdateOp');
    return op !== null && node.from > op.from;
  }
  if (parent.name === 'ForStatement') {
    const inKeyword = parent.getChild('in');
    return inKeyword !== null && node.from > inKeyword.from;
  }
  if (parent.name === 'ParamList' || parent.name === 'FunctionDefinition') return false;
  return !isKeyword(node);
}

/** `name=` in a call's arguments: the parameter's name, not a read of a variable. */
function isKeyword(node: SyntaxNode): boolean {
  return node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp';
}

/** The VariableName nodes of a name inside a node, in source order. */
function occurrencesOf(source: string, node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === 'VariableName' && source.slice(cursor.from, cursor.to) === name && !isKeyword(cursor.node))
      out.push(cursor.node);
  } while (cursor.next());
  return out;
}

/** Where a name is read inside a node, in source order. */
function readsOf(source: string, node: SyntaxNode, name: string): number[] {
  return occurrencesOf(source, node, name)
    .filter(isRead)
    .map((n) => n.from);
}

function isReceiverOf(at: number, stmt: SyntaxNode): boolean {
  const value = assignedValue(stmt);
  const receiver = value?.firstChild?.firstChild;
  return receiver?.from === at;
}

function isFactoryArgument(ctx: RuleContext, loop: SyntaxNode, at: number, factories: Set<string>): boolean {
  const node = ctx.parsed.tree.resolve(at, 1);
  const list = node.parent;
  const call = list?.name === 'ArgList' ? list.parent : null;
  return (
    call?.name === 'CallExpression' &&
    call.firstChild?.name === 'VariableName' &&
    factories.has(textOf(ctx.source, call.firstChild)) &&
    call.from >= loop.from
  );
}

/** Inside a comprehension whose own `for <name> in` binds the name (Python 3 scoping: not the loop's variable). */
function inComprehensionOver(ctx: RuleContext, at: number, name: string): boolean {
  for (let n: SyntaxNode | null = ctx.parsed.tree.resolve(at, 1); n; n = n.parent)
    if (/Comprehension/.test(n.name) && new RegExp(`\\bfor\\s+${name}\\s+in\\b`).test(textOf(ctx.source, n)))
      return true;
  return false;
}

/** The last statement before the loop binding the name is `name = <text>` (a plain value, in this block). */
function boundBeforeTo(source: string, p: Program, name: string, loop: SyntaxNode, text: string): boolean {
  const prior = p.stmts.filter((s) => s.targets.includes(name) && s.node.from < loop.from).at(-1);
  return (
    prior !== undefined &&
    prior.kind === 'other' &&
    prior.targets.length === 1 &&
    prior.value !== null &&
    textOf(source, prior.value).replace(/\s+/g, '') === text
  );
}

/** tf calls that make variables or layers directly (not through a model function). */
function makesState(ctx: RuleContext, name: string | null): boolean {
  return (
    isTf(name, 'Variable', 'get_variable') ||
    tfMember(name, 'layers.') !== null ||
    tfMember(name, 'keras.layers.') !== null ||
    rnnMember(ctx, name, 'cell') !== null ||
    (name !== null && /^tf\.contrib\.(layers|rnn|slim)\./.test(name) && name !== 'tf.contrib.layers.flatten')
  );
}
