import { CallModel } from '../../call.ts';
import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { type ScopeCollection, trainableScope } from './collections.ts';
import { classifyGradients, type Gradients } from './gradients.ts';
import { addHelperReads, type Helper, helperFunctions } from './helper-globals.ts';
import { refuseInputPipelines } from './input-pipelines.ts';
import { planQueueRunners, type QueuePlan, readQueueCall } from './queue-input.ts';
import { refuseRemovedContrib } from './removed-contrib.ts';
import { rnnMember } from './rnn-calls.ts';
import { readSummaryCall, readSummaryLoop } from './summaries.ts';
import { readSummaryHelpers, type SummaryHelper } from './summary-helpers.ts';
import { appendedList } from './tensor-lists.ts';
import { readTowerLoop } from './tower-loops.ts';
import { prefixScopedSummaries } from './summary-scopes.ts';
import { assignedNames, assignedValue, calleeName, callsIn, isTf, namesIn, tfMember } from './names.ts';

/**
 * What a block of TF1 graph code means, read without running it: which names are placeholders, which
 * are tensors computed from them, which hold state (variables, layers, iterators), which are training
 * ops, and where a Session runs what. `blockers` lists, with their places, everything that would make
 * a rewrite unsafe; the block is rewritten only when there are none.
 */
export interface Placeholder {
  name: string;
  stmt: SyntaxNode;
  dtype: string | null;
  /** `tf.placeholder_with_default`: the default's text. */
  defaultText: string | null;
}

export interface GraphStmt {
  node: SyntaxNode;
  kind:
    | 'placeholder'
    | 'compute'
    | 'state'
    | 'optimizer'
    | 'minimize'
    | 'gradients'
    | 'init'
    | 'session'
    | 'summary'
    | 'merge'
    | 'writer'
    | 'graph'
    | 'other';
  targets: string[];
  uses: Set<string>;
  value: SyntaxNode | null;
}

export interface Train {
  name: string;
  stmt: SyntaxNode;
  loss: string;
  optimizer: string;
  /** Keras optimizer constructor text (inline form: `tf.train.X(...).minimize(...)`). */
  inlineOptimizer: string | null;
  globalStep: string | null;
  varList: string | null;
  /** Pairs a tower loop computed (under a tape per tower) and the program averaged: applied as they are, by name. */
  precomputed?: string;
  /** Applied gradients (apply_gradients): the names the graph code gave them, bound again in the training function. */
  gradients?: { pairs: string | null; list: string | null };
}

export interface Summary {
  stmt: SyntaxNode;
  kind: string;
  /** Arguments of the v2 call before `step`, as text. */
  args: string[];
  uses: Set<string>;
  /** One summary per item of a loop: its targets' text, and the gradients it runs over (null: the trainable variables). */
  loop?: { targets: string; over: string | null };
}

export interface Wrapper {
  node: SyntaxNode;
  kind: 'scope' | 'session' | 'graph' | 'device';
  body: SyntaxNode;
}

export interface Blocker {
  at: { from: number; to: number };
  why: string;
}

export interface Program {
  block: SyntaxNode;
  stmts: GraphStmt[];
  wrappers: Wrapper[];
  placeholders: Map<string, Placeholder>;
  compute: Map<string, GraphStmt>;
  /** Every statement that assigns a graph tensor to a name, in source order (a name may be rebound, `h = tf.nn.relu(h)`). */
  assignments: Map<string, GraphStmt[]>;
  /** Every placeholder a name is bound to, in source order (`a` may be made a placeholder twice); `placeholders` has the last. */
  placeholderBindings: Map<string, Placeholder[]>;
  state: Set<string>;
  trains: Map<string, Train>;
  optimizers: Map<string, { stmt: SyntaxNode; text: string }>;
  /** Gradients computed for an apply_gradients (tf.gradients, zip(grads, vars), compute_gradients), by name. */
  gradients: Map<string, Gradients>;
  inits: Set<string>;
  sessions: Set<string>;
  merges: Set<string>;
  summaries: Summary[];
  /** Functions the graph code calls that make summaries. */
  summaryHelpers: Map<string, SummaryHelper>;
  writers: Map<string, SyntaxNode>;
  /** The first Session: where the functions that replace `Session.run` are written. */
  anchor: SyntaxNode | null;
  blockers: Blocker[];
  /** Ranges whose problems a blocker already explains (a Session.run that could not be read). */
  explained: { from: number; to: number }[];
  /** Functions of the file that make layers and are called on graph tensors here, with a statement that calls each. */
  modelFunctions: Map<string, SyntaxNode>;
  /** `vars = tf.get_collection(TRAINABLE_VARIABLES, scope='S')`: graph tensors whose value the model-function rewrite gives. */
  collections: ScopeCollection[];
  /** `it = dataset.make_initializable_iterator()`: the statement, by the iterator's name. */
  initializable: Map<string, SyntaxNode>;
  /** Initializable iterators initialized more than once or in a loop: the dataset each initialization restarts. */
  reinitialized: Map<string, string>;
  /** Functions defined in the block, whose calls read the graph tensors they use as globals. */
  helpers: Map<string, Helper>;
  /** Calls of queue input functions (read from a tf.data iterator now), and the queue-runner statements that go. */
  queue: QueuePlan;
}

