import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { dropContribRnnImport } from './contrib-rnn-import.ts';
import { type LayerPlan, mentions, planCells, planDynamicRnn, planLayers } from './layer-calls.ts';
import { calleeName, callsIn, freshName, isTf, namesIn, tfMember } from './names.ts';
import { kerasOptimizer } from './optimizers.ts';
import {
  type GraphStmt,
  graphBindingBefore,
  variableFactories,
  type Placeholder,
  type Program,
  type Summary,
  type Train,
} from './program.ts';
import { expressionFunctionWish } from './fetch-expressions.ts';
import { planScopeCollections, type ScopeCollection } from './collections.ts';
import { applyModelFunction, findModelFunction, type ModelFunctionPlan, planModelFunction } from './model-functions.ts';
import {
  applySiteVariables,
  makesOnlyVariables,
  planSiteVariableFunctions,
  type SiteVariablesPlan,
} from './site-variables.ts';
import { cellMessage, planStaticRnn, type StaticRnnPlan } from './rnn-calls.ts';
import { type HelperGlobalsPlan, planHelperGlobals } from './helper-globals.ts';
import { applyQueueInputs } from './queue-input.ts';
import { planSavers, type SaverPlan } from './savers.ts';
import { planSessionConfigs, sessionConfigMessage, type SessionConfigPlan } from './session-config.ts';
import { holdsStatements, withDevices } from './devices.ts';
import { markConverted } from './graph-contexts.ts';
import { findSites, localsOf, type Site } from './sites.ts';
import { checkFeedHelperParams, rewriteFeedHelper } from './feed-helpers.ts';
import { applyRunTrace } from './run-traces.ts';
import { jitMessage } from './xla-config.ts';
import { applyTowerLoop, planTowerLoops, type TowerPlan } from './tower-loops.ts';
import { bodyIndent, lineSpan, reindent } from './text.ts';

/** One function replacing the Session.runs that fetch the same things. */
interface FunctionSpec {
  name: string;
  fetches: string[];
  list: boolean;
  sites: Site[];
  params: Placeholder[];
  body: GraphStmt[];
  train: Train | null;
  /** `sess.run(<expression>)`: the function returns this expression (its Level 1 text). */
  expr: SyntaxNode | null;
  /** Two or more training ops run in one step, each over its own var_list (a GAN): one tape, a gradient per op. */
  trains: Train[];
  summaries: Summary[];
  /** The body calls a function that makes summaries, and the merged summary is fetched: all of it runs under the writer. */
  helperSummaries: boolean;
  asTfFunction: boolean;
  /** Re-initialized iterators the body reads: arguments, so each call reads the current one. */
  iterators: string[];
}

interface SummarySite {
  writer: string;
  step: string;
  remove: SyntaxNode;
}

const UNIT = '    ';

/**
 * Rewrites one block of TF1 graph code into TF2 functions, or, if anything in it is unsafe to
 * rewrite, leaves it and reports each reason with its place. All-or-nothing per block: half a graph
 * turned into functions would not run either way.
 */
export function convertProgram(ctx: RuleContext, p: Program, taken: Set<string>): void {
  const fail = (at: { from: number; to: number }, why: string) => p.blockers.push({ at, why });
  if (!p.anchor) {
    // Nothing here runs the graph: that one reason says it all; the uses it would list are its echoes.
    reportBlockers(ctx, p);
    return;
  }
  const sites = findSites(ctx, p, fail);
  const helperGlobals = planHelperGlobals(ctx, p, fail);
  const summarySites = new Map<Site, SummarySite>();
  for (const site of sites)
    if (site.fetches.some((f) => p.merges.has(f))) findAddSummary(ctx, p, site, summarySites, fail);
  const specs = planFunctions(ctx, p, sites, taken, fail);
  const optimizerTexts = planOptimizers(ctx, p, taken, fail);
  const towers = planTowerLoops(ctx, p, optimizerTexts, taken);
  const layerPlans = new Map<GraphStmt, LayerPlan[]>();
  const rnnPlans = new Map<GraphStmt, { construction: string; statement: string }>();
  const staticRnnPlans = new Map<GraphStmt, StaticRnnPlan>();
  for (const stmt of p.stmts) {
    if (stmt.kind !== 'compute') continue;
    const rnn = planDynamicRnn(ctx, stmt.node, stmt.targets, p.block, taken, fail);
    const uses = (name: string) => mentions(ctx.source, p.block, name);
    const staticRnn = rnn ? null : planStaticRnn(ctx, stmt.node, stmt.targets[0] ?? 'outputs', taken, uses, fail);
    if (rnn) rnnPlans.set(stmt, rnn);
    else if (staticRnn) staticRnnPlans.set(stmt, staticRnn);
    else layerPlans.set(stmt, planLayers(ctx, stmt.node, stmt.targets[0] ?? 'layer', taken, fail));
  }
  const cellPlans = p.stmts.filter((s) => s.kind === 'state').flatMap((s) => planCells(ctx, s.node, fail));
  const siteVariables = planSiteVariableFunctions(ctx, p, variableFactories(ctx), taken, fail);
  const modelFunctions = planModelFunctions(ctx, p, taken, fail);
  // After the model functions: a Saver saves the variables of their layer objects.
  const savers = planSavers(ctx, p, modelFunctions, [...layerPlans.values()].flat(), fail);
  checkUses(ctx, p, sites, fail, [
    ...savers.flatMap((s) => s.consumed),
    ...helperGlobals.consumed,
    ...p.queue.consumed,
  ]);
  const collections = planScopeCollections(ctx, p.collections, modelFunctions, fail);

  if (p.blockers.length > 0) {
    reportBlockers(ctx, p);
    return;
  }
  const sessionConfigs = planSessionConfigs(ctx, p);
  for (const call of p.queue.calls) call.iterator = freshName(`${call.fn.name}_iterator`, taken);
  // TF2 compiles with XLA only what runs as a graph; TF1's global JIT level reached every Session.run.
  if (sessionConfigs.jit.length > 0) for (const spec of specs.values()) spec.asTfFunction = true;
  apply(ctx, p, {
    sites,
    summarySites,
    specs,
    optimizerTexts,
    layerPlans,
    rnnPlans,
    staticRnnPlans,
    cellPlans,
    modelFunctions,
    siteVariables,
    collections,
    savers,
    sessionConfigs,
    helperGlobals,
    towers,
  });
  markConverted(ctx, p.block);
}

