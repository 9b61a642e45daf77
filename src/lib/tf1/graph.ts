import type * as tfc from '@tensorflow/tfjs-core';
import { LookupError, ValueError } from './errors.ts';

export type DType = 'float32' | 'int32' | 'bool';
/** A static shape: null entries are unknown dimensions (TF1's `?`); null overall is unknown rank. */
export type Shape = (number | null)[] | null;
/** Makes a variable's first value at run time. */
export type Initializer = (tf: typeof tfc, shape: number[], dtype: DType) => tfc.Tensor;

/** A frame is the body of a whileLoop or a branch of cond: its nodes run only when the loop or
 *  the branch asks for them, once per iteration. */
export interface Frame {
  readonly parent: Frame | null;
  readonly kind: 'while' | 'cond';
}

/** A symbolic tensor (and the op that makes it; TF1 kept them apart, one output per op here
 *  except While, whose outputs are read through `Exit` nodes). */
export class Node {
  constructor(
    readonly graph: Graph,
    readonly id: number,
    readonly name: string,
    readonly op: string,
    readonly inputs: readonly Node[],
    readonly dtype: DType | null,
    readonly shape: Shape,
    readonly attrs: Readonly<Record<string, unknown>>,
    readonly frame: Frame | null,
  ) {}
  toString(): string {
    const dims = this.shape === null ? '<unknown>' : `(${this.shape.map((d) => d ?? '?').join(', ')})`;
    return `<tf.Tensor '${this.name}:0' shape=${dims} dtype=${this.dtype ?? 'none'}>`;
  }
}

export interface VariableScopeOptions {
  /** true: getVariable must find an existing variable; 'auto': find or create (tf.AUTO_REUSE). */
  reuse?: boolean | 'auto';
}

interface VarRecord {
  node: Node;
  initializer: Node;
  trainable: boolean;
}

const fmt = (s: readonly (number | null)[]) => `(${s.map((d) => d ?? '?').join(', ')}${s.length === 1 ? ',' : ''})`;

/** Broadcast two static shapes the NumPy way; null where unknown. Throws ValueError where both
 *  sides are known and cannot broadcast, as TF1 did while building. */
function broadcastShapes(a: Shape, b: Shape, op: string): Shape {
  if (a === null || b === null) return null;
  const n = Math.max(a.length, b.length);
  const out: (number | null)[] = [];
  // From the last dimension, as TF reports the first mismatch it meets there.
  for (let i = n - 1; i >= 0; i--) {
    const x = i < n - a.length ? 1 : a[i - (n - a.length)]!;
    const y = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (x === 1) out.unshift(y);
    else if (y === 1) out.unshift(x);
    else if (x === null || y === null) out.unshift(x ?? y);
    else if (x === y) out.unshift(x);
    else
      throw new ValueError(
        `Dimensions must be equal, but are ${x} and ${y} for '${op}' with input shapes: [${a.map((d) => d ?? '?')}], ` +
          `[${b.map((d) => d ?? '?')}].`,
      );
  }
  return out;
}

function reduceShape(s: Shape, axis: number[] | null, keepDims: boolean): Shape {
  if (s === null) return null;
  const axes = (axis ?? s.map((_, i) => i)).map((a) => (a < 0 ? a + s.length : a));
  if (keepDims) return s.map((d, i) => (axes.includes(i) ? 1 : d));
  return s.filter((_, i) => !axes.includes(i));
}

/**
 * A TF1-style graph. Building calls only record nodes; nothing is computed until a Session runs
 * some of them. Names are made unique the TF1 way (`add`, `add_1`, ...) under the current name
 * scope; getVariable names come from the variable scope only, as in TF1.
 */
export class Graph {
  private readonly nodes: Node[] = [];
  private readonly names = new Set<string>();
  private readonly nameCounts = new Map<string, number>();
  private readonly variables = new Map<string, VarRecord>();
  private nameStack: string[] = [];
  private varScopeStack: { name: string; reuse: boolean | 'auto' }[] = [];
  private frame: Frame | null = null;