const INIT_FUNCTIONS = [
  'global_variables_initializer',
  'initialize_all_variables',
  'local_variables_initializer',
  'tables_initializer',
];

/**
 * Functions defined in the file whose bodies make variables, layers or RNN cells, directly or by
 * calling another such function: calling one creates state.
 */
export function variableFactories(ctx: RuleContext): Set<string> {
  const cached = factoryCache.get(ctx);
  if (cached) return cached;
  const out = new Set<string>();
  const defs: { name: string; callees: string[] }[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'FunctionDefinition') return undefined;
      const name = ref.node.getChild('VariableName');
      const calls = callsIn(ctx.parsed.tree, ref.node);
      const creates = calls.some((c) => {
        const callee = calleeName(ctx.source, c);
        return (
          isTf(callee, 'Variable', 'get_variable') ||
          tfMember(callee, 'layers.') !== null ||
          rnnMember(ctx, callee, 'cell') !== null
        );
      });
      if (!name) return undefined;
      if (creates) out.add(textOf(ctx.source, name));
      else
        defs.push({
          name: textOf(ctx.source, name),
          callees: calls
            .filter((c) => c.firstChild?.name === 'VariableName')
            .map((c) => textOf(ctx.source, c.firstChild!)),
        });
      return undefined;
    },
  });
  for (let grew = true; grew;) {
    grew = false;
    for (const d of defs)
      if (!out.has(d.name) && d.callees.some((c) => out.has(c) && c !== d.name)) {
        out.add(d.name);
        grew = true;
      }
  }
  factoryCache.set(ctx, out);
  return out;
}

const factoryCache = new WeakMap<RuleContext, Set<string>>();

/** Reads one block (the module, or a function body) as TF1 graph code. Null when it has none. */
export function readProgram(ctx: RuleContext, block: SyntaxNode, factories: Set<string>): Program | null {
  const p: Program = {
    block,
    stmts: [],
    wrappers: [],
    placeholders: new Map(),
    compute: new Map(),
    assignments: new Map(),
    placeholderBindings: new Map(),
    state: new Set(),
    trains: new Map(),
    optimizers: new Map(),
    gradients: new Map(),
    inits: new Set(),
    sessions: new Set(),
    merges: new Set(),
    summaries: [],
    summaryHelpers: new Map(),
    writers: new Map(),
    anchor: null,
    blockers: [],
    explained: [],
    modelFunctions: new Map(),
    collections: [],
    initializable: new Map(),
    reinitialized: new Map(),
    helpers: helperFunctions(ctx, block),
    queue: { calls: [], removals: [], covered: [], consumed: [] },
  };
  const block_ = (at: { from: number; to: number }, why: string) => p.blockers.push({ at, why });
  const flat: SyntaxNode[] = [];
  const graphNames = new Set<string>();
  flatten(ctx, block, flat, p, graphNames);
  for (const stmt of flat) classify(ctx, stmt, p, factories, block_, graphNames);
  p.summaryHelpers = readSummaryHelpers(ctx, p, block_);
  prefixScopedSummaries(ctx, p, block_);
  promoteFetchedTensors(ctx, p);
  if (p.placeholders.size === 0 && p.sessions.size === 0) return null;
  refuseRemovedContrib(ctx, p);
  planQueueRunners(ctx, p);
  refuseInputPipelines(ctx, p);
  if (!p.anchor) {
    const first = [...p.placeholders.values()][0]?.stmt ?? block;
    block_(
      first,
      'this graph is built here but run by a Session elsewhere (or not at all); Level 2 rewrites a graph only where it is both built ' +
        'and run, in one function or in the module',
    );
  }
  return p;
}