/** Each function this block calls on graph tensors that makes layers, planned so its layers are made once. */
function planModelFunctions(
  ctx: RuleContext,
  p: Program,
  taken: Set<string>,
  fail: (at: { from: number; to: number }, why: string) => void,
): ModelFunctionPlan[] {
  const out: ModelFunctionPlan[] = [];
  for (const [name, stmt] of p.modelFunctions) {
    const def = findModelFunction(ctx, name);
    // Functions whose only state is tf.Variables get a set per call instead (site-variables.ts).
    if (def && makesOnlyVariables(ctx, def, variableFactories(ctx))) continue;
    const plan = def ? planModelFunction(ctx, def, taken, fail) : null;
    if (!def)
      fail(
        stmt,
        `\`${name}(...)\` makes variables and is called on graph tensors: as a TF2 function it would make new variables on every ` +
          `call; turn it into a tf.Module or Keras layer first`,
      );
    if (plan) out.push(plan);
  }
  return out;
}

function reportBlockers(ctx: RuleContext, p: Program): void {
  const seen = new Set<string>();
  for (const b of p.blockers) {
    const key = `${b.at.from}:${b.why}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report.warning(2, 'not-converted', b.at, `Level 2 left this graph code as it is: ${b.why}.`);
  }
}

/** Every other mention of a placeholder, graph tensor or session would dangle once they are gone. */
function checkUses(
  ctx: RuleContext,
  p: Program,
  sites: Site[],
  fail: (at: { from: number; to: number }, why: string) => void,
  alsoConsumed: number[] = [],
): void {
  const { source } = ctx;
  const consumed = new Set([...sites.flatMap((s) => s.consumed), ...alsoConsumed]);
  const skipped = p.stmts.filter((s) => s.kind !== 'other').map((s) => s.node);
  const headers = p.wrappers.map((w) => ({ from: w.node.from, to: w.body.from }));
  const special = (name: string) =>
    p.placeholders.has(name)
      ? 'placeholder'
      : p.compute.has(name)
        ? 'graph tensor'
        : p.sessions.has(name)
          ? 'session'
          : p.trains.has(name)
            ? 'training op'
            : p.merges.has(name)
              ? 'merged summary'
              : p.inits.has(name)
                ? 'initializer'
                : p.gradients.has(name)
                  ? 'gradient list'
                  : null;
  const localCache = new Map<number, Set<string>>();
  const cursor = p.block.cursor();
  const end = p.block.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name !== 'VariableName') continue;
    const name = source.slice(cursor.from, cursor.to);
    const what = special(name);
    if (!what || consumed.has(cursor.from)) continue;
    const at = cursor.from;
    if (skipped.some((n) => n.from <= at && at < n.to) || headers.some((h) => h.from <= at && at < h.to)) continue;
    if (p.explained.some((r) => r.from <= at && at < r.to)) continue;
    let local = false;
    for (let n: SyntaxNode | null = cursor.node.parent; n && n !== p.block; n = n.parent) {
      if (n.name !== 'FunctionDefinition' && n.name !== 'LambdaExpression') continue;
      let locals = localCache.get(n.from);
      if (!locals) localCache.set(n.from, (locals = localsOf(source, n)));
      if (locals.has(name)) local = true;
    }
    if (!local) fail({ from: cursor.from, to: cursor.to }, usedOutside(source, cursor.node, what, name));
  }
}

function usedOutside(source: string, node: SyntaxNode, what: string, name: string): string {
  const call = node.parent?.name === 'ArgList' ? node.parent.parent : null;
  const method = call?.firstChild?.name === 'MemberExpression' ? call.firstChild.lastChild : null;
  const methodName = method?.name === 'PropertyName' ? source.slice(method.from, method.to) : '';
  if (what === 'session' && (methodName === 'save' || methodName === 'restore')) {
    return (
      `\`${name}\` is passed to ${methodName}(): tf.train.Saver needs a session; in TF2, save and restore with ` +
      `tf.train.Checkpoint (variable names change, see TensorFlow's checkpoint migration guide)`
    );
  }
  return `the ${what} \`${name}\` is used here outside Session.run, and would no longer exist`;
}

/** `summary, _ = sess.run([merged, train], ...)` must be followed by `writer.add_summary(summary, step)`. */
function findAddSummary(
  ctx: RuleContext,
  p: Program,
  site: Site,
  out: Map<Site, SummarySite>,
  fail: (at: { from: number; to: number }, why: string) => void,
): void {
  const { source } = ctx;
  const stmt = site.stmt;
  const targets =
    stmt.name === 'AssignStatement'
      ? stmt
          .getChildren('VariableName')
          .filter((n) => n.to <= (stmt.getChild('AssignOp')?.from ?? 0))
          .map((n) => textOf(source, n))
      : [];
  const index = site.fetches.findIndex((f) => p.merges.has(f));
  const target = site.list ? targets[index] : targets[0];
  if (!target || site.fetches.filter((f) => p.merges.has(f)).length > 1) {
    fail(site.call, 'a merged summary is fetched but not kept in a variable for add_summary');
    return;
  }
  for (let next = stmt.nextSibling; next; next = next.nextSibling) {
    if (next.name !== 'ExpressionStatement' || next.firstChild?.name !== 'CallExpression') continue;
    const call = next.firstChild;
    const model = new CallModel(call, source, ctx.buffer);
    if (model.shortName !== 'add_summary' || model.callee.firstChild?.name !== 'VariableName') continue;
    const summary = model.get('summary', 0);
    const step = model.get('global_step', 1);
    if (!summary || textOf(source, summary.arg.value) !== target) continue;
    if (!step) {
      fail(call, 'add_summary without a step: tf.summary v2 needs one');
      return;
    }
    const stepUses = namesIn(source, step.arg.value);
    if (targets.some((t) => stepUses.has(t))) {
      fail(step.arg.value, 'the summary step is a value fetched by the same Session.run; pass the step explicitly');
      return;
    }
    site.consumed.push(summary.arg.value.from);
    out.set(site, { writer: textOf(source, model.callee.firstChild), step: model.valueText(step), remove: next });
    return;
  }
  fail(
    site.call,
    'the fetched summary is not written by a following writer.add_summary(summary, step) in the same block',
  );
}

