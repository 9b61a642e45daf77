import type * as tfc from '@tensorflow/tfjs-core';
import { FailedPreconditionError, InvalidArgumentError, Tf1Error, ValueError } from './errors.ts';
import type { DType, Frame, Graph, Initializer, Node } from './graph.ts';

export type FeedValue = tfc.Tensor | Float32Array | Int32Array | Uint8Array | number[] | number;
export type FeedDict = Map<Node, FeedValue>;
export interface RunStats {
  /** Ops (graph nodes) whose kernel ran in the last Session.run, loop bodies counted per iteration. */
  opsExecuted: number;
  /** Their names, in execution order. */
  ops: string[];
}

type Value = tfc.Tensor | tfc.Tensor[] | null;

/** Values computed in one frame of one run: the top level, one loop iteration or one cond branch. */
class Env {
  readonly memo = new Map<Node, Value>();
  constructor(
    readonly frame: Frame | null,
    readonly parent: Env | null,
  ) {}
}

const tfDtypeName = (d: DType | null) => (d === 'float32' ? 'float' : (d ?? 'none'));
const dims = (s: readonly (number | null)[]) => `[${s.map((d) => d ?? '?').join(',')}]`;
const pyShape = (s: readonly (number | null)[]) => `(${s.map((d) => d ?? '?').join(', ')}${s.length === 1 ? ',' : ''})`;

function disposeValue(v: Value | undefined) {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) for (const t of v) t.dispose();
  else v.dispose();
}

/**
 * tf.Session: holds variable values and runs the part of a graph that the fetches need. Every
 * tensor a run computes is disposed before run returns, except the fetched ones, which the caller
 * owns (dispose them, or use runValues). close() disposes the variables.
 */
export class Session {
  private readonly store = new Map<Node, tfc.Tensor>();
  private closed = false;
  private stats: RunStats = { opsExecuted: 0, ops: [] };

  constructor(
    private readonly tf: typeof tfc,
    readonly graph: Graph,
  ) {}

  get lastRunStats(): RunStats {
    return this.stats;
  }

  run(fetches: Node, feed?: FeedDict): Promise<tfc.Tensor | null>;
  run(fetches: Node[], feed?: FeedDict): Promise<(tfc.Tensor | null)[]>;
  async run(fetches: Node | Node[], feed?: FeedDict): Promise<tfc.Tensor | null | (tfc.Tensor | null)[]> {
    return Array.isArray(fetches) ? this.execute(fetches, feed) : (await this.execute([fetches], feed))[0]!;
  }

  /** Runs and copies every fetched value out as numbers (null for ops without a value), leaving no tensors. */
  async runValues(fetches: Node[], feed?: FeedDict): Promise<({ shape: number[]; values: number[] } | null)[]> {
    const out = await this.execute(fetches, feed);
    try {
      return await Promise.all(
        out.map(async (t) => (t === null ? null : { shape: t.shape, values: Array.from(await t.data()) })),
      );
    } finally {
      for (const t of out) t?.dispose();
    }
  }

  /** Number of variables holding a value in this session. */
  get initializedVariables(): number {
    return this.store.size;
  }

  close(): void {
    for (const t of this.store.values()) t.dispose();
    this.store.clear();
    this.closed = true;
  }

  /**
   * Evaluation is asynchronous: where a value decides what runs next (a cond's predicate, a
   * loop's condition) or must be checked on the host (checkNumerics, label range), it is read with
   * `await data()`. A synchronous read (dataSync) would stall the GPU backends, and on WebGPU it
   * breaks later uploads in the same worker.
   */
  private async execute(fetches: Node[], feed: FeedDict = new Map()): Promise<(tfc.Tensor | null)[]> {
    if (this.closed) throw new Tf1Error('Attempted to use a closed Session.');
    for (const f of fetches)
      if (f.graph !== this.graph)
        throw new ValueError(
          `Fetch argument ${f.toString()} cannot be interpreted as a Tensor. (Tensor is not an element of this graph.)`,
        );
    const top = new Env(null, null);
    const stats: RunStats = { opsExecuted: 0, ops: [] };
    this.stats = stats;
    const returned = new Set<tfc.Tensor>();
    try {
      for (const [node, value] of feed) top.memo.set(node, this.convertFeed(node, value));
      const out: (tfc.Tensor | null)[] = [];
      // One fetch after another: a later fetch may read what an earlier one assigned, as in TF1's
      // data order (no control dependencies here).
      for (const f of fetches) {
        const v = await this.evaluate(f, top, stats);
        if (v === null || Array.isArray(v)) {
          out.push(null);
          continue;
        }
        // The same node fetched twice gets its own copy, so each can be disposed.
        const t = returned.has(v) ? this.tf.clone(v) : v;
        returned.add(t);
        out.push(t);
      }
      return out;
    } catch (e) {
      for (const t of returned) t.dispose();
      returned.clear();
      throw e;
    } finally {
      for (const v of top.memo.values()) {
        if (v !== null && !Array.isArray(v) && returned.has(v)) continue;
        disposeValue(v);
      }
    }
  }