  get operations(): readonly Node[] {
    return this.nodes;
  }
  /** Every variable created with getVariable, in creation order (tf.global_variables()). */
  globalVariables(): Node[] {
    return [...this.variables.values()].map((v) => v.node);
  }
  trainableVariables(): Node[] {
    return [...this.variables.values()].filter((v) => v.trainable).map((v) => v.node);
  }
  /** @internal the node that assigns the variable its initial value. */
  initializerOf(v: Node): Node {
    const rec = this.variables.get(v.name);
    if (rec === undefined || rec.node !== v) throw new ValueError(`${v.name} is not a variable of this graph`);
    return rec.initializer;
  }

  private uniqueName(base: string): string {
    const scoped = [...this.nameStack, base].join('/');
    if (!this.names.has(scoped)) {
      this.names.add(scoped);
      return scoped;
    }
    let i = this.nameCounts.get(scoped) ?? 1;
    while (this.names.has(`${scoped}_${i}`)) i++;
    this.nameCounts.set(scoped, i + 1);
    this.names.add(`${scoped}_${i}`);
    return `${scoped}_${i}`;
  }

  /** @internal records a node. Inputs must come from this graph and from this frame or one around it. */
  addNode(
    op: string,
    name: string,
    inputs: Node[],
    dtype: DType | null,
    shape: Shape,
    attrs: Record<string, unknown> = {},
    exactName = false,
  ): Node {
    for (const input of inputs) {
      if (input.graph !== this) throw new ValueError(`Tensor ${input.name} must be from the same graph as ${name}.`);
      let f: Frame | null = this.frame;
      while (f !== null && f !== input.frame) f = f.parent;
      if (f !== input.frame)
        throw new ValueError(
          `Cannot use '${input.name}' as input to '${name}' because '${input.name}' is in a while loop or cond branch that does not ` +
            `contain it.`,
        );
    }
    const unique = exactName ? name : this.uniqueName(name);
    if (exactName) this.names.add(unique);
    const node = new Node(this, this.nodes.length, unique, op, inputs, dtype, shape, attrs, this.frame);
    this.nodes.push(node);
    return node;
  }

  private lift(x: Node | number): Node {
    return typeof x === 'number' ? this.constant(x) : x;
  }

  // ---- scopes ----

  /** tf.name_scope: prefixes op names; getVariable ignores it (the classic TF1 surprise). */
  nameScope<T>(name: string, fn: () => T): T {
    const scoped = this.uniqueName(name);
    const saved = this.nameStack;
    this.nameStack = scoped.split('/');
    try {
      return fn();
    } finally {
      this.nameStack = saved;
    }
  }

  /** tf.variable_scope: prefixes variable names and opens a name scope of the same name. Reuse is
   *  inherited by nested scopes, as in TF1. */
  variableScope<T>(name: string, fn: () => T): T;
  variableScope<T>(name: string, options: VariableScopeOptions, fn: () => T): T;
  variableScope<T>(name: string, a: VariableScopeOptions | (() => T), b?: () => T): T {
    const options = typeof a === 'function' ? {} : a;
    const fn = (typeof a === 'function' ? a : b)!;
    const outer = this.varScopeStack[this.varScopeStack.length - 1];
    const reuse = outer?.reuse === true ? true : (options.reuse ?? outer?.reuse ?? false);
    this.varScopeStack.push({ name: outer === undefined ? name : `${outer.name}/${name}`, reuse });
    try {
      return this.nameScope(name, fn);
    } finally {
      this.varScopeStack.pop();
    }
  }

  /** tf.get_variable. Without reuse a second call with the same full name throws TF1's ValueError;
   *  with reuse=true a missing variable throws; 'auto' creates or returns. */
  getVariable(
    name: string,
    shape?: number[],
    initializer?: Initializer,
    options: { trainable?: boolean; dtype?: DType } = {},
  ): Node {
    const scope = this.varScopeStack[this.varScopeStack.length - 1];
    const full = scope === undefined ? name : `${scope.name}/${name}`;
    const reuse = scope?.reuse ?? false;
    const existing = this.variables.get(full);
    if (existing !== undefined) {
      if (reuse === false) {
        throw new ValueError(
          `Variable ${full} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?`,
        );
      }
      const found = existing.node.shape!;
      if (shape !== undefined && (shape.length !== found.length || shape.some((d, i) => d !== found[i]))) {
        throw new ValueError(
          `Trying to share variable ${full}, but specified shape ${fmt(shape)} and found shape ${fmt(found)}.`,
        );
      }
      return existing.node;
    }
    if (reuse === true) {
      throw new ValueError(
        `Variable ${full} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`,
      );
    }
    if (shape === undefined)
      throw new ValueError(`Shape of a new variable (${full}) must be fully defined, but instead was <unknown>.`);
    return this.createVariable(
      full,
      shape,
      initializer ?? glorotUniformDefault,
      options.trainable ?? true,
      options.dtype ?? 'float32',
    );
  }