function planFunctions(
  ctx: RuleContext,
  p: Program,
  sites: Site[],
  taken: Set<string>,
  fail: (at: { from: number; to: number }, why: string) => void,
): Map<string, FunctionSpec> {
  const { source } = ctx;
  const specs = new Map<string, FunctionSpec>();
  for (const site of sites) {
    if (site.kind !== 'run') continue;
    // A name may be bound more than once (`h = f(x)`, later `h = g(h)`): a run means the binding before
    // it, and each binding a statement reads is the one before that statement. The graph statements are
    // straight-line code (they are never inside a loop or an if), so "before" is source order.
    const bindingBefore = (name: string, at: number): GraphStmt | undefined => {
      let found: GraphStmt | undefined;
      for (const stmt of p.assignments.get(name) ?? []) if (stmt.node.from < at) found = stmt;
      return found;
    };
    const rootBindings = site.fetches.map((f) => bindingBefore(f, site.call.from)?.node.from ?? -1);
    const unbound = site.fetches.find((f, i) => p.compute.has(f) && rootBindings[i] === -1);
    if (unbound !== undefined) {
      fail(site.call, `\`${unbound}\` is run before the graph code here defines it`);
      continue;
    }
    const key = site.expr
      ? `expr:${site.call.from}`
      : `${site.list ? 'list' : 'one'}:${site.fetches.join(',')}@${rootBindings.join(',')}`;
    let spec = specs.get(key);
    if (!spec) {
      const trains = site.fetches.filter((f) => p.trains.has(f)).map((f) => p.trains.get(f)!);
      if (trains.length > 1) {
        const why = jointTrainProblem(trains);
        if (why !== null) {
          fail(site.call, why);
          continue;
        }
      }
      const train = trains.length === 1 ? trains[0]! : null;
      const hasMerge = site.fetches.some((f) => p.merges.has(f));
      const roots: { name: string; at: number }[] = site.fetches
        .filter((f) => p.compute.has(f))
        .map((name) => ({ name, at: site.call.from }));
      if (site.expr) for (const name of namesIn(source, site.expr)) roots.push({ name, at: site.call.from });
      const lost = trains.find((t) => !bindingBefore(t.loss, t.stmt.from));
      if (lost) {
        fail(lost.stmt, `the loss \`${lost.loss}\` is not computed by the graph code here`);
        continue;
      }
      for (const t of trains) roots.push({ name: t.loss, at: t.stmt.from });
      // A var_list computed in graph code (a scope's variables) is computed in the function too.
      for (const t of trains)
        if (t.varList !== null && p.compute.has(t.varList)) roots.push({ name: t.varList, at: t.stmt.from });
      const summaries = hasMerge ? p.summaries : [];
      const gradientsProblem = summaryGradientsProblem(summaries, trains, p);
      if (gradientsProblem !== null) {
        fail(site.call, gradientsProblem);
        continue;
      }
      for (const s of summaries) roots.push(...[...s.uses].map((name) => ({ name, at: s.stmt.from })));
      if (hasMerge)
        for (const helper of p.summaryHelpers.values())
          for (const caller of helper.callers)
            roots.push(...caller.stmt.targets.map((name) => ({ name, at: caller.stmt.node.to })));
      const body = new Set<GraphStmt>();
      const params = new Map<string, Placeholder>();
      const computed = new Set<string>();
      let early: string | null = null;
      let twice: string | null = null;
      const visit = (name: string, at: number) => {
        const binding = graphBindingBefore(p, name, at);
        if (!binding) {
          if (p.placeholders.has(name)) early ??= name;
          return;
        }
        if (binding.kind === 'placeholder') {
          if ((params.has(name) && params.get(name) !== binding.ph) || computed.has(name)) twice ??= name;
          params.set(name, binding.ph);
          return;
        }
        if (params.has(name)) twice ??= name;
        computed.add(name);
        if (body.has(binding.stmt)) return;
        body.add(binding.stmt);
        for (const u of binding.stmt.uses) visit(u, binding.stmt.node.from);
      };
      for (const r of roots) visit(r.name, r.at);
      if (early !== null) {
        fail(
          site.call,
          `\`${early}\` is read here before the graph code makes it a placeholder (further down); the name means something else ` +
            `here, which this tool does not follow`,
        );
        continue;
      }
      if (twice !== null) {
        fail(
          site.call,
          `what this run computes reads two different tensors bound to \`${twice}\` (the name is made a placeholder again, or ` +
            `placeholder and tensor); one function cannot take both under one name`,
        );
        continue;
      }
      const wish = site.fetches.length === 1 ? site.fetches[0]! : site.fetches.join('_and_');
      spec = {
        name: site.expr
          ? freshName(expressionFunctionWish(ctx, site.stmt), taken)
          : site.fetches.length === 1 && ![...specs.values()].some((other) => other.name === wish)
            ? wish
            : freshName(wish, taken),
        expr: site.expr ?? null,
        fetches: site.fetches,
        list: site.list,
        sites: [],
        params: [...params.values()].sort((a, b) => a.stmt.from - b.stmt.from),
        body: [...body].sort((a, b) => a.node.from - b.node.from),
        train,
        trains: trains.length > 1 ? trains : [],
        summaries,
        helperSummaries:
          hasMerge &&
          [...body].some((stmt) =>
            callsIn(ctx.parsed.tree, stmt.node).some((c) => p.summaryHelpers.has(calleeName(source, c) ?? '')),
          ),
        asTfFunction: false,
        iterators: [...p.reinitialized.keys()].filter((it) => [...body].some((stmt) => stmt.uses.has(it))),
      };
      specs.set(key, spec);
    }
    spec.sites.push(site);
    for (const param of spec.params) {
      const fed = graphBindingBefore(p, param.name, site.call.from);
      if (site.feeds.has(param.name) && (fed?.kind !== 'placeholder' || fed.ph !== param))
        fail(
          site.call,
          `\`${param.name}\` is fed here, but it was made a placeholder again after the one that what is fetched reads: that ` +
            `one is not fed (TF1 would fail at run time too)`,
        );
      else if (!site.feeds.has(param.name) && param.defaultText === null)
        fail(
          site.call,
          `the placeholder \`${param.name}\` is needed here but not fed (TF1 would fail at run time too)`,
        );
    }
    if (site.feedHelper)
      checkFeedHelperParams(
        site.feedHelper.helper,
        spec.params.map((ph) => ph.name),
        site.call,
        fail,
      );
  }
  for (const spec of specs.values())
    spec.asTfFunction = spec.sites.length > 1 || spec.sites.some((s) => inLoop(s.call, p.block));
  return specs;
}

