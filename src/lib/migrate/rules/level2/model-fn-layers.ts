import { CallModel } from '../../call.ts';
import { type SyntaxNode, statementsOf, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { type LayerPlan, planLayers } from './layer-calls.ts';
import { readNames } from './model-fn.ts';
import { assignedNames, callsIn, calleeName, containsNode, freshName, tfMember } from './names.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** tf.layers calls the model_fn makes itself, turned into objects made once where the Estimator was. */
export interface ModelFnLayers {
  /** Offsets of the tf.layers calls planned here (they no longer make variables per call). */
  calls: Set<number>;
  /** `name = ...` statements, without indentation, to run once before the written functions. */
  constructions: string[];
  /** Names the layers' configurations read (they are now read where the Estimator was made). */
  configNames: Set<string>;
  /** Edits to make inside the model_fn before its statements are copied. */
  edits: { from: number; to: number; text: string; message: string | null }[];
}

/**
 * The Estimator called the model_fn once per mode, each in a new graph, and the modes shared weights
 * through the checkpoint by variable name: the n-th layer made got the same name in every mode. So
 * each tf.layers call the model_fn makes becomes one Keras layer object, made once, that every
 * mode's copy of the statement calls. Exact when every layer is made before the body first tests
 * `mode` (each mode then makes the same layers in the same order); layers inside a mode branch are
 * refused. A `for` loop over a literal list or tuple made one layer per pass: that is a list of
 * objects made from the same list, the loop walking both with zip.
 */
export function planModelFnLayers(
  ctx: RuleContext,
  modelFn: SyntaxNode,
  params: string[],
  taken: Set<string>,
  fail: Fail,
): ModelFnLayers {
  const { source, buffer } = ctx;
  const out: ModelFnLayers = { calls: new Set(), constructions: [], configNames: new Set(), edits: [] };
  const fnName = textOf(source, modelFn.getChild('VariableName')!);
  const body = modelFn.getChild('Body')!;
  const bound = new Set(params);
  const cursor = body.cursor();
  do {
    if (cursor.from >= body.to) break;
    if (cursor.name === 'AssignStatement') for (const n of assignedNames(source, cursor.node) ?? []) bound.add(n);
  } while (cursor.next());
  const layerCalls = (node: SyntaxNode) =>
    callsIn(ctx.parsed.tree, node).filter((c) => tfMember(calleeName(source, c), 'layers.') !== null);
  /** Names a layer's configuration (every argument but its inputs) reads. */
  const configNames = (call: SyntaxNode) => {
    const model = new CallModel(call, source, buffer);
    const inputs = model.get('inputs', 0);
    const names = new Set<string>();
    for (const a of model.live)
      if (a !== inputs && a.keyword !== 'training') for (const n of readNames(source, a.arg.value)) names.add(n);
    return names;
  };
  // TF1's tf.layers.dropout and batch_normalization default to training=False; a Keras layer called
  // without `training` asks the learning phase instead, so the TF1 default is written out.
  const replacement = (plan: LayerPlan) => {
    const fn = tfMember(calleeName(source, plan.call), 'layers.');
    const given = new CallModel(plan.call, source, buffer).get('training') !== undefined;
    return (fn === 'dropout' || fn === 'batch_normalization') && !given
      ? `${plan.replacement.slice(0, -1)}, training=False)`
      : plan.replacement;
  };
  const checkConfig = (plan: LayerPlan, allowed: Set<string>) => {
    const names = configNames(plan.call);
    for (const n of names) if (!allowed.has(n)) out.configNames.add(n);
    const local = [...names].find((n) => bound.has(n) && !allowed.has(n));
    if (local)
      fail(
        plan.call,
        `this layer is configured by \`${local}\`, computed in the model_fn; TF2 makes the layer once, outside it`,
      );
    return !local;
  };

  let branched = false;
  for (const stmt of statementsOf(body)) {
    if (stmt.name === 'IfStatement') branched = true;
    const calls = layerCalls(stmt);
    if (calls.length === 0) continue;
    if (branched) {
      for (const c of calls)
        fail(c, 'a layer made after the model_fn first tests `mode` may get another name in each mode; not followed');
      continue;
    }
    const wish = `${fnName}_${(assignedNames(source, stmt) ?? [])[0] ?? 'layer'}`;
    if (stmt.name === 'AssignStatement') {
      for (const plan of planLayers(ctx, stmt, wish, taken, fail)) {
        if (!checkConfig(plan, new Set())) continue;
        out.calls.add(plan.call.from);
        out.constructions.push(plan.construction);
        out.edits.push({ from: plan.call.from, to: plan.call.to, text: replacement(plan), message: plan.message });
      }
      continue;
    }
    const loop = stmt.name === 'ForStatement' ? readLoop(source, stmt) : null;
    if (!loop) {
      for (const c of calls)
        fail(
          c,
          'a layer is followed in a model_fn only in an assignment, or in a `for` loop over a literal list or tuple',
        );
      continue;
    }
    const inner = loop.body.filter((s) => layerCalls(s).length > 0);
    if (inner.some((s) => s.name !== 'AssignStatement' || containsNode(s, 'ForStatement'))) {
      fail(stmt, 'a loop making layers is followed only when its body is plain assignments');
      continue;
    }
    const lists: string[] = [];
    const elements: string[] = [];
    for (const s of inner) {
      const plans = planLayers(ctx, s, `${fnName}_${(assignedNames(source, s) ?? [])[0] ?? 'layer'}`, taken, fail);
      for (const plan of plans) {
        if (!checkConfig(plan, new Set([loop.target]))) continue;
        const eq = plan.construction.indexOf(' = ');
        const element = plan.construction.slice(0, eq);
        const list = freshName(`${element}s`, taken);
        lists.push(list);
        elements.push(element);
        out.calls.add(plan.call.from);
        out.constructions.push(`${list} = [${plan.construction.slice(eq + 3)} for ${loop.target} in ${loop.iterable}]`);
        out.edits.push({
          from: plan.call.from,
          to: plan.call.to,
          text: replacement(plan),
          message: `${plan.message} (one per pass of the loop, as TF1 made one per pass: a list made once, walked with zip)`,
        });
      }
    }
    if (lists.length > 0)
      out.edits.push({
        from: loop.targetNode.from,
        to: loop.iterableNode.to,
        text: `${[loop.target, ...elements].join(', ')} in zip(${[loop.iterable, ...lists].join(', ')})`,
        message: null,
      });
  }
  return out;
}

interface Loop {
  node: SyntaxNode;
  target: string;
  targetNode: SyntaxNode;
  iterable: string;
  iterableNode: SyntaxNode;
  body: SyntaxNode[];
}

/** `for name in [...] / (...):` without else, break or continue; null for other loops. */
function readLoop(source: string, stmt: SyntaxNode): Loop | null {
  const targetNode = stmt.firstChild?.nextSibling;
  const inKw = targetNode?.nextSibling;
  const iterableNode = inKw?.nextSibling;
  const body = stmt.getChild('Body');
  if (
    targetNode?.name !== 'VariableName' ||
    inKw?.name !== 'in' ||
    !iterableNode ||
    !['ArrayExpression', 'TupleExpression'].includes(iterableNode.name) ||
    readNames(source, iterableNode).size > 0 ||
    stmt.getChild('else') ||
    !body ||
    containsNode(stmt, 'BreakStatement') ||
    containsNode(stmt, 'ContinueStatement')
  )
    return null;
  return {
    node: stmt,
    target: textOf(source, targetNode),
    targetNode,
    iterable: textOf(source, iterableNode),
    iterableNode,
    body: statementsOf(body),
  };
}