  /** @internal a variable with this exact name (an optimizer's slots use it: `kernel/Adam`). */
  createVariable(full: string, shape: number[], init: Initializer, trainable: boolean, dtype: DType = 'float32'): Node {
    if (this.variables.has(full) || this.names.has(full))
      throw new ValueError(`Name ${full} is already used by an op; variables need their own name.`);
    // Variables live outside any loop frame, as TF1 hoists them.
    const savedFrame = this.frame;
    this.frame = null;
    try {
      const node = this.addNode('VariableV2', full, [], dtype, shape, {}, true);
      const value = this.addNode('InitialValue', `${full}/Initializer`, [], dtype, shape, { init }, true);
      const assign = this.addNode('Assign', `${full}/Assign`, [node, value], dtype, shape, {}, true);
      this.variables.set(full, { node, initializer: assign, trainable });
      return node;
    } finally {
      this.frame = savedFrame;
    }
  }

  /** tf.global_variables_initializer(): one op that runs every variable's initializer. */
  globalVariablesInitializer(): Node {
    return this.group(
      [...this.variables.values()].map((v) => v.initializer),
      'init',
    );
  }

  /** tf.group: runs its inputs, has no value. */
  group(inputs: Node[], name = 'group_deps'): Node {
    return this.addNode('NoOp', name, inputs, null, null);
  }

  // ---- leaves ----

  placeholder(dtype: DType, shape: Shape, name = 'Placeholder'): Node {
    return this.addNode('Placeholder', name, [], dtype, shape);
  }
  constant(value: number | number[] | number[][], dtype: DType = 'float32', name = 'Const'): Node {
    const shape: number[] = [];
    let v: unknown = value;
    while (Array.isArray(v)) {
      shape.push(v.length);
      v = v[0];
    }
    return this.addNode('Const', name, [], dtype, shape, { value });
  }

  // ---- ops ----

  private binary(op: string, name: string, a: Node | number, b: Node | number, dtype?: DType): Node {
    const x = this.lift(a);
    const y = this.lift(b);
    const unique = this.uniqueName(name);
    return this.addNode(op, unique, [x, y], dtype ?? x.dtype, broadcastShapes(x.shape, y.shape, unique), {}, true);
  }
  add(a: Node | number, b: Node | number, name = 'add'): Node {
    return this.binary('Add', name, a, b);
  }
  sub(a: Node | number, b: Node | number, name = 'sub'): Node {
    return this.binary('Sub', name, a, b);
  }
  mul(a: Node | number, b: Node | number, name = 'mul'): Node {
    return this.binary('Mul', name, a, b);
  }
  div(a: Node | number, b: Node | number, name = 'truediv'): Node {
    return this.binary('RealDiv', name, a, b);
  }
  /** Element-wise comparison; bool result. */
  equal(a: Node | number, b: Node | number, name = 'Equal'): Node {
    return this.binary('Equal', name, a, b, 'bool');
  }
  greater(a: Node | number, b: Node | number, name = 'Greater'): Node {
    return this.binary('Greater', name, a, b, 'bool');
  }
  less(a: Node | number, b: Node | number, name = 'Less'): Node {
    return this.binary('Less', name, a, b, 'bool');
  }