function flatten(ctx: RuleContext, block: SyntaxNode, out: SyntaxNode[], p: Program, graphNames: Set<string>): void {
  for (const stmt of statementsOf(block)) {
    const wrapper = stmt.name === 'WithStatement' ? wrapperOf(ctx, stmt, p, graphNames) : null;
    if (wrapper) {
      p.wrappers.push(wrapper);
      if (wrapper.kind === 'session' && !p.anchor) p.anchor = stmt;
      flatten(ctx, wrapper.body, out, p, graphNames);
    } else out.push(stmt);
  }
}

function wrapperOf(ctx: RuleContext, stmt: SyntaxNode, p: Program, graphNames: Set<string>): Wrapper | null {
  const { source } = ctx;
  const body = stmt.getChild('Body');
  const item = stmt.firstChild?.nextSibling;
  if (!body || !item || stmt.getChildren(',').length > 0) return null;
  const itemText = textOf(source, item);
  if (/^tf\.Graph\(\)\.as_default\(\)$/.test(itemText)) return { node: stmt, kind: 'graph', body };
  const asDefault = /^([A-Za-z_]\w*)\.as_default\(\)$/.exec(itemText);
  if (asDefault && graphNames.has(asDefault[1]!)) return { node: stmt, kind: 'graph', body };
  if (item.name !== 'CallExpression') return null;
  const name = calleeName(source, item);
  if (isTf(name, 'name_scope')) return { node: stmt, kind: 'scope', body };
  if (isTf(name, 'device')) return { node: stmt, kind: 'device', body };
  if (isTf(name, 'variable_scope')) {
    const call = new CallModel(item, source, ctx.buffer);
    if (call.get('reuse') || call.positional.length > 2 || call.opaque) return null;
    return { node: stmt, kind: 'scope', body };
  }
  if (isTf(name, 'Session', 'InteractiveSession')) {
    const as = stmt.getChild('as')?.nextSibling;
    if (as?.name === 'VariableName') p.sessions.add(textOf(source, as));
    return { node: stmt, kind: 'session', body };
  }
  return null;
}