  private convertFeed(node: Node, value: FeedValue): tfc.Tensor {
    const tf = this.tf;
    const dtype = node.dtype === 'bool' ? 'bool' : (node.dtype ?? 'float32');
    let t: tfc.Tensor;
    if (value instanceof tf.Tensor) {
      t = value.dtype === dtype ? tf.clone(value) : tf.cast(value, dtype);
    } else if (typeof value === 'number') {
      t = tf.scalar(value, dtype);
    } else {
      const n = value.length;
      const s = node.shape;
      let shape: number[] = [n];
      if (s !== null) {
        const known = s.reduce<number>((p, d) => p * (d ?? 1), 1);
        const unknown = s.filter((d) => d === null).length;
        if (unknown > 1)
          throw new ValueError(
            `Cannot feed a flat array to Tensor '${node.name}:0' of shape '${pyShape(s)}': more than one dimension is unknown; feed ` +
              `a tensor.`,
          );
        if (unknown === 0 ? known !== n : n % known !== 0)
          throw new ValueError(
            `Cannot feed value of ${n} elements for Tensor '${node.name}:0', which has shape '${pyShape(s)}'`,
          );
        shape = s.map((d) => d ?? n / known);
      }
      // A typed copy (the caller may reuse its buffer, and some backends keep the array given);
      // copying into a number array first, as this did before, cost more than the training step.
      t = tf.tensor(value instanceof Uint8Array ? Float32Array.from(value) : value.slice(), shape, dtype);
    }
    const s = node.shape;
    if (s !== null && (s.length !== t.rank || s.some((d, i) => d !== null && d !== t.shape[i]))) {
      const shape = t.shape;
      t.dispose();
      throw new ValueError(
        `Cannot feed value of shape ${pyShape(shape)} for Tensor '${node.name}:0', which has shape '${pyShape(s)}'`,
      );
    }
    return t;
  }

  private envFor(node: Node, env: Env): Env {
    let e: Env | null = env;
    while (e !== null && e.frame !== node.frame) e = e.parent;
    if (e === null)
      throw new Tf1Error(`Node ${node.name} is inside a loop or cond branch that is not running`, node.name);
    return e;
  }

  /** Inputs one after another, in graph order, so a run is deterministic. */
  private async evaluateAll(nodes: readonly Node[], env: Env, stats: RunStats): Promise<Value[]> {
    const values: Value[] = [];
    for (const n of nodes) values.push(await this.evaluate(n, env, stats));
    return values;
  }