  matMul(a: Node, b: Node, options: { transposeA?: boolean; transposeB?: boolean; name?: string } = {}): Node {
    const tA = options.transposeA ?? false;
    const tB = options.transposeB ?? false;
    const name = this.uniqueName(options.name ?? 'MatMul');
    let shape: Shape = null;
    if (a.shape !== null && b.shape !== null) {
      if (a.shape.length !== 2 || b.shape.length !== 2)
        throw new ValueError(
          `Shape must be rank 2 but is rank ${a.shape.length !== 2 ? a.shape.length : b.shape.length} for '${name}' (op: 'MatMul').`,
        );
      const [m, k1] = tA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
      const [k2, n] = tB ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
      if (k1 !== null && k2 !== null && k1 !== k2) {
        throw new ValueError(
          `Dimensions must be equal, but are ${k1} and ${k2} for '${name}' (op: 'MatMul') with input shapes: ` +
            `[${a.shape.map((d) => d ?? '?')}], [${b.shape.map((d) => d ?? '?')}].`,
        );
      }
      shape = [m, n];
    }
    return this.addNode('MatMul', name, [a, b], a.dtype, shape, { transposeA: tA, transposeB: tB }, true);
  }

  private unary(op: string, name: string, x: Node, attrs: Record<string, unknown> = {}): Node {
    return this.addNode(op, name, [x], x.dtype, x.shape, attrs);
  }
  neg(x: Node, name = 'Neg'): Node {
    return this.unary('Neg', name, x);
  }
  relu(x: Node, name = 'Relu'): Node {
    return this.unary('Relu', name, x);
  }
  tanh(x: Node, name = 'Tanh'): Node {
    return this.unary('Tanh', name, x);
  }
  sigmoid(x: Node, name = 'Sigmoid'): Node {
    return this.unary('Sigmoid', name, x);
  }
  exp(x: Node, name = 'Exp'): Node {
    return this.unary('Exp', name, x);
  }
  log(x: Node, name = 'Log'): Node {
    return this.unary('Log', name, x);
  }
  square(x: Node, name = 'Square'): Node {
    return this.unary('Square', name, x);
  }
  identity(x: Node, name = 'Identity'): Node {
    return this.unary('Identity', name, x);
  }
  /** tf.debugging.check_numerics: passes x through, fails the run if it holds NaN or Inf. */
  checkNumerics(x: Node, message: string, name = 'CheckNumerics'): Node {
    return this.unary('CheckNumerics', name, x, { message });
  }
  softmax(x: Node, name = 'Softmax'): Node {
    return this.unary('Softmax', name, x);
  }
  reduceMean(x: Node, axis: number | number[] | null = null, keepDims = false, name = 'Mean'): Node {
    const axes = axis === null ? null : Array.isArray(axis) ? axis : [axis];
    return this.addNode('Mean', name, [x], x.dtype, reduceShape(x.shape, axes, keepDims), { axis: axes, keepDims });
  }
  reduceSum(x: Node, axis: number | number[] | null = null, keepDims = false, name = 'Sum'): Node {
    const axes = axis === null ? null : Array.isArray(axis) ? axis : [axis];
    return this.addNode('Sum', name, [x], x.dtype, reduceShape(x.shape, axes, keepDims), { axis: axes, keepDims });
  }
  argMax(x: Node, axis: number, name = 'ArgMax'): Node {
    return this.addNode('ArgMax', name, [x], 'int32', reduceShape(x.shape, [axis], false), { axis });
  }
  cast(x: Node, dtype: DType, name = 'Cast'): Node {
    return this.addNode('Cast', name, [x], dtype, x.shape, { dtype });
  }
  reshape(x: Node, shape: number[], name = 'Reshape'): Node {
    return this.addNode(
      'Reshape',
      name,
      [x],
      x.dtype,
      shape.map((d) => (d === -1 ? null : d)),
      { shape },
    );
  }
  /** NHWC input, HWIO filter, as tf.nn.conv2d. No gradient here (see index.ts). */
  conv2d(x: Node, filter: Node, strides: number, padding: 'SAME' | 'VALID', name = 'Conv2D'): Node {
    return this.addNode('Conv2D', name, [x, filter], x.dtype, null, { strides, padding });
  }
  /** Per-example cross-entropy of int labels against logits (tf.nn.sparse_softmax_cross_entropy_with_logits). */
  sparseSoftmaxCrossEntropyWithLogits(labels: Node, logits: Node, name = 'SparseSoftmaxCrossEntropyWithLogits'): Node {
    const shape = logits.shape === null ? null : logits.shape.slice(0, -1);
    return this.addNode('SparseSoftmaxCrossEntropyWithLogits', name, [labels, logits], 'float32', shape);
  }