/**
 * Several training ops run together (a GAN's generator and discriminator steps) become one forward
 * pass under one persistent tape, a gradient per loss over that op's var_list, then every update: the
 * order TF1 most plausibly ran them in (it gave none). Only when each op names its variables, the
 * sets are written differently, and each has its own optimizer; otherwise which update sees which is unclear.
 */
function jointTrainProblem(trains: Train[]): string | null {
  if (trains.some((t) => t.varList === null))
    return (
      'two training ops run in one step, and not each with its own var_list: both would update every variable, in an order TF1 ' +
      'left open; write the GradientTapes by hand'
    );
  if (new Set(trains.map((t) => t.varList)).size < trains.length)
    return 'two training ops in one step update the same var_list; write the GradientTapes by hand';
  if (
    trains.some(
      (t) =>
        t.inlineOptimizer === null &&
        trains.some((u) => u !== t && u.inlineOptimizer === null && u.optimizer === t.optimizer),
    )
  )
    return 'two training ops in one step share one optimizer object; write the GradientTapes by hand';
  if (trains.filter((t) => t.globalStep !== null).length > 1)
    return 'two training ops in one step each increment a global step; write the GradientTapes by hand';
  return null;
}

/**
 * Summaries of gradients, or a loop over tf.trainable_variables(), read what only a training function
 * computes: the one training op run with them must compute those gradients, and differentiate every
 * trainable variable (no var_list) for the loop to mean what TF1's collection did.
 */
function summaryGradientsProblem(summaries: Summary[], trains: Train[], p: Program): string | null {
  const train = trains.length === 1 ? trains[0]! : null;
  const bound = new Set([train?.gradients?.pairs, train?.gradients?.list]);
  const gradients = summaries.flatMap((s) => [...s.uses]).find((u) => p.gradients.has(u) && !bound.has(u));
  if (gradients !== undefined)
    return `a summary here reads the gradients \`${gradients}\`, which the one training op run with it does not compute`;
  if (summaries.some((s) => s.loop && s.loop.over === null) && (train === null || train.varList !== null))
    return (
      'summaries over tf.trainable_variables() are run here without the one training op over every trainable variable that ' +
      'would name them (TF2 has no collection of trainable variables)'
    );
  return null;
}

function inLoop(node: SyntaxNode, block: SyntaxNode): boolean {
  for (let n = node.parent; n && n !== block; n = n.parent)
    if (n.name === 'ForStatement' || n.name === 'WhileStatement') return true;
  return false;
}

function planOptimizers(
  ctx: RuleContext,
  p: Program,
  taken: Set<string>,
  fail: (at: { from: number; to: number }, why: string) => void,
): Map<SyntaxNode, string> {
  const { source } = ctx;
  const out = new Map<SyntaxNode, string>();
  const keras = (call: SyntaxNode): string | null => {
    const cls = tfMember(calleeName(source, call), 'train.')!;
    const model = new CallModel(call, source, ctx.buffer);
    const params = [
      'learning_rate',
      ...(cls === 'MomentumOptimizer'
        ? ['momentum']
        : cls === 'AdamOptimizer'
          ? ['beta1', 'beta2', 'epsilon']
          : cls === 'RMSPropOptimizer'
            ? ['decay', 'momentum', 'epsilon']
            : []),
    ];
    let position = 0;
    const given = model.live.map((a) => ({
      keyword: a.keyword ?? params[position++] ?? '?',
      text: model.valueText(a),
    }));
    const lr = model.get('learning_rate', 0);
    if (lr && [...namesIn(source, lr.arg.value)].some((n) => p.compute.has(n) || p.placeholders.has(n))) {
      fail(
        lr.arg.value,
        'the learning rate is a graph tensor (a decay schedule or placeholder): use a tf.keras.optimizers.schedules object instead',
      );
      return null;
    }
    const result = kerasOptimizer(cls, given);
    if ('reason' in result) {
      fail(call, result.reason);
      return null;
    }
    return result.text;
  };
  for (const [, { stmt }] of p.optimizers) {
    const value = stmt.getChild('AssignOp')?.nextSibling;
    const text = value ? keras(value) : null;
    if (text !== null) out.set(stmt, text);
  }
  for (const train of p.trains.values()) {
    if (!train.inlineOptimizer) continue;
    const value = train.stmt.getChild('AssignOp')!.nextSibling!;
    const inner = value.firstChild!.firstChild!;
    const text = keras(inner);
    train.optimizer = freshName('optimizer', taken);
    if (text !== null) out.set(train.stmt, text);
  }
  return out;
}

interface Plans {
  sites: Site[];
  summarySites: Map<Site, SummarySite>;
  specs: Map<string, FunctionSpec>;
  optimizerTexts: Map<SyntaxNode, string>;
  layerPlans: Map<GraphStmt, LayerPlan[]>;
  rnnPlans: Map<GraphStmt, { construction: string; statement: string }>;
  staticRnnPlans: Map<GraphStmt, StaticRnnPlan>;
  cellPlans: { call: SyntaxNode; text: string }[];
  modelFunctions: ModelFunctionPlan[];
  siteVariables: SiteVariablesPlan[];
  collections: Map<ScopeCollection, string>;
  savers: SaverPlan[];
  sessionConfigs: SessionConfigPlan;
  helperGlobals: HelperGlobalsPlan;
  towers: TowerPlan[];
}

