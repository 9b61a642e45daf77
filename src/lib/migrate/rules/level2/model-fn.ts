import { dottedName, type SyntaxNode, statementsOf, textOf } from '../../parse.ts';
import { assignedNames, assignedValue, calleeName, containsNode, isTf } from './names.ts';

/** tf.estimator.ModeKeys values, as TF1 spelled them. */
export type Mode = 'train' | 'eval' | 'infer';
const MODE_KEYS: Record<string, Mode> = { TRAIN: 'train', EVAL: 'eval', PREDICT: 'infer' };

/** A statement of a model_fn that the mode reaches: what it binds and what it reads. */
export interface Unit {
  node: SyntaxNode;
  targets: string[];
  uses: Set<string>;
  /** The right-hand side of a plain assignment, else null. */
  value: SyntaxNode | null;
}

/** What one mode runs: the statements it reaches, in order, and the EstimatorSpec it returns. */
export interface ModePath {
  units: Unit[];
  spec: SyntaxNode;
  /** Where the spec is returned: a unit binds a name only before this. */
  returnAt: number;
}

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * Names a node reads: VariableName nodes, less keyword names of calls (`f(units=u)` reads `u`, not
 * `units`) and the names comprehensions bind.
 */
export function readNames(source: string, node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name !== 'VariableName') continue;
    const n = cursor.node;
    if (n.parent?.name === 'ArgList' && n.nextSibling?.name === 'AssignOp') continue;
    out.add(source.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return out;
}

/** Names bound anywhere inside a compound statement: assignment targets and `for` targets. */
function boundInside(source: string, node: SyntaxNode): string[] | null {
  const out: string[] = [];
  let ok = true;
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === 'AssignStatement') {
      const names = assignedNames(source, cursor.node);
      if (names === null) ok = false;
      else out.push(...names);
    } else if (cursor.name === 'ForStatement') {
      for (let c = cursor.node.firstChild; c && c.name !== 'in'; c = c.nextSibling)
        if (c.name === 'VariableName') out.push(textOf(source, c));
    } else if (cursor.name === 'UpdateStatement') ok = false;
  } while (cursor.next());
  return ok ? out : null;
}

/** `mode == tf.estimator.ModeKeys.X` (either side): the mode tested, or null. */
function modeTest(source: string, cond: SyntaxNode | null): Mode | null {
  if (cond?.name !== 'BinaryExpression') return null;
  const [left, op, right] = [cond.firstChild, cond.firstChild?.nextSibling, cond.lastChild];
  if (!left || !right || op?.name !== 'CompareOp' || textOf(source, op) !== '==') return null;
  const key = textOf(source, left) === 'mode' ? right : textOf(source, right) === 'mode' ? left : null;
  const name = key ? dottedName(source, key) : null;
  for (const [k, mode] of Object.entries(MODE_KEYS)) if (isTf(name, `estimator.ModeKeys.${k}`)) return mode;
  return null;
}

export function isEstimatorSpec(source: string, node: SyntaxNode | null): boolean {
  return node?.name === 'CallExpression' && isTf(calleeName(source, node), 'estimator.EstimatorSpec');
}

/**
 * Follows a model_fn body for one mode: `if mode == tf.estimator.ModeKeys.X:` (with an optional
 * `else:`) is decided, since the Estimator called the model_fn once per mode with `mode` fixed;
 * every other statement is a plain assignment, a loop or a docstring, and the walk ends at the first
 * `return` of a tf.estimator.EstimatorSpec (or of a name bound to one). Null (with reasons given) if
 * the body has another shape, or reads `mode` in another way.
 */
export function followMode(source: string, body: SyntaxNode, mode: Mode, fail: Fail): ModePath | null {
  const units: Unit[] = [];
  const specs = new Map<string, SyntaxNode>();
  let failed = false;
  const stop = (at: { from: number; to: number }, why: string) => {
    failed = true;
    fail(at, why);
  };
  const walk = (stmts: SyntaxNode[]): ModePath | null => {
    for (const stmt of stmts) {
      if (failed) return null;
      if (stmt.name === 'ExpressionStatement' && stmt.firstChild?.name === 'String' && !stmt.firstChild.nextSibling)
        continue;
      if (stmt.name === 'PassStatement') continue;
      if (stmt.name === 'IfStatement') {
        const cond = stmt.firstChild?.nextSibling ?? null;
        const tested = modeTest(source, cond);
        if (tested === null || stmt.getChild('elif')) {
          stop(
            cond ?? stmt,
            'only `if mode == tf.estimator.ModeKeys.<KEY>:` (with an optional else) is followed in a model_fn',
          );
          return null;
        }
        const [then, otherwise] = stmt.getChildren('Body');
        const taken = tested === mode ? then : otherwise;
        if (taken) {
          const found = walk(statementsOf(taken));
          if (found || failed) return found;
        }
        continue;
      }
      if (stmt.name === 'ReturnStatement') {
        const value = stmt.lastChild;
        const spec = isEstimatorSpec(source, value)
          ? value!
          : value?.name === 'VariableName'
            ? specs.get(textOf(source, value))
            : undefined;
        if (!spec) {
          stop(stmt, 'a model_fn must return a tf.estimator.EstimatorSpec');
          return null;
        }
        return { units, spec, returnAt: stmt.from };
      }
      if (stmt.name === 'AssignStatement') {
        const value = assignedValue(stmt);
        const targets = assignedNames(source, stmt);
        if (targets === null || value === null) {
          stop(stmt, 'only assignments to plain names are followed in a model_fn');
          return null;
        }
        if (isEstimatorSpec(source, value)) {
          if (targets.length === 1) specs.set(targets[0]!, value);
          continue;
        }
        units.push({ node: stmt, targets, uses: readNames(source, value), value });
        continue;
      }
      if (stmt.name === 'ForStatement') {
        const targets = boundInside(source, stmt);
        if (targets === null || containsNode(stmt, 'ReturnStatement') || containsNode(stmt, 'YieldExpression')) {
          stop(stmt, 'a loop in a model_fn is followed only when it assigns plain names and does not return');
          return null;
        }
        units.push({ node: stmt, targets, uses: readNames(source, stmt), value: null });
        continue;
      }
      stop(stmt, 'this statement in a model_fn is not followed (only assignments, loops and mode tests are)');
      return null;
    }
    return null;
  };
  const path = walk(statementsOf(body));
  if (failed) return null;
  if (!path) {
    fail(body, `the model_fn returns no tf.estimator.EstimatorSpec in mode '${mode}'`);
    return null;
  }
  for (const unit of path.units)
    if (unit.uses.has('mode')) {
      fail(unit.node, '`mode` is read here other than in `if mode == tf.estimator.ModeKeys.<KEY>:`');
      return null;
    }
  return path;
}

/**
 * The units a set of names depends on, in order: each read means the binding before the reader (the
 * path is straight-line code, loops taken whole).
 */
export function sliceFor(path: ModePath, roots: { name: string; at: number }[]): Unit[] {
  const chosen = new Set<Unit>();
  const visit = (name: string, at: number) => {
    let found: Unit | undefined;
    for (const unit of path.units) if (unit.node.from < at && unit.targets.includes(name)) found = unit;
    if (!found || chosen.has(found)) return;
    chosen.add(found);
    for (const use of found.uses) visit(use, found.node.from);
  };
  for (const root of roots) visit(root.name, root.at);
  return path.units.filter((u) => chosen.has(u));
}