  private async evaluate(node: Node, from: Env, stats: RunStats): Promise<Value> {
    const env = this.envFor(node, from);
    if (env.memo.has(node)) return env.memo.get(node)!;
    const tf = this.tf;
    let value: Value;
    switch (node.op) {
      case 'Placeholder':
        throw new InvalidArgumentError(
          `You must feed a value for placeholder tensor '${node.name}' with ` +
            `dtype ${tfDtypeName(node.dtype)}${node.shape === null ? '' : ` and shape ${dims(node.shape)}`}`,
          node.name,
        );
      case 'LoopVar':
        throw new Tf1Error('A loop variable was read outside its loop', node.name);
      case 'Assign': {
        // Not the variable itself (it may have no value yet): the value, then any inputs the
        // assign must follow (TF1's control dependencies).
        const v = (await this.evaluateAll(node.inputs.slice(1), env, stats))[0] as tfc.Tensor;
        this.count(node, stats);
        this.assign(node.inputs[0]!, v);
        value = tf.clone(v);
        break;
      }
      case 'ApplyGradientDescent': {
        const [v, g] = (await this.evaluateAll(node.inputs, env, stats)) as [tfc.Tensor, tfc.Tensor];
        this.count(node, stats);
        const lr = node.attrs['lr'] as number;
        const next = tf.tidy(() => tf.sub(v, tf.mul(tf.scalar(lr), g)));
        this.assign(node.inputs[0]!, next);
        next.dispose();
        value = null;
        break;
      }
      case 'ApplyAdam': {
        const [v, m, s, p1, p2, g] = (await this.evaluateAll(node.inputs, env, stats)) as tfc.Tensor[];
        this.count(node, stats);
        const { lr, beta1, beta2, epsilon } = node.attrs as {
          lr: number;
          beta1: number;
          beta2: number;
          epsilon: number;
        };
        // TF1's ApplyAdam kernel: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), the powers being the variables.
        const [nextM, nextS, nextV] = tf.tidy(() => {
          const m1 = tf.add(m!, tf.mul(tf.sub(g!, m!), 1 - beta1));
          const s1 = tf.add(s!, tf.mul(tf.sub(tf.square(g!), s!), 1 - beta2));
          const lrT = tf.div(tf.mul(lr, tf.sqrt(tf.sub(1, p2!))), tf.sub(1, p1!));
          return [m1, s1, tf.sub(v!, tf.div(tf.mul(lrT, m1), tf.add(tf.sqrt(s1), epsilon)))];
        });
        node.inputs.slice(0, 3).forEach((variable, i) => this.assign(variable, [nextV, nextM, nextS][i]!));
        for (const t of [nextM, nextS, nextV]) t.dispose();
        value = null;
        break;
      }
      case 'Cond':
        value = await this.runCond(node, env, stats);
        break;
      case 'While':
        value = await this.runWhile(node, env, stats);
        break;
      default: {
        const inputs = (await this.evaluateAll(node.inputs, env, stats)) as tfc.Tensor[];
        this.count(node, stats);
        await this.checkOnHost(node, inputs);
        value = this.kernel(node, inputs);
      }
    }
    env.memo.set(node, value);
    return value;
  }

  private count(node: Node, stats: RunStats) {
    stats.opsExecuted++;
    stats.ops.push(node.name);
  }

  private assign(variable: Node, value: tfc.Tensor) {
    const old = this.store.get(variable);
    if (old !== undefined && (old.dtype !== value.dtype || old.shape.join() !== value.shape.join())) {
      throw new InvalidArgumentError(
        `Assign requires shapes of both tensors to match. lhs shape= ${dims(old.shape)} rhs shape= ${dims(value.shape)}`,
        `${variable.name}/Assign`,
      );
    }
    // keep: a run called inside the caller's tf.tidy must not lose the variable when that tidy ends.
    this.store.set(variable, this.tf.keep(this.tf.clone(value)));
    old?.dispose();
  }

  private async runCond(node: Node, env: Env, stats: RunStats): Promise<Value> {
    const pred = (await this.evaluate(node.inputs[0]!, env, stats)) as tfc.Tensor;
    this.count(node, stats);
    if (pred.size !== 1)
      throw new InvalidArgumentError(`The predicate must be a scalar, got shape ${dims(pred.shape)}`, node.name);
    const which = (await pred.data())[0] ? 0 : 1;
    const branch = (node.attrs['branches'] as Node[])[which]!;
    const frame = (node.attrs['frames'] as Frame[])[which]!;
    const inner = new Env(frame, env);
    try {
      const v = (await this.evaluate(branch, inner, stats)) as tfc.Tensor;
      return this.tf.clone(v);
    } finally {
      for (const v of inner.memo.values()) disposeValue(v);
    }
  }

  private async runWhile(node: Node, env: Env, stats: RunStats): Promise<Value> {
    const tf = this.tf;
    const vars = node.attrs['vars'] as Node[];
    const cond = node.attrs['cond'] as Node;
    const next = node.attrs['next'] as Node[];
    const frame = node.attrs['frame'] as Frame;
    const max = node.attrs['maximumIterations'] as number | null;
    let values = ((await this.evaluateAll(node.inputs, env, stats)) as tfc.Tensor[]).map((t) => tf.clone(t));
    this.count(node, stats);
    try {
      for (let iteration = 0; ; iteration++) {
        const inner = new Env(frame, env);
        vars.forEach((v, i) => inner.memo.set(v, values[i]!));
        try {
          if (max !== null && iteration >= max) break;
          const c = (await this.evaluate(cond, inner, stats)) as tfc.Tensor;
          if (!(await c.data())[0]) break;
          const fresh = ((await this.evaluateAll(next, inner, stats)) as tfc.Tensor[]).map((t) => tf.clone(t));
          fresh.forEach((t, i) => {
            const want = values[i]!;
            if (want.shape.join() !== t.shape.join()) {
              for (const f of fresh) f.dispose();
              throw new InvalidArgumentError(
                `Loop variable ${i} changed shape from ${dims(want.shape)} to ${dims(t.shape)} between iterations`,
                node.name,
              );
            }
          });
          for (const v of values) v.dispose();
          values = fresh;
        } finally {
          for (const [k, v] of inner.memo) if (!vars.includes(k)) disposeValue(v);
        }
      }
      return values;
    } catch (e) {
      for (const v of values) v.dispose();
      throw e;
    }
  }