function apply(ctx: RuleContext, p: Program, plans: Plans): void {
  const { source, buffer, report, parsed } = ctx;
  const lines = parsed.lines;
  const indentOf = (node: SyntaxNode) => lines.indentOf(lines.lineOf(node.from));
  const constructions = new Map<GraphStmt, string[]>();

  // 0. Functions that make layers: the layers are made once, above them; their calls stay as they are.
  for (const plan of plans.modelFunctions) applyModelFunction(ctx, plan);
  // Functions making tf.Variables: each call's variables are made where the call was, before its layers.
  const siteConstructions = plans.siteVariables.map((plan) => applySiteVariables(ctx, plan));
  for (const [c, text] of plans.collections) {
    buffer.replace(c.value.from, c.value.to, text);
    report.info(
      2,
      'scope-variables',
      c.value,
      `The trainable variables of scope '${c.scope}' -> those of the layer objects its model function now uses, read where the ` +
        'training step runs (after the forward pass made them)',
    );
  }

  // 1. Inside statements that move: layer calls become calls of layer objects made once; helpers get
  // the graph tensors they read as globals passed to them.
  for (const edit of plans.helperGlobals.edits) buffer.insert(edit.at, edit.text, 'left');
  for (const note of plans.helperGlobals.notes) report.info(2, 'helper-globals', note.at, `${note.message}.`);
  for (const [stmt, layerPlans] of plans.layerPlans) {
    for (const plan of layerPlans) {
      buffer.replace(plan.call.from, plan.call.to, plan.replacement);
      report.info(2, 'layers-to-keras', plan.call, plan.message);
    }
    constructions.set(
      stmt,
      layerPlans.map((l) => l.construction),
    );
  }
  for (const [stmt, rnn] of plans.rnnPlans) {
    buffer.replace(stmt.node.from, stmt.node.to, rnn.statement);
    constructions.set(stmt, [rnn.construction]);
    report.info(
      2,
      'layers-to-keras',
      stmt.node,
      'tf.nn.dynamic_rnn -> a tf.keras.layers.RNN over the same cell, returning the output sequence',
    );
  }
  applyQueueInputs(ctx, p, constructions);
  const rnnRewrites: { from: number; to: number }[] = [];
  for (const [stmt, rnn] of plans.staticRnnPlans) {
    buffer.replace(stmt.node.from, stmt.node.to, rnn.lines.join(`\n${indentOf(stmt.node)}`));
    constructions.set(stmt, rnn.constructions);
    rnnRewrites.push(stmt.node);
    report.info(2, 'layers-to-keras', rnn.call, `${rnn.message}.`);
  }
  for (const cell of plans.cellPlans) {
    rnnRewrites.push(cell.call);
    buffer.replace(cell.call.from, cell.call.to, cell.text);
    report.info(
      2,
      'layers-to-keras',
      cell.call,
      `${cellMessage(ctx, cell.call.name === 'CallExpression' ? cell.call : cell.call.parent!, '')}.`,
    );
  }

  dropContribRnnImport(ctx, rnnRewrites);
  // Tower loops move into the functions as they are written, less what TF2 does otherwise; the optimizer stays here.
  for (const plan of plans.towers) {
    const stmt = p.stmts.find((s) => s.node === plan.tower.loop)!;
    constructions.set(stmt, [...(constructions.get(stmt) ?? []), applyTowerLoop(ctx, plan)]);
  }

  for (const made of siteConstructions)
    for (const [stmt, texts] of made) constructions.set(stmt, [...texts, ...(constructions.get(stmt) ?? [])]);

  // 2. The functions, from the moved statements' current text.
  const anchorIndent = p.anchor ? indentOf(p.anchor) : '';
  const functions = `\n${[...plans.specs.values()].map((spec) => functionText(ctx, p, spec, anchorIndent)).join('')}`;

  // 3. Statements of the graph code.
  const spanOf = (node: SyntaxNode) => lineSpan(lines, node);
  for (const stmt of p.stmts) {
    const span = spanOf(stmt.node);
    const indent = indentOf(stmt.node);
    switch (stmt.kind) {
      case 'placeholder':
        buffer.replace(span.from, span.to, '');
        report.info(
          2,
          'placeholder-to-argument',
          stmt.node,
          `Placeholder \`${stmt.targets[0]}\` removed: it is now an argument of the functions that used it, cast to its dtype as ` +
            `feeding did.`,
        );
        break;
      case 'compute': {
        const made = constructions.get(stmt) ?? [];
        buffer.replace(span.from, span.to, made.map((m) => `${indent}${m}\n`).join(''));
        break;
      }
      case 'summary':
      case 'merge': {
        buffer.replace(span.from, span.to, '');
        const overTrainable = p.summaries.some((s) => s.stmt === stmt.node && s.loop?.over === null);
        report.info(
          2,
          'summary-v2',
          stmt.node,
          'TF1 summary op removed: the value is now written with tf.summary v2 inside the function that computes it, under ' +
            'writer.as_default() and with an explicit step' +
            (overTrainable
              ? '; the loop runs over the variables the training step differentiates (tape.watched_variables(), in the order ' +
                'they were made), where TF1 took every trainable variable, used by the loss or not.'
              : '.'),
        );
        break;
      }
      case 'gradients':
        buffer.replace(span.from, span.to, '');
        report.info(
          2,
          'minimize-to-gradient-tape',
          stmt.node,
          `\`${stmt.targets[0]}\` (gradients to apply) is now computed with tf.GradientTape in the function that applies them.`,
        );
        break;
      case 'init':
      case 'graph':
        buffer.replace(span.from, span.to, '');
        report.info(
          2,
          stmt.kind === 'init' ? 'initializer-removed' : 'session-removed',
          stmt.node,
          stmt.kind === 'init'
            ? 'Variable initializer removed: TF2 variables are initialized when they are made.'
            : 'tf.Graph removed: TF2 runs eagerly.',
        );
        break;
      case 'session':
        buffer.replace(span.from, span.to, stmt.node === p.anchor ? functions : '');
        report.info(
          2,
          'session-removed',
          stmt.node,
          'Session removed: TF2 runs eagerly; what Session.run computed is now a function (see below).',
        );
        break;
      case 'optimizer':
      case 'minimize': {
        const text = plans.optimizerTexts.get(stmt.node);
        if (stmt.kind === 'minimize' && text === undefined) {
          buffer.replace(span.from, span.to, '');
          const how = p.trains.get(stmt.targets[0]!)?.gradients ? 'apply_gradients' : 'minimize';
          report.info(
            2,
            'minimize-to-gradient-tape',
            stmt.node,
            `\`${stmt.targets[0]}\` (${how}) is now a function that computes the loss under tf.GradientTape and applies the gradients.`,
          );
        } else if (text !== undefined) {
          const name = stmt.kind === 'minimize' ? p.trains.get(stmt.targets[0]!)!.optimizer : stmt.targets[0];
          buffer.replace(span.from, span.to, `${indent}${name} = ${text}\n`);
          report.info(
            2,
            'optimizer-to-keras',
            stmt.node,
            `tf.train optimizer -> ${text.replace(/\(.*$/, '')}${stmt.kind === 'minimize' ? `; \`${stmt.targets[0]}\` is now a function using tf.GradientTape` : ''}.`,
          );
        }
        break;
      }
      case 'writer': {
        const value = stmt.value!;
        const model = new CallModel(value, source, buffer);
        const logdir = model.get('logdir', 0);
        buffer.replace(
          value.from,
          value.to,
          `tf.summary.create_file_writer(${logdir ? model.valueText(logdir) : "'.'"})`,
        );
        report.info(
          2,
          'summary-v2',
          value,
          'FileWriter -> tf.summary.create_file_writer (the graph is no longer written; use tf.summary.trace_on to record one).',
        );
        break;
      }
      case 'state': {
        const value = stmt.value;
        if (value?.name !== 'CallExpression') break;
        const name = calleeName(source, value);
        const model = new CallModel(value, source, buffer);
        const initializable = p.initializable.has(stmt.targets[0] ?? '');
        if (
          initializable ||
          model.shortName === 'make_one_shot_iterator' ||
          isTf(name, 'data.make_one_shot_iterator')
        ) {
          const dataset = model.get('dataset', 0);
          const dsText = dataset
            ? model.valueText(dataset)
            : buffer.render(model.callee.firstChild!.from, model.callee.firstChild!.to);
          buffer.replace(value.from, value.to, `iter(${dsText})`);
          report.info(
            2,
            'iterator',
            value,
            p.reinitialized.has(stmt.targets[0] ?? '')
              ? 'Initializable iterator -> iter(dataset), made again where the Session initialized it (TF1 could not read it ' +
                  'before); get_next() still raises tf.errors.OutOfRangeError at the end.'
              : initializable
                ? 'Initializable iterator, initialized once by the Session -> iter(dataset): TF1 could not read it before that run, so ' +
                  'the batches are the same; get_next() still raises tf.errors.OutOfRangeError at the end.'
                : 'One-shot iterator -> iter(dataset); get_next() still raises tf.errors.OutOfRangeError at the end.',
          );
        } else if (isTf(name, 'train.get_or_create_global_step', 'train.get_global_step')) {
          buffer.replace(value.from, value.to, "tf.Variable(0, dtype=tf.int64, trainable=False, name='global_step')");
          report.info(2, 'global-step', value, 'Global step -> a plain tf.Variable the training function increments.');
        }
        break;
      }
      default:
        break;
    }
  }

  for (const helper of p.summaryHelpers.values())
    for (const call of helper.calls) {
      buffer.replace(call.call.from, call.call.to, call.text);
      report.info(
        2,
        'summary-v2',
        call.call,
        `TF1 summary in \`${helper.name}()\` -> tf.summary v2 without a step: it is written when the function runs under a ` +
          `writer.as_default(step=...), which the function fetching the merged summary now sets (elsewhere nothing is written, ` +
          `as TF1 wrote it only with the merged summary).`,
      );
    }

  // 4. Where the graph was run.
  const removeStatement = (stmt: SyntaxNode) => {
    const span = spanOf(stmt);
    const body = stmt.parent;
    const alone = body?.name === 'Body' && countStatements(body) === 1;
    buffer.replace(span.from, span.to, alone ? `${indentOf(stmt)}pass\n` : '');
  };
  for (const helper of new Set(plans.sites.flatMap((s) => (s.feedHelper ? [s.feedHelper.helper] : []))))
    rewriteFeedHelper(ctx, helper);
  for (const site of plans.sites) {
    const restarted = site.iterator !== undefined ? p.reinitialized.get(site.iterator) : undefined;
    if (site.kind === 'remove' && restarted !== undefined) {
      const span = spanOf(site.stmt);
      buffer.replace(span.from, span.to, `${indentOf(site.stmt)}${site.iterator} = iter(${restarted})\n`);
      report.info(
        2,
        'iterator',
        site.call,
        `sess.run(${site.iterator}.initializer) -> a new iter(${restarted}): each initialization starts the dataset again, as in ` +
          `TF1; the functions that read the iterator take it as an argument, so a tf.function reads the new one.`,
      );
      continue;
    }
    if (site.kind === 'remove') {
      removeStatement(site.stmt);
      report.info(
        2,
        'session-removed',
        site.call,
        'Session housekeeping removed (initializers run and sessions close themselves in TF2).',
      );
      continue;
    }
    if (site.kind === 'numpy') {
      buffer.replace(site.call.from, site.call.to, `${site.fetches[0]}.numpy()`);
      report.info(
        2,
        'session-run-to-call',
        site.call,
        `Reading variable \`${site.fetches[0]}\`: .numpy() instead of a Session.`,
      );
      continue;
    }
    if (site.feedVariable) {
      removeStatement(site.feedVariable.stmt);
      report.info(
        2,
        'feed-dict-to-arguments',
        site.feedVariable.stmt,
        `The feed dict \`${site.feedVariable.name}\` built just before the run is now keyword arguments of the call.`,
      );
    }
    if (site.trace) applyRunTrace(ctx, site.trace, removeStatement);
    const spec = [...plans.specs.values()].find((s) => s.sites.includes(site))!;
    const helperCall = site.feedHelper?.call;
    const args = helperCall
      ? [`**${buffer.render(helperCall.from, helperCall.to)}`]
      : spec.params.filter((ph) => site.feeds.has(ph.name)).map((ph) => `${ph.name}=${site.feeds.get(ph.name)}`);
    args.push(...spec.iterators.map((it) => `${it}=${it}`));
    const summary = plans.summarySites.get(site);
    if (summary) {
      args.push(`writer=${summary.writer}`, `step=tf.constant(${summary.step}, dtype=tf.int64)`);
      removeStatement(summary.remove);
    }
    const single = spec.expr !== null || (!spec.list && p.compute.has(spec.fetches[0]!));
    buffer.replace(site.call.from, site.call.to, `${spec.name}(${args.join(', ')})${single ? '.numpy()' : ''}`);
    const dropped = [...site.feeds.keys()].filter((k) => !spec.params.some((ph) => ph.name === k));
    report.info(
      2,
      'session-run-to-call',
      site.call,
      `Session.run -> ${spec.name}(...): the fed values are now arguments` +
        (dropped.length
          ? ` (${dropped.map((d) => `\`${d}\``).join(', ')} did not affect what is fetched, so it is not passed)`
          : '') +
        (spec.list ? '; the results are tensors (call .numpy() where NumPy values are needed)' : '') +
        '.',
    );
  }

  // Session arguments (config=...) go with their Sessions: say what they set; a ConfigProto only they used goes too.
  for (const stmt of plans.sessionConfigs.removals) removeStatement(stmt);
  for (const jit of plans.sessionConfigs.jit) {
    for (const edit of jit.edits) buffer.replace(edit.at.from, edit.at.to, edit.text);
    report.info(2, 'session-config', jit.edits[0]!.at, jitMessage(jit.setting));
  }
  for (const note of plans.sessionConfigs.notes)
    report.warning(2, 'session-config', note.at, sessionConfigMessage(note.settings));

  // 5. Savers: a Checkpoint of what the Saver would have saved, written and read at the same paths.
  for (const saver of plans.savers) {
    const optimizers = [...new Set(saver.trainsBefore.map((t) => p.trains.get(t)!.optimizer))];
    const objects = [...saver.variables, ...saver.layers, ...optimizers.filter((o) => !saver.variables.includes(o))];
    buffer.replace(
      saver.call.from,
      saver.call.to,
      `tf.train.Checkpoint(${objects.map((o) => `${o}=${o}`).join(', ')})`,
    );
    report.info(
      2,
      'saver-to-checkpoint',
      saver.call,
      `tf.train.Saver() -> tf.train.Checkpoint of the variables made before ` +
        `it${optimizers.length ? ' and the optimizer(s) whose slots it saved' : ''}` +
        (saver.layers.length
          ? `, the layers' variables through the Keras layer objects that now own them (${saver.layers.join(', ')})`
          : '') +
        `; the names inside the checkpoint differ, so TF1 checkpoints do not load into it (see TensorFlow's checkpoint ` +
        `migration guide)` +
        (optimizers.length
          ? `; a Keras optimizer keeps its iteration count and slots (Adam: m and v per variable, its beta powers follow from ` +
            `the count), where TF1's kept slots and beta1_power/beta2_power variables, the same state under other names.`
          : '.'),
    );
    for (const edit of saver.edits) {
      buffer.replace(
        edit.call.from,
        edit.call.to,
        `${saver.name}.${edit.kind === 'save' ? 'write' : 'read'}(${edit.path})`,
      );
      report.info(
        2,
        'saver-to-checkpoint',
        edit.call,
        edit.kind === 'save'
          ? 'saver.save(sess, path) -> Checkpoint.write(path): the same file prefix, returned.'
          : 'saver.restore(sess, path) -> Checkpoint.read(path): variables are restored now, optimizer slots when they are made.',
      );
    }
  }

  // 6. Blocks that only existed for the graph: their bodies move out one level.
  for (const wrapper of [...p.wrappers].reverse()) {
    const span = spanOf(wrapper.node);
    const first = wrapper.body.firstChild?.nextSibling;
    const bodyStart = first ? lines.lineStart(lines.lineOf(first.from)) : span.to;
    const header = { from: wrapper.node.from, to: wrapper.body.from };
    if (wrapper.kind === 'device' && holdsStatements(buffer.render(bodyStart, span.to))) {
      report.info(
        2,
        'device-kept',
        header,
        'tf.device block kept around what stays here; the graph ops it placed moved into the functions that use them, each under ' +
          'the same `with tf.device(...)` there.',
      );
      continue;
    }
    const inner = bodyIndent(lines, wrapper.body, indentOf(wrapper.node) + UNIT);
    const text = reindent(buffer.render(bodyStart, span.to), inner, indentOf(wrapper.node));
    buffer.replace(span.from, span.to, (wrapper.node === p.anchor ? functions : '') + text);
    if (wrapper.kind === 'device') {
      report.info(
        2,
        'device-removed',
        header,
        'tf.device block removed here, as nothing is left in it: the graph ops it placed moved into the functions that use them, ' +
          'each under the same `with tf.device(...)` there.',
      );
      continue;
    }
    const what =
      wrapper.kind === 'session'
        ? 'Session block'
        : wrapper.kind === 'graph'
          ? 'Graph().as_default() block'
          : 'name/variable scope';
    report.info(
      2,
      wrapper.kind === 'scope' ? 'scope-removed' : 'session-removed',
      header,
      `${what} removed and its body moved out one ` +
        `level${wrapper.kind === 'scope' ? ': in TF2, variables are named by the Python objects that own them' : ''}.`,
    );
  }
}