function classify(
  ctx: RuleContext,
  stmt: SyntaxNode,
  p: Program,
  factories: Set<string>,
  blocker: (at: { from: number; to: number }, why: string) => void,
  graphNames: Set<string>,
): void {
  const { source } = ctx;
  const targets = assignedNames(source, stmt) ?? [];
  const value =
    stmt.name === 'AssignStatement'
      ? assignedValue(stmt)
      : stmt.name === 'ExpressionStatement'
        ? stmt.firstChild
        : null;
  const uses = value ? namesIn(source, value) : namesIn(source, stmt);
  addHelperReads(ctx, p, value ?? stmt, uses);
  const entry: GraphStmt = { node: stmt, kind: 'other', targets, uses, value };
  p.stmts.push(entry);
  if (stmt.name === 'ForStatement' && readTowerLoop(ctx, p, entry, factories, blocker)) return;
  const call = value?.name === 'CallExpression' ? value : null;
  const name = call ? calleeName(source, call) : null;
  const model = call ? new CallModel(call, source, ctx.buffer) : null;
  const one = targets.length === 1 ? targets[0]! : null;

  if (call && model && isTf(name, 'placeholder', 'placeholder_with_default') && one) {
    // A name made a placeholder again (`a = tf.placeholder(...)` for a second graph) is read as straight-line
    // code, like a rebound tensor: each run, feed and use means the binding before it (graphBindingBefore).
    entry.kind = 'placeholder';
    const withDefault = isTf(name, 'placeholder_with_default');
    const dtype = withDefault ? null : model.get('dtype', 0);
    const def = withDefault ? model.get('input', 0) : undefined;
    const ph: Placeholder = {
      name: one,
      stmt,
      dtype: dtype ? model.valueText(dtype) : null,
      defaultText: def ? model.valueText(def) : null,
    };
    p.placeholders.set(one, ph);
    p.placeholderBindings.set(one, [...(p.placeholderBindings.get(one) ?? []), ph]);
    return;
  }
  if (call && isTf(name, 'Graph') && one) {
    entry.kind = 'graph';
    graphNames.add(one);
    return;
  }
  if (call && isTf(name, 'Session', 'InteractiveSession')) {
    entry.kind = 'session';
    if (one) p.sessions.add(one);
    if (!p.anchor) p.anchor = stmt;
    return;
  }
  if (call && model && (isTf(name, ...INIT_FUNCTIONS) || groupsInitializers(ctx, p, name, model))) {
    entry.kind = 'init';
    for (const t of targets) p.inits.add(t);
    return;
  }
  const summary = call ? readSummaryCall(ctx, call, stmt, blocker) : null;
  if (summary !== null || readSummaryLoop(ctx, p, stmt, blocker)) {
    entry.kind = 'summary';
    if (summary) p.summaries.push({ stmt, ...summary });
    return;
  }
  if (call && isTf(name, 'summary.merge_all') && one) {
    entry.kind = 'merge';
    p.merges.add(one);
    return;
  }
  if (call && isTf(name, 'summary.FileWriter') && one) {
    entry.kind = 'writer';
    p.writers.set(one, stmt);
    return;
  }
  const optimizerClass = tfMember(name, 'train.');
  if (call && model && optimizerClass?.endsWith('Optimizer') && one) {
    entry.kind = 'optimizer';
    p.optimizers.set(one, { stmt, text: '' });
    return;
  }
  if (classifyGradients(ctx, p, entry, model, blocker)) return;
  if (call && model && model.shortName === 'minimize' && one) {
    entry.kind = 'minimize';
    const receiver = model.callee.firstChild!;
    const loss = model.get('loss', 0);
    if (!loss || loss.arg.value.name !== 'VariableName') {
      blocker(stmt, 'minimize() of an expression: name the loss first so it can be recomputed under a GradientTape');
      return;
    }
    const unknown = model.live.find(
      (a) => a !== loss && !['global_step', 'var_list', 'name'].includes(a.keyword ?? ''),
    );
    if (unknown) {
      blocker(unknown.arg, `minimize(${unknown.keyword ?? '...'}=...) has no GradientTape equivalent written here`);
      return;
    }
    const gs = model.get('global_step');
    const vl = model.get('var_list');
    const receiverName = receiver.name === 'VariableName' ? textOf(source, receiver) : null;
    const inline =
      receiver.name === 'CallExpression' && tfMember(calleeName(source, receiver), 'train.')?.endsWith('Optimizer')
        ? receiver
        : null;
    if (!inline && (receiverName === null || !p.optimizers.has(receiverName))) {
      blocker(stmt, 'minimize() on an optimizer this tool did not see being made');
      return;
    }
    p.trains.set(one, {
      name: one,
      stmt,
      loss: textOf(source, loss.arg.value),
      optimizer: receiverName ?? '',
      inlineOptimizer: inline ? 'inline' : null,
      globalStep: gs ? model.valueText(gs) : null,
      varList: vl ? model.valueText(vl) : null,
    });
    return;
  }
  if (readQueueCall(ctx, p, entry, call)) return;
  const fedByGraph = [...uses].some((u) => p.placeholders.has(u) || p.compute.has(u));
  if (
    call &&
    (isTf(name, 'Variable', 'get_variable', 'train.get_or_create_global_step', 'train.get_global_step') ||
      (name !== null && factories.has(name) && !fedByGraph))
  ) {
    entry.kind = 'state';
    for (const t of targets) p.state.add(t);
    return;
  }
  if (call && (rnnMember(ctx, name, 'cell') !== null || tfMember(name, 'keras.layers.') !== null)) {
    entry.kind = 'state';
    for (const t of targets) p.state.add(t);
    return;
  }
  const scope = call && model && one ? trainableScope(ctx, name, model) : null;
  if (scope !== null && one) {
    // Read where it runs (after the forward pass made the variables), like any graph tensor.
    entry.kind = 'compute';
    p.compute.set(one, entry);
    p.assignments.set(one, [...(p.assignments.get(one) ?? []), entry]);
    p.collections.push({ name: one, stmt, value: call!, scope });
    return;
  }
  if (
    call &&
    model &&
    (isTf(name, 'data.make_one_shot_iterator') || model.shortName === 'make_one_shot_iterator') &&
    one
  ) {
    entry.kind = 'state';
    p.state.add(one);
    return;
  }
  if (
    call &&
    model &&
    (isTf(name, 'data.make_initializable_iterator') || model.shortName === 'make_initializable_iterator') &&
    one &&
    ![...uses].some((u) => p.placeholders.has(u) || p.compute.has(u))
  ) {
    // Initialized by plain sess.run(iterator.initializer) statements, it becomes iter(dataset) (iterators.ts checks them).
    entry.kind = 'state';
    p.state.add(one);
    p.initializable.set(one, stmt);
    return;
  }
  if (
    call &&
    model &&
    (isTf(name, 'data.make_initializable_iterator') || model.shortName === 'make_initializable_iterator')
  ) {
    blocker(
      stmt,
      'an initializable iterator over a dataset built from graph tensors (placeholders fed when it is initialized), or not bound ' +
        'to one name: in TF2 make the dataset from the values and iterate it (for batch in dataset), which this tool leaves to you',
    );
    return;
  }
  const list = stmt.name === 'ExpressionStatement' && call ? appendedList(ctx, p, call) : null;
  if (
    list &&
    ([...uses].some((u) => u !== list.name && (p.placeholders.has(u) || p.compute.has(u) || p.state.has(u))) ||
      hasLayerCall(ctx, value))
  ) {
    // Appending a graph tensor binds the list again, as `h = tf.nn.relu(h)` does: the statements that
    // built it so far come first in the functions that read it.
    for (const bound of list.previous.kind === 'other' ? [list.previous, entry] : [entry]) {
      bound.kind = 'compute';
      bound.targets = [list.name];
      p.compute.set(list.name, bound);
      p.assignments.set(list.name, [...(p.assignments.get(list.name) ?? []), bound]);
    }
    return;
  }
  if (stmt.name === 'AssignStatement' && targets.length > 0 && !runsGraph(ctx, value, p)) {
    const graphy =
      [...uses].some((u) => p.placeholders.has(u) || p.compute.has(u) || p.state.has(u)) || hasLayerCall(ctx, value);
    if (graphy) {
      entry.kind = 'compute';
      for (const t of targets) {
        // Rebinding a tensor's name (`acc = tf.equal(...)`, then `acc = tf.reduce_mean(acc)`) is read as
        // straight-line code: each use means the binding before it. A placeholder's name rebound is not.
        if (p.placeholders.has(t))
          blocker(
            stmt,
            `\`${t}\` is a placeholder and is assigned again in the graph code; which tensor a Session.run means is ambiguous`,
          );
        p.compute.set(t, entry);
        p.assignments.set(t, [...(p.assignments.get(t) ?? []), entry]);
      }
      // Its layers are made once by the model-function rewrite, or the block is refused with its reasons.
      for (const u of uses) if (factories.has(u) && !p.modelFunctions.has(u)) p.modelFunctions.set(u, stmt);
    }
  }
}