  /** tf.cond: both branches are built; at run time only the one the predicate picks runs. */
  cond(pred: Node, trueFn: () => Node, falseFn: () => Node, name = 'cond'): Node {
    return this.nameScope(name, () => {
      const build = (fn: () => Node, branch: string): [Node, Frame] => {
        const frame: Frame = { parent: this.frame, kind: 'cond' };
        const saved = this.frame;
        this.frame = frame;
        try {
          return [this.nameScope(branch, fn), frame];
        } finally {
          this.frame = saved;
        }
      };
      const [t, tFrame] = build(trueFn, 'true');
      const [f, fFrame] = build(falseFn, 'false');
      return this.addNode('Cond', 'Merge', [pred], t.dtype, t.shape, { branches: [t, f], frames: [tFrame, fFrame] });
    });
  }

  /** tf.while_loop: cond and body receive the loop variables as nodes and build the loop once;
   *  at run time the body runs until cond is false. Returns one node per loop variable. */
  whileLoop(
    cond: (...vars: Node[]) => Node,
    body: (...vars: Node[]) => Node[],
    loopVars: Node[],
    options: { name?: string; maximumIterations?: number } = {},
  ): Node[] {
    return this.nameScope(options.name ?? 'while', () => {
      const frame: Frame = { parent: this.frame, kind: 'while' };
      const saved = this.frame;
      this.frame = frame;
      let vars: Node[];
      let c: Node;
      let next: Node[];
      try {
        vars = loopVars.map((v, i) =>
          this.addNode('LoopVar', `Enter${i === 0 ? '' : `_${i}`}`, [], v.dtype, v.shape, { index: i }),
        );
        c = cond(...vars);
        next = body(...vars);
      } finally {
        this.frame = saved;
      }
      if (next.length !== loopVars.length)
        throw new ValueError(
          `The two structures don't have the same number of elements: body returned ${next.length}, loop_vars has ${loopVars.length}.`,
        );
      const loop = this.addNode('While', 'While', loopVars, null, null, {
        vars,
        cond: c,
        next,
        frame,
        maximumIterations: options.maximumIterations ?? null,
      });
      return loopVars.map((v, i) =>
        this.addNode('Exit', `Exit${i === 0 ? '' : `_${i}`}`, [loop], v.dtype, null, { index: i }),
      );
    });
  }

  // ---- gradients ----

  /** tf.gradients(ys, xs): builds the backward graph under `gradients/` and returns d(sum ys)/dx
   *  for each x (null where y does not depend on x, as TF1 returns None). */
  gradients(y: Node, xs: Node[]): (Node | null)[] {
    return this.nameScope('gradients', () => {
      // Only nodes that depend on some x are differentiated, as TF1 does: an op with no gradient
      // on another path (a Cast of the labels, say) does not matter.
      const order: Node[] = [];
      const visit = (n: Node, seen: Set<Node>) => {
        if (seen.has(n)) return;
        seen.add(n);
        for (const i of n.inputs) visit(i, seen);
        order.push(n);
      };
      visit(y, new Set());
      const fromX = new Set<Node>(xs);
      for (const n of order) if (n.inputs.some((i) => fromX.has(i))) fromX.add(n);
      const grads = new Map<Node, Node[]>();
      grads.set(y, [this.addNode('OnesLike', 'Fill', [y], y.dtype, y.shape)]);
      for (let k = order.length - 1; k >= 0; k--) {
        const n = order[k]!;
        const parts = grads.get(n);
        if (parts === undefined || n.inputs.length === 0 || !fromX.has(n)) continue;
        const g = parts.length === 1 ? parts[0]! : this.addNode('AddN', 'AddN', parts, n.dtype, n.shape);
        grads.set(n, [g]);
        const inGrads = this.opGradient(n, g);
        n.inputs.forEach((input, i) => {
          const gi = inGrads[i];
          if (gi === null || gi === undefined || !fromX.has(input)) return;
          const list = grads.get(input) ?? [];
          list.push(gi);
          grads.set(input, list);
        });
      }
      return xs.map((x) => {
        const parts = grads.get(x);
        if (parts === undefined) return null;
        return parts.length === 1 ? parts[0]! : this.addNode('AddN', 'AddN', parts, x.dtype, x.shape);
      });
    });
  }