function countStatements(body: SyntaxNode): number {
  let n = 0;
  for (let c = body.firstChild; c; c = c.nextSibling)
    if (c.name.endsWith('Statement') || c.name === 'FunctionDefinition' || c.name === 'ClassDefinition') n++;
  return n;
}

function functionText(ctx: RuleContext, p: Program, spec: FunctionSpec, indent: string): string {
  const { buffer, parsed } = ctx;
  const lines = parsed.lines;
  const i1 = indent + UNIT;
  const out: string[] = [];
  const taken = new Set<string>([...p.compute.keys(), ...p.placeholders.keys()]);
  const params = spec.params.map((ph) => (ph.defaultText !== null ? `${ph.name}=${ph.defaultText}` : ph.name));
  params.push(...spec.iterators);
  const writes = spec.summaries.length > 0 || spec.helperSummaries;
  const writer = writes ? freshName('writer', taken) : null;
  const step = writes ? freshName('step', taken) : null;
  if (writer && step) params.push(writer, step);
  if (spec.asTfFunction) out.push(`${indent}@tf.function`);
  out.push(`${indent}def ${spec.name}(${params.join(', ')}):`);
  // Feeding a placeholder converted the value to its dtype as NumPy does (a cast); tf.cast does the
  // same for arrays and tensors alike. Strings cannot be cast, only converted.
  for (const ph of spec.params) {
    if (ph.dtype === null) continue;
    const convert = /\bstring\b/.test(ph.dtype)
      ? `tf.convert_to_tensor(${ph.name}, dtype=${ph.dtype})`
      : `tf.cast(${ph.name}, ${ph.dtype})`;
    out.push(`${i1}${ph.name} = ${convert}`);
  }
  // Summaries made by functions the graph code calls take the writer and step of the context around them.
  if (spec.helperSummaries) out.push(`${i1}with ${writer}.as_default(step=${step}):`);
  const b = spec.helperSummaries ? i1 + UNIT : i1;
  // A call of a function making summaries runs under the name scope TF1's removed scopes gave it, for TF1's tags.
  const scopes = new Map<GraphStmt, string>();
  for (const helper of p.summaryHelpers.values())
    for (const c of helper.callers) if (c.scope !== '') scopes.set(c.stmt, c.scope);
  const bodyText = (at: string) =>
    withDevices(
      ctx,
      p,
      spec.body.map((stmt) => ({
        node: stmt.node,
        text: (to: string) => {
          const span = lineSpan(lines, stmt.node);
          const scope = scopes.get(stmt);
          const text = reindent(
            buffer.render(span.from, span.to).replace(/\n$/, ''),
            lines.indentOf(lines.lineOf(stmt.node.from)),
            scope === undefined ? to : to + UNIT,
          );
          return scope === undefined ? text : `${to}with tf.name_scope('${scope}'):\n${text}`;
        },
      })),
      at,
    );
  const vars = spec.train ? freshName('variables', taken) : null;
  if (spec.trains.length > 1) {
    const tape = freshName('tape', taken);
    out.push(`${b}with tf.GradientTape(persistent=True) as ${tape}:`, ...bodyText(b + UNIT));
    const grads = spec.trains.map(() => freshName('gradients', taken));
    spec.trains.forEach((t, i) => out.push(`${b}${grads[i]} = ${tape}.gradient(${t.loss}, ${t.varList})`));
    spec.trains.forEach((t, i) => out.push(`${b}${t.optimizer}.apply_gradients(zip(${grads[i]}, ${t.varList}))`));
    for (const t of spec.trains) if (t.globalStep) out.push(`${b}${t.globalStep}.assign_add(1)`);
  } else if (spec.train?.precomputed) {
    // The tower loop in the body computed the pairs under its own tapes; the program's function averaged them.
    out.push(...bodyText(b), `${b}${spec.train.optimizer}.apply_gradients(${spec.train.precomputed})`);
    if (spec.train.globalStep) out.push(`${b}${spec.train.globalStep}.assign_add(1)`);
  } else if (spec.train) {
    const tape = freshName('tape', taken);
    const grads = freshName('gradients', taken);
    out.push(`${b}with tf.GradientTape() as ${tape}:`, ...bodyText(b + UNIT));
    out.push(`${b}${vars} = ${spec.train.varList ?? `${tape}.watched_variables()`}`);
    out.push(`${b}${grads} = ${tape}.gradient(${spec.train.loss}, ${vars})`);
    out.push(`${b}${spec.train.optimizer}.apply_gradients(zip(${grads}, ${vars}))`);
    // The names the graph code gave the gradients, for the summaries here that read them.
    const read = new Set(spec.summaries.flatMap((s) => [...s.uses]));
    const named = spec.train.gradients;
    if (named?.list && read.has(named.list)) out.push(`${b}${named.list} = ${grads}`);
    if (named?.pairs && read.has(named.pairs)) out.push(`${b}${named.pairs} = list(zip(${grads}, ${vars}))`);
    if (spec.train.globalStep) out.push(`${b}${spec.train.globalStep}.assign_add(1)`);
  } else out.push(...bodyText(b));
  if (writer && step) {
    const at = spec.helperSummaries ? b : b + UNIT;
    if (!spec.helperSummaries && spec.summaries.length > 0) out.push(`${b}with ${writer}.as_default():`);
    for (const s of spec.summaries) {
      const call = `tf.summary.${s.kind}(${[...s.args, `step=${step}`].join(', ')})`;
      if (s.loop) out.push(`${at}for ${s.loop.targets} in ${s.loop.over ?? vars}:`, `${at}${UNIT}${call}`);
      else out.push(`${at}${call}`);
    }
  }
  if (spec.expr) {
    const text = buffer.render(spec.expr.from, spec.expr.to);
    out.push(
      `${b}return ${text.includes('\n') ? `(${reindent(text, '', '').replace(/\n/g, ' ').replace(/\s+/g, ' ')})` : text}`,
    );
  } else if (spec.list)
    out.push(
      `${b}return ${spec.fetches.map((f) => (p.compute.has(f) ? f : 'None')).join(', ')}${spec.fetches.length === 1 ? ',' : ''}`,
    );
  else if (p.compute.has(spec.fetches[0]!)) out.push(`${b}return ${spec.fetches[0]}`);
  if (out.at(-1)!.endsWith(':')) out.push(`${b}pass`);
  return `${out.join('\n')}\n\n`;
}