/** `tf.group(tf.global_variables_initializer(), tf.local_variables_initializer())`: only initializers, so one too. */
function groupsInitializers(ctx: RuleContext, p: Program, name: string | null, model: CallModel): boolean {
  if (!isTf(name, 'group') || model.opaque || model.hasStarArgs || model.hasStarKwargs || model.live.length === 0)
    return false;
  return model.live.every((a) => {
    if (a.keyword === 'name') return true;
    const v = a.arg.value;
    if (a.keyword !== null) return false;
    if (v.name === 'VariableName') return p.inits.has(textOf(ctx.source, v));
    return (
      v.name === 'CallExpression' &&
      isTf(calleeName(ctx.source, v), ...INIT_FUNCTIONS) &&
      !v.getChild('ArgList')?.firstChild?.nextSibling?.nextSibling
    );
  });
}

function hasLayerCall(ctx: RuleContext, value: SyntaxNode | null): boolean {
  if (!value) return false;
  return callsIn(ctx.parsed.tree, value).some((c) =>
    /^tf\.(compat\.v1\.)?(layers\.|nn\.dynamic_rnn\b|keras\.layers\.)/.test(textOf(ctx.source, c)),
  );
}

/** Whether an expression runs graph code (a Session, `t.eval()`, `op.run()`) rather than building it. */
function runsGraph(ctx: RuleContext, value: SyntaxNode | null, p: Program): boolean {
  if (!value) return false;
  if ([...namesIn(ctx.source, value)].some((n) => p.sessions.has(n))) return true;
  return callsIn(ctx.parsed.tree, value).some((c) => {
    const m = /^([A-Za-z_]\w*)\.(eval|run)$/.exec(calleeName(ctx.source, c) ?? '');
    return m !== null && (p.compute.has(m[1]!) || p.trains.has(m[1]!) || p.inits.has(m[1]!) || p.state.has(m[1]!));
  });
}