  private opGradient(n: Node, g: Node): (Node | null)[] {
    const [a, b] = n.inputs as [Node, Node];
    const sumTo = (t: Node, like: Node) =>
      this.addNode('SumToShapeOf', `${n.op}_grad/Sum`, [t, like], like.dtype, like.shape);
    const mk = (op: string, inputs: Node[], like: Node, attrs: Record<string, unknown> = {}) =>
      this.addNode(op, `${n.op}_grad/${op}`, inputs, like.dtype, like.shape, attrs);
    switch (n.op) {
      case 'Add':
        return [sumTo(g, a), sumTo(g, b)];
      case 'Sub':
        return [sumTo(g, a), sumTo(this.neg(g), b)];
      case 'Mul':
        return [sumTo(this.mul(g, b), a), sumTo(this.mul(g, a), b)];
      case 'RealDiv':
        return [sumTo(this.div(g, b), a), sumTo(this.neg(this.div(this.mul(g, a), this.square(b))), b)];
      case 'Neg':
        return [this.neg(g)];
      case 'MatMul': {
        const tA = n.attrs['transposeA'] === true;
        const tB = n.attrs['transposeB'] === true;
        if (!tA && !tB) return [this.matMul(g, b, { transposeB: true }), this.matMul(a, g, { transposeA: true })];
        if (!tA && tB) return [this.matMul(g, b), this.matMul(g, a, { transposeA: true })];
        if (tA && !tB) return [this.matMul(b, g, { transposeB: true }), this.matMul(a, g)];
        return [
          this.matMul(b, g, { transposeA: true, transposeB: true }),
          this.matMul(g, a, { transposeA: true, transposeB: true }),
        ];
      }
      case 'Relu':
        return [mk('ReluGrad', [g, a], a)];
      case 'Tanh':
        return [mk('TanhGrad', [n, g], a)];
      case 'Sigmoid':
        return [mk('SigmoidGrad', [n, g], a)];
      case 'Exp':
        return [this.mul(g, n)];
      case 'Log':
        return [this.div(g, a)];
      case 'Square':
        return [this.mul(this.mul(g, a), 2)];
      case 'Identity':
      case 'CheckNumerics':
        return [g];
      case 'Reshape':
        return [mk('ReshapeLike', [g, a], a)];
      case 'Mean':
      case 'Sum':
        return [
          mk('ReduceGrad', [g, a], a, { mean: n.op === 'Mean', axis: n.attrs['axis'], keepDims: n.attrs['keepDims'] }),
        ];
      case 'Softmax':
        return [mk('SoftmaxGrad', [n, g], a)];
      case 'SparseSoftmaxCrossEntropyWithLogits':
        return [null, mk('SparseXentGrad', [a, b, g], b)];
      case 'Cast':
        return [n.dtype === 'float32' && a.dtype === 'float32' ? g : null];
      case 'ArgMax':
      case 'Equal':
      case 'Greater':
      case 'Less':
        return n.inputs.map(() => null);
      default:
        throw new LookupError(`No gradient defined for operation '${n.name}' (op type: ${n.op})`);
    }
  }
}

const glorotUniformDefault: Initializer = (tf, shape, dtype) => {
  const fanIn = shape.length >= 2 ? shape[shape.length - 2]! : (shape[0] ?? 1);
  const fanOut = shape[shape.length - 1] ?? 1;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(shape, -limit, limit, dtype === 'bool' ? 'float32' : dtype);
};

/** tf.initializers.* (tf.keras.initializers in later TF1). */
export const initializers = {
  zeros: (): Initializer => (tf, shape, dtype) => tf.zeros(shape, dtype),
  ones: (): Initializer => (tf, shape, dtype) => tf.ones(shape, dtype),
  constant:
    (value: number | number[] | Float32Array): Initializer =>
    (tf, shape, dtype) =>
      typeof value === 'number' ? tf.fill(shape, value, dtype) : tf.tensor(value, shape, dtype),
  glorotUniform:
    (seed?: number): Initializer =>
    (tf, shape, dtype) => {
      const fanIn = shape.length >= 2 ? shape[shape.length - 2]! : (shape[0] ?? 1);
      const fanOut = shape[shape.length - 1] ?? 1;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return tf.randomUniform(shape, -limit, limit, dtype === 'bool' ? 'float32' : dtype, seed);
    },
  randomNormal:
    (stddev = 0.05, seed?: number): Initializer =>
    (tf, shape, dtype) =>
      tf.randomNormal(shape, 0, stddev, dtype === 'int32' ? 'int32' : 'float32', seed),
};