  /** The checks TF1 made inside a kernel that need the values on the host: read asynchronously. */
  private async checkOnHost(node: Node, [a, b]: tfc.Tensor[]): Promise<void> {
    if (node.op === 'CheckNumerics') {
      let nan = false;
      let inf = false;
      for (const v of await a!.data()) {
        if (Number.isNaN(v)) nan = true;
        else if (!Number.isFinite(v)) inf = true;
      }
      if (nan || inf)
        throw new InvalidArgumentError(
          `${node.attrs['message'] as string} : Tensor had ${nan ? 'NaN' : 'Inf'} values`,
          node.name,
        );
    } else if (node.op === 'SparseSoftmaxCrossEntropyWithLogits') {
      const depth = b!.shape[b!.rank - 1]!;
      for (const l of await a!.data()) {
        if (l < 0 || l >= depth)
          throw new InvalidArgumentError(
            `Received a label value of ${l} which is outside the valid range of [0, ${depth}).`,
            node.name,
          );
      }
    }
  }

  private kernel(node: Node, x: tfc.Tensor[]): Value {
    const tf = this.tf;
    const [a, b, c] = x as [tfc.Tensor, tfc.Tensor, tfc.Tensor];
    const at = node.attrs;
    const checkBroadcast = () => {
      const n = Math.max(a.rank, b.rank);
      for (let i = 1; i <= n; i++) {
        const p = a.shape[a.rank - i] ?? 1;
        const q = b.shape[b.rank - i] ?? 1;
        if (p !== q && p !== 1 && q !== 1)
          throw new InvalidArgumentError(`Incompatible shapes: ${dims(a.shape)} vs. ${dims(b.shape)}`, node.name);
      }
    };
    try {
      return tf.tidy((): tfc.Tensor | tfc.Tensor[] => {
        switch (node.op) {
          case 'VariableV2': {
            const v = this.store.get(node);
            if (v === undefined)
              throw new FailedPreconditionError(
                `Attempting to use uninitialized value ${node.name}`,
                `${node.name}/read`,
              );
            return tf.clone(v);
          }
          case 'InitialValue':
            return (at['init'] as Initializer)(tf, node.shape as number[], node.dtype!);
          case 'Const':
            return tf.tensor(at['value'] as number, undefined, node.dtype!);
          case 'Add':
            checkBroadcast();
            return tf.add(a, b);
          case 'Sub':
            checkBroadcast();
            return tf.sub(a, b);
          case 'Mul':
            checkBroadcast();
            return tf.mul(a, b);
          case 'RealDiv':
            checkBroadcast();
            return tf.div(a, b);
          case 'Equal':
            checkBroadcast();
            return tf.equal(a, b);
          case 'Greater':
            checkBroadcast();
            return tf.greater(a, b);
          case 'Less':
            checkBroadcast();
            return tf.less(a, b);
          case 'MatMul': {
            const tA = at['transposeA'] === true;
            const tB = at['transposeB'] === true;
            if (a.rank !== 2 || b.rank !== 2)
              throw new InvalidArgumentError(
                `In[0] and In[1] must be matrices: In[0]: ${dims(a.shape)}, In[1]: ${dims(b.shape)}`,
                node.name,
              );
            const k1 = tA ? a.shape[0] : a.shape[1];
            const k2 = tB ? b.shape[1] : b.shape[0];
            if (k1 !== k2)
              throw new InvalidArgumentError(
                `Matrix size-incompatible: In[0]: ${dims(a.shape)}, In[1]: ${dims(b.shape)}`,
                node.name,
              );
            return tf.matMul(a, b, tA, tB);
          }
          case 'Neg':
            return tf.neg(a);
          case 'Relu':
            return tf.relu(a);
          case 'Tanh':
            return tf.tanh(a);
          case 'Sigmoid':
            return tf.sigmoid(a);
          case 'Exp':
            return tf.exp(a);
          case 'Log':
            return tf.log(a);
          case 'Square':
            return tf.square(a);
          case 'Identity':
          case 'Exit':
            return node.op === 'Exit' ? tf.clone((a as unknown as tfc.Tensor[])[at['index'] as number]!) : tf.clone(a);
          case 'CheckNumerics':
            return tf.clone(a); // checked in checkOnHost
          case 'Softmax':
            return tf.softmax(a);
          case 'Mean':
            return tf.mean(a, (at['axis'] as number[] | null) ?? undefined, at['keepDims'] as boolean);
          case 'Sum':
            return tf.sum(a, (at['axis'] as number[] | null) ?? undefined, at['keepDims'] as boolean);
          case 'ArgMax':
            return tf.argMax(a, at['axis'] as number);
          case 'Cast':
            return tf.cast(a, at['dtype'] as DType);
          case 'Reshape': {
            const want = at['shape'] as number[];
            const known = want.reduce((p, d) => p * (d === -1 ? 1 : d), 1);
            if (want.includes(-1) ? a.size % known !== 0 : a.size !== known) {
              throw new InvalidArgumentError(
                `Input to reshape is a tensor with ${a.size} values, but the requested shape has ${known}`,
                node.name,
              );
            }
            return tf.reshape(a, want);
          }
          case 'Conv2D':
            return tf.conv2d(
              a as tfc.Tensor4D,
              b as tfc.Tensor4D,
              at['strides'] as number,
              (at['padding'] as string).toLowerCase() as 'same' | 'valid',
            );
          case 'SparseSoftmaxCrossEntropyWithLogits': {
            const depth = b.shape[b.rank - 1]!;
            const labels = a.dtype === 'int32' ? a : tf.cast(a, 'int32'); // range checked in checkOnHost
            return tf.neg(tf.sum(tf.mul(tf.oneHot(labels, depth), tf.logSoftmax(b)), -1));
          }
          // ---- gradient kernels ----
          case 'OnesLike':
            return tf.onesLike(a);
          case 'AddN':
            return tf.addN(x);
          case 'SumToShapeOf': {
            let r = a;
            const target = b.shape;
            const extra = r.rank - target.length;
            if (extra > 0)
              r = tf.sum(
                r,
                Array.from({ length: extra }, (_, i) => i),
              );
            const axes = target.map((d, i) => (d === 1 && r.shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
            if (axes.length > 0) r = tf.sum(r, axes, true);
            return tf.reshape(r, target);
          }
          case 'ReluGrad':
            return tf.mul(a, tf.step(b));
          case 'TanhGrad':
            return tf.mul(b, tf.sub(1, tf.square(a)));
          case 'SigmoidGrad':
            return tf.mul(b, tf.mul(a, tf.sub(1, a)));
          case 'ReshapeLike':
            return tf.reshape(a, b.shape);
          case 'ReduceGrad': {
            const axis = (at['axis'] as number[] | null) ?? b.shape.map((_, i) => i);
            const axes = axis.map((i) => (i < 0 ? i + b.rank : i));
            const kept = b.shape.map((d, i) => (axes.includes(i) ? 1 : d));
            const spread = tf.broadcastTo(tf.reshape(a, kept), b.shape);
            return at['mean'] === true ? tf.div(spread, b.size / Math.max(1, a.size)) : spread;
          }
          case 'SoftmaxGrad':
            return tf.mul(tf.sub(b, tf.sum(tf.mul(b, a), -1, true)), a);
          case 'SparseXentGrad': {
            const depth = b.shape[b.rank - 1]!;
            const labels = a.dtype === 'int32' ? a : tf.cast(a, 'int32');
            return tf.mul(tf.sub(tf.softmax(b), tf.oneHot(labels, depth)), tf.expandDims(c, -1));
          }
          case 'NoOp':
            return [];
          default:
            throw new Tf1Error(`No kernel for op type ${node.op}`, node.name);
        }
      });
    } catch (e) {
      if (e instanceof Tf1Error) throw e;
      throw new InvalidArgumentError(`${node.op}: ${e instanceof Error ? e.message : String(e)}`, node.name);
    }
  }
}