/** What a name means at a point of the graph code: the last graph tensor or placeholder bound to it before. */
export type GraphBinding = { kind: 'compute'; stmt: GraphStmt } | { kind: 'placeholder'; ph: Placeholder };

/**
 * The graph statements are straight-line code (never inside a loop or an if), so the binding a use
 * means is the last one before it in source order.
 */
export function graphBindingBefore(p: Program, name: string, at: number): GraphBinding | undefined {
  let found: GraphBinding | undefined;
  let from = -1;
  for (const stmt of p.assignments.get(name) ?? [])
    if (stmt.node.from < at && stmt.node.from > from) [found, from] = [{ kind: 'compute', stmt }, stmt.node.from];
  for (const ph of p.placeholderBindings.get(name) ?? [])
    if (ph.stmt.from < at && ph.stmt.from > from) [found, from] = [{ kind: 'placeholder', ph }, ph.stmt.from];
  return found;
}

/** tf functions that make a tensor from plain values (`tf.constant`, `tf.matmul` of constants, `tf.random.normal`). */
function makesTensor(name: string | null): boolean {
  if (name === null) return false;
  const path = name.startsWith('tf.compat.v1.')
    ? name.slice('tf.compat.v1.'.length)
    : name.startsWith('tf.')
      ? name.slice(3)
      : null;
  if (path === null) return false;
  const [head, ...rest] = path.split('.');
  const last = rest.length > 0 ? rest.at(-1)! : head!;
  if (
    !/^[a-z]/.test(last) ||
    /initializer|variable|placeholder|assign|scatter_|queue|reader|writer|summary|session|graph|scope|device|print|py_func|numpy_function|py_function|group|no_op|control_dependencies/i.test(
      path,
    )
  )
    return false;
  return (
    rest.length === 0 ||
    (['math', 'linalg', 'strings', 'random', 'nn', 'image', 'sparse', 'bitwise', 'signal'].includes(head!) &&
      rest.length === 1 &&
      !/rnn|dropout/.test(last))
  );
}

/**
 * A tensor built from plain values (`hello = tf.constant('Hello')`) reads no placeholder or variable,
 * so it is not graph code by the first reading; when a Session.run fetches it, it is, and it becomes a
 * graph tensor like the others, recomputed by the function that replaces the run (a random op draws
 * anew each time, as each run did). Only names bound by nothing but such tf calls and placeholders (`a =
 * tf.constant(2)`, run, then `a = tf.placeholder(tf.int16)`), and only when a run means one of the calls.
 */
function promoteFetchedTensors(ctx: RuleContext, p: Program): void {
  const { source } = ctx;
  if (p.sessions.size === 0) return;
  const fetched = new Map<string, number[]>();
  for (const call of callsIn(ctx.parsed.tree, p.block)) {
    const m = /^([A-Za-z_]\w*)\.run$/.exec(calleeName(source, call) ?? '');
    if (!m || !p.sessions.has(m[1]!)) continue;
    const model = new CallModel(call, source, ctx.buffer);
    const fetch = model.get('fetches', 0);
    if (fetch)
      for (const name of namesIn(source, fetch.arg.value)) fetched.set(name, [...(fetched.get(name) ?? []), call.from]);
  }
  const plain = (entry: GraphStmt) =>
    entry.kind === 'other' &&
    entry.targets.length === 1 &&
    entry.value?.name === 'CallExpression' &&
    makesTensor(calleeName(source, entry.value)) &&
    !callsIn(ctx.parsed.tree, entry.value).some(
      (c) => calleeName(source, c)?.startsWith('tf.') && !makesTensor(calleeName(source, c)),
    );
  for (const [name, runs] of fetched) {
    if (
      p.compute.has(name) ||
      p.state.has(name) ||
      p.trains.has(name) ||
      p.merges.has(name) ||
      p.inits.has(name) ||
      p.sessions.has(name)
    )
      continue;
    const bindings = p.stmts.filter((s) => s.targets.includes(name));
    if (bindings.some((b) => b.kind !== 'placeholder' && !plain(b))) continue;
    // Only when a run means one of the tensors; then every one is, as nothing but graph code can read it.
    if (!runs.some((at) => bindings.filter((b) => b.node.from < at).at(-1)?.kind === 'other')) continue;
    const promoted = bindings.filter((b) => b.kind === 'other');
    for (const entry of promoted) entry.kind = 'compute';
    p.compute.set(name, promoted.at(-1)!);
    p.assignments.set(name, promoted);
  }
}