/** Gradients of loss for each variable, with TF1's error where none can be computed. */
function gradientPairs(loss: Node, varList?: Node[]): (readonly [Node, Node])[] {
  const g = loss.graph;
  const vars = varList ?? g.trainableVariables();
  const grads = g.gradients(loss, vars);
  const pairs = vars.map((v, i) => [v, grads[i]] as const).filter((p): p is readonly [Node, Node] => p[1] !== null);
  if (pairs.length === 0)
    throw new ValueError(
      `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ` +
        `[${vars.map((v) => `"${v.name}"`).join(', ')}] and loss ${loss.toString()}.`,
    );
  return pairs;
}

const opName = (v: Node) => v.name.replace(/\//g, '_');

/** tf.train.GradientDescentOptimizer: minimize builds gradients symbolically and one update op
 *  per variable, grouped into a single op to run. */
export class GradientDescentOptimizer {
  constructor(readonly learningRate: number) {}
  minimize(loss: Node, varList?: Node[], name = 'GradientDescent'): Node {
    const g = loss.graph;
    const pairs = gradientPairs(loss, varList);
    return g.nameScope(name, () => {
      const updates = pairs.map(([v, grad]) =>
        g.addNode('ApplyGradientDescent', `update_${opName(v)}/ApplyGradientDescent`, [v, grad], v.dtype, v.shape, {
          lr: this.learningRate,
        }),
      );
      return g.group(updates, 'NoOp');
    });
  }
}

/**
 * tf.train.AdamOptimizer (Kingma and Ba), laid out as TF1 did: two zero-initialized slot variables
 * per variable (`<name>/Adam` for the first moment, `<name>/Adam_1` for the second), and the
 * non-trainable `beta1_power` and `beta2_power`, which the step multiplies by beta1 and beta2
 * after every variable's update. Create the optimizer before globalVariablesInitializer(), as in
 * TF1, so its variables are initialized too.
 */
export class AdamOptimizer {
  constructor(
    readonly learningRate = 0.001,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {}
  minimize(loss: Node, varList?: Node[], name = 'Adam'): Node {
    const g = loss.graph;
    const pairs = gradientPairs(loss, varList);
    const zeros = initializers.zeros();
    const powerName = (base: string) => {
      let n = base;
      for (let i = 1; g.globalVariables().some((v) => v.name === n); i++) n = `${base}_${i}`;
      return n;
    };
    const beta1Power = g.createVariable(powerName('beta1_power'), [], initializers.constant(this.beta1), false);
    const beta2Power = g.createVariable(powerName('beta2_power'), [], initializers.constant(this.beta2), false);
    const slots = pairs.map(
      ([v]) =>
        [
          g.createVariable(`${v.name}/Adam`, v.shape as number[], zeros, false),
          g.createVariable(`${v.name}/Adam_1`, v.shape as number[], zeros, false),
        ] as const,
    );
    return g.nameScope(name, () => {
      const attrs = { lr: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
      const updates = pairs.map(([v, grad], i) =>
        g.addNode(
          'ApplyAdam',
          `update_${opName(v)}/ApplyAdam`,
          [v, slots[i]![0], slots[i]![1], beta1Power, beta2Power, grad],
          v.dtype,
          v.shape,
          attrs,
        ),
      );
      // The powers are read once per run (before this assign), so every update above used the old ones.
      const after = g.group(updates, 'update');
      const step1 = g.addNode('Assign', 'Assign', [beta1Power, g.mul(beta1Power, this.beta1), after], 'float32', []);
      const step2 = g.addNode('Assign', 'Assign_1', [beta2Power, g.mul(beta2Power, this.beta2), after], 'float32', []);
      return g.group([after, step1, step2], name);
    });
  }
}
