import { CallModel } from '../../call.ts';
import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, calleeName, callsIn, freshName, isTf, namesIn, tfMember } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { lineSpan, reindent } from './text.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * The canonical TF1 queue input function:
 *
 *     a, b = tf.train.slice_input_producer([ta, tb], shuffle=True)
 *     a = f(a) ...                                  # per-element statements
 *     x, y = tf.train.batch([a, b], batch_size=B, num_threads=N, capacity=C)
 *     return x, y
 *
 * slice_input_producer enqueues range(len(ta)), shuffled anew for each epoch (random_shuffle runs at each
 * enqueue_many of the queue runner), for ever when num_epochs is None, and gathers each tensor at the
 * dequeued index; tf.train.batch runs the per-element ops in N threads and stacks B elements, across
 * epoch boundaries, never a smaller batch (allow_smaller_final_batch=False). tf.data says the same:
 * from_tensor_slices((ta, tb)).shuffle(n, reshuffle_each_iteration=True).repeat() gives one uniform
 * permutation per epoch, map(per-element, num_parallel_calls=N), batch(B, drop_remainder=True) (the
 * static batch size TF1 gave). Capacities only size prefetch buffers; they are dropped.
 */
export interface QueueFunction {
  name: string;
  def: SyntaxNode;
  /** How many batched tensors a call returns. */
  outputs: number;
  producer: SyntaxNode;
  between: SyntaxNode[];
  batcher: SyntaxNode;
  ret: SyntaxNode;
  /** The replacements, built when the program that calls it is rewritten. */
  texts: { sources: string[]; shuffle: boolean; seed: string | null; elements: string[]; produced: string[] };
  batchSize: string;
  threads: string | null;
}

/** A call `x, y = fn(...)` of a queue input function, in graph code: its batches are read from an iterator. */
export interface QueueCall {
  stmt: GraphStmt;
  fn: QueueFunction;
  /** The iterator's name, chosen when the block is rewritten. */
  iterator?: string;
}

export interface QueuePlan {
  calls: QueueCall[];
  /** start_queue_runners, Coordinator and its request_stop()/join() statements: TF2 has no queue threads. */
  removals: SyntaxNode[];
  /** Calls those statements hold (not refused as queue input again), and session mentions they consume. */
  covered: number[];
  consumed: number[];
}

const cache = new WeakMap<
  RuleContext,
  Map<string, QueueFunction | { at: { from: number; to: number }; why: string }>
>();

/** Functions of the file in the shape above, by name; or why a function using slice_input_producer is not. */
export function queueFunctions(
  ctx: RuleContext,
): Map<string, QueueFunction | { at: { from: number; to: number }; why: string }> {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const out = new Map<string, QueueFunction | { at: { from: number; to: number }; why: string }>();
  cache.set(ctx, out);
  if (!ctx.source.includes('slice_input_producer')) return out;
  for (const def of statementsOf(ctx.parsed.tree.topNode)) {
    if (def.name !== 'FunctionDefinition') continue;
    const nameNode = def.getChild('VariableName');
    const body = def.getChild('Body');
    if (!nameNode || !body) continue;
    const producers = callsIn(ctx.parsed.tree, body).filter((c) =>
      isTf(calleeName(ctx.source, c), 'train.slice_input_producer'),
    );
    if (producers.length === 0) continue;
    let reason: { at: { from: number; to: number }; why: string } | null = null;
    const fail = (at: { from: number; to: number }, why: string) => (reason ??= { at, why });
    const fn = readQueueFunction(ctx, textOf(ctx.source, nameNode), def, body, producers, fail);
    out.set(textOf(ctx.source, nameNode), fn && !reason ? fn : (reason ?? { at: def, why: 'not read' }));
  }
  return out;
}

function readQueueFunction(
  ctx: RuleContext,
  name: string,
  def: SyntaxNode,
  body: SyntaxNode,
  producers: SyntaxNode[],
  fail: Fail,
): QueueFunction | null {
  const { source } = ctx;
  const stmts = statementsOf(body);
  const call = producers[0]!;
  const at = stmts.findIndex((s) => assignedValue(s)?.from === call.from);
  if (producers.length > 1 || at < 0) {
    fail(
      call,
      'slice_input_producer is used here other than once, as the whole value of an assignment in the function body',
    );
    return null;
  }
  const producer = stmts[at]!;
  const produced = assignedNames(source, producer);
  const model = new CallModel(call, source, ctx.buffer);
  const list = model.get('tensor_list', 0)?.arg.value;
  const items = list?.name === 'ArrayExpression' ? listItems(list) : null;
  if (
    !items ||
    !produced ||
    produced.length !== items.length ||
    items.length < 2 ||
    model.opaque ||
    model.hasStarArgs
  ) {
    fail(
      call,
      'slice_input_producer of something other than a list of two or more tensors unpacked into as many names: that shape ' +
        'is not followed',
    );
    return null;
  }
  const extra = model.live.find(
    (a) =>
      a.arg.value.from !== list!.from &&
      !['shuffle', 'seed', 'capacity', 'name', 'num_epochs'].includes(a.keyword ?? ''),
  );
  const epochs = model.get('num_epochs', 1);
  const shuffle = model.get('shuffle', 2);
  const shuffleText = shuffle ? model.writtenValue(shuffle) : 'True';
  if (extra || (epochs && model.writtenValue(epochs) !== 'None') || !['True', 'False'].includes(shuffleText)) {
    fail(
      extra?.arg ?? epochs?.arg ?? shuffle!.arg,
      epochs && model.writtenValue(epochs) !== 'None'
        ? 'slice_input_producer(num_epochs=...) counts epochs in a local variable and ends the queue with OutOfRangeError; ' +
            'that is not followed here: build the input with tf.data (repeat(num_epochs)) by hand'
        : 'slice_input_producer with positional arguments after the list, shared_name or a shuffle that is not True or False ' +
            'is not followed',
    );
    return null;
  }
  const seed = model.get('seed');
  let b = at + 1;
  while (b < stmts.length && !isBatch(ctx, stmts[b]!)) b++;
  const batcher = stmts[b];
  const ret = stmts[b + 1];
  if (!batcher || ret?.name !== 'ReturnStatement' || b + 2 !== stmts.length) {
    fail(
      call,
      'this queue is not batched by a tf.train.batch statement right before the function returns: only that shape ' +
        '(slice_input_producer, per-element statements, tf.train.batch, return) is followed',
    );
    return null;
  }
  const between = stmts.slice(at + 1, b);
  for (const stmt of between) {
    const bad =
      stmt.name !== 'AssignStatement' || assignedNames(source, stmt) === null
        ? stmt
        : callsIn(ctx.parsed.tree, stmt).find((c) => {
            const callee = calleeName(source, c);
            return (
              isTf(callee, 'Variable', 'get_variable') ||
              tfMember(callee, 'train.') !== null ||
              tfMember(callee, 'summary.') !== null ||
              tfMember(callee, 'layers.') !== null ||
              tfMember(callee, 'keras.') !== null
            );
          });
    if (bad) {
      fail(
        bad,
        'between slice_input_producer and tf.train.batch only assignments of per-element tensor ops can move into a ' +
          'tf.data map function; this statement is not one',
      );
      return null;
    }
  }
  const batchCall = assignedValue(batcher)!;
  const batch = new CallModel(batchCall, source, ctx.buffer);
  const batched = batch.get('tensors', 0)?.arg.value;
  const elements = batched?.name === 'ArrayExpression' ? listItems(batched) : null;
  const outputs = assignedNames(source, batcher);
  const size = batch.get('batch_size', 1);
  const off = (kw: string) => {
    const a = batch.get(kw);
    return !a || batch.writtenValue(a) === 'False';
  };
  const known = ['tensors', 'batch_size', 'num_threads', 'capacity', 'name'];
  if (
    !elements ||
    !outputs ||
    outputs.length !== elements.length ||
    !size ||
    batch.opaque ||
    batch.hasStarArgs ||
    batch.positional.length > 2 ||
    batch.live.some(
      (a) =>
        a.keyword !== null &&
        !known.includes(a.keyword) &&
        !['enqueue_many', 'dynamic_pad', 'allow_smaller_final_batch'].includes(a.keyword),
    ) ||
    !off('enqueue_many') ||
    !off('dynamic_pad') ||
    !off('allow_smaller_final_batch')
  ) {
    fail(
      batchCall,
      'tf.train.batch of something other than a list of tensors unpacked into as many names, or with enqueue_many, ' +
        'dynamic_pad, allow_smaller_final_batch, shapes or shared_name: not followed',
    );
    return null;
  }
  const returnedNames = returnedTuple(source, ret);
  if (!returnedNames || returnedNames.join(',') !== outputs.join(',')) {
    fail(ret, 'the function returns something other than the batched tensors, in the order tf.train.batch gave them');
    return null;
  }
  // The names bound here live on only as the batch: nothing else in the function reads them.
  for (const n of [...produced, ...between.flatMap((s) => assignedNames(source, s) ?? [])])
    if (namesIn(source, ret).has(n) && !outputs.includes(n)) {
      fail(ret, `the function returns \`${n}\`, a tensor of one queue element, besides the batch`);
      return null;
    }
  const threads = batch.get('num_threads', 2);
  return {
    name,
    def,
    outputs: outputs.length,
    producer,
    between,
    batcher,
    ret,
    texts: {
      sources: items.map((i) => ctx.buffer.render(i.from, i.to)),
      shuffle: shuffleText === 'True',
      seed: seed ? model.valueText(seed) : null,
      elements: elements.map((e) => ctx.buffer.render(e.from, e.to)),
      produced,
    },
    batchSize: batch.valueText(size),
    threads: threads && batch.writtenValue(threads) !== '1' ? batch.valueText(threads) : null,
  };
}

function isBatch(ctx: RuleContext, stmt: SyntaxNode): boolean {
  const value = assignedValue(stmt);
  return value?.name === 'CallExpression' && isTf(calleeName(ctx.source, value), 'train.batch');
}

function listItems(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!['[', ']', ',', '(', ')'].includes(c.name)) out.push(c);
  return out;
}

/** `return x, y` or `return (x, y)`: the names, or null. */
function returnedTuple(source: string, ret: SyntaxNode): string[] | null {
  const parts = listItems(ret).filter((n) => n.name !== 'return');
  const names = parts.length === 1 && parts[0]!.name === 'TupleExpression' ? listItems(parts[0]!) : parts;
  return names.length > 0 && names.every((p) => p.name === 'VariableName') ? names.map((p) => textOf(source, p)) : null;
}

/**
 * `x, y = fn(...)` in graph code, `fn` a queue input function: a graph tensor like any other, recomputed
 * by each function replacing a Session.run as `x, y = <iterator>.get_next()` (a new batch per run, as
 * each run dequeued one); the iterator over the dataset `fn` now returns is made where the call was.
 */
export function readQueueCall(ctx: RuleContext, p: Program, entry: GraphStmt, call: SyntaxNode | null): boolean {
  if (!call || entry.node.name !== 'AssignStatement' || call.firstChild?.name !== 'VariableName') return false;
  const fn = queueFunctions(ctx).get(textOf(ctx.source, call.firstChild));
  if (!fn || !('def' in fn) || entry.targets.length !== fn.outputs) return false;
  // Without queue runners started, TF1's first run that dequeues blocks for ever: not a program to convert.
  const started = callsIn(ctx.parsed.tree, p.block).some((c) =>
    isTf(calleeName(ctx.source, c), 'train.start_queue_runners'),
  );
  if (!started) return false;
  if ([...entry.uses].some((u) => p.placeholders.has(u) || p.compute.has(u) || p.state.has(u))) return false;
  entry.kind = 'compute';
  for (const t of entry.targets) {
    p.compute.set(t, entry);
    p.assignments.set(t, [...(p.assignments.get(t) ?? []), entry]);
  }
  p.queue.calls.push({ stmt: entry, fn });
  return true;
}

/**
 * Once the block reads its input from queue functions, the queue-runner threads have nothing to run:
 * `tf.train.start_queue_runners(...)` (alone or bound to one name), `coord = tf.train.Coordinator()`,
 * and `coord.request_stop()` / `coord.join(threads)` statements go. Any other use of the coordinator
 * or the threads (should_stop() loops, join in an expression), or a queue function used other than
 * by such calls in this block, is refused.
 */
export function planQueueRunners(ctx: RuleContext, p: Program): void {
  const { source } = ctx;
  if (p.queue.calls.length === 0) return;
  const fail: Fail = (at, why) => p.blockers.push({ at, why });
  for (const fn of new Set(p.queue.calls.map((c) => c.fn))) {
    const calls = p.queue.calls.filter((c) => c.fn === fn);
    let mentions = 0;
    const cursor = ctx.parsed.tree.topNode.cursor();
    do if (cursor.name === 'VariableName' && source.slice(cursor.from, cursor.to) === fn.name) mentions++;
    while (cursor.next());
    if (mentions !== calls.length + 1)
      fail(
        fn.def.getChild('VariableName')!,
        `\`${fn.name}\` is used other than by \`x, y = ${fn.name}(...)\` statements of this graph code; it now returns a ` +
          'tf.data dataset, so those other uses would change',
      );
  }
  const owned = new Set<string>();
  const stmtOf = (call: SyntaxNode) => {
    const parent = call.parent;
    return parent?.name === 'ExpressionStatement' || parent?.name === 'AssignStatement' ? parent : null;
  };
  for (const call of callsIn(ctx.parsed.tree, p.block)) {
    const name = calleeName(source, call);
    if (!isTf(name, 'train.start_queue_runners', 'train.Coordinator')) continue;
    const stmt = stmtOf(call);
    const targets = stmt ? (assignedNames(source, stmt) ?? []) : [];
    const whole =
      stmt &&
      (stmt.name === 'ExpressionStatement'
        ? stmt.firstChild?.from === call.from
        : assignedValue(stmt)?.from === call.from);
    if (!stmt || !whole || targets.length > 1 || (stmt.name === 'AssignStatement' && targets.length !== 1)) {
      fail(call, `\`${name}\` inside a larger statement: only a statement of its own can go with the queues`);
      continue;
    }
    if (isTf(name, 'train.Coordinator') && targets.length !== 1) {
      fail(call, 'a tf.train.Coordinator not kept in one name');
      continue;
    }
    for (const t of targets) owned.add(t);
    p.queue.removals.push(stmt);
    p.queue.covered.push(call.from);
    const cur = call.cursor();
    do
      if (cur.name === 'VariableName' && p.sessions.has(source.slice(cur.from, cur.to)))
        p.queue.consumed.push(cur.from);
    while (cur.next() && cur.from < call.to);
  }
  if (owned.size === 0) return;
  // Every other mention of the coordinator or the threads must be a statement that goes with them.
  const cursor = p.block.cursor();
  while (cursor.next() && cursor.from < p.block.to) {
    if (cursor.name !== 'VariableName' || !owned.has(source.slice(cursor.from, cursor.to))) continue;
    const node = cursor.node;
    if (p.queue.removals.some((r) => r.from <= node.from && node.to <= r.to)) continue;
    const stmt = coordinatorStatement(ctx, node, owned);
    if (stmt) {
      if (!p.queue.removals.includes(stmt)) p.queue.removals.push(stmt);
      continue;
    }
    fail(
      node,
      `\`${source.slice(node.from, node.to)}\` (queue-runner threads or their coordinator) is used here other than by ` +
        'request_stop() or join(threads) statements; with tf.data there are no threads to coordinate, rewrite this by hand',
    );
  }
}

/** `coord.request_stop()` or `coord.join(threads)` as a statement of its own, or null. */
function coordinatorStatement(ctx: RuleContext, node: SyntaxNode, owned: Set<string>): SyntaxNode | null {
  const { source } = ctx;
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.name !== 'ExpressionStatement') continue;
    const call = n.firstChild;
    if (call?.name !== 'CallExpression') return null;
    const m = /^([A-Za-z_]\w*)\.(request_stop|join)$/.exec(calleeName(source, call) ?? '');
    if (!m || !owned.has(m[1]!)) return null;
    const args = new CallModel(call, source, ctx.buffer);
    const ok =
      m[2] === 'request_stop'
        ? args.live.length === 0
        : args.live.length === 1 &&
          args.live[0]!.arg.value.name === 'VariableName' &&
          owned.has(textOf(source, args.live[0]!.arg.value));
    return ok ? n : null;
  }
  return null;
}

/**
 * Rewrites the queue functions the block calls (once each) and their calls. `constructions` gets, for
 * each call statement, the iterator made where it was; the call itself becomes `<iterator>.get_next()`.
 */
export function applyQueueInputs(ctx: RuleContext, p: Program, constructions: Map<GraphStmt, string[]>): void {
  const { buffer, report } = ctx;
  const lines = ctx.parsed.lines;
  for (const fn of new Set(p.queue.calls.map((c) => c.fn))) rewriteQueueFunction(ctx, fn);
  for (const { stmt, fn, iterator } of p.queue.calls) {
    const value = stmt.value!;
    constructions.set(stmt, [`${iterator} = iter(${buffer.render(value.from, value.to)})`]);
    buffer.replace(value.from, value.to, `${iterator}.get_next()`);
    report.info(
      2,
      'queue-input',
      value,
      `\`${fn.name}(...)\` now returns a tf.data dataset: \`${iterator} = iter(...)\` is made here once, and each function ` +
        `replacing a Session.run takes its next batch (get_next()), as each run dequeued one batch in TF1.`,
    );
  }
  for (const stmt of p.queue.removals) {
    const span = lineSpan(lines, stmt);
    // A body left with no statement (`finally:` of request_stop and join) keeps a `pass`, in its first one's place.
    const body = stmt.parent;
    const siblings = body?.name === 'Body' ? statementsOf(body) : [];
    const alone =
      siblings[0]?.from === stmt.from && siblings.every((n) => p.queue.removals.some((r) => r.from === n.from));
    buffer.replace(span.from, span.to, alone ? `${lines.indentOf(lines.lineOf(stmt.from))}pass\n` : '');
    report.info(
      2,
      'queue-input',
      stmt,
      'Queue-runner statement removed (start_queue_runners, Coordinator, request_stop, join): the input is a tf.data ' +
        'dataset now, with no threads to start or stop.',
    );
  }
}

function rewriteQueueFunction(ctx: RuleContext, fn: QueueFunction): void {
  const { buffer, report } = ctx;
  const lines = ctx.parsed.lines;
  const indent = lines.indentOf(lines.lineOf(fn.producer.from));
  const unit = indent.slice(lines.indentOf(lines.lineOf(fn.def.from)).length) || '    ';
  const taken = new Set(namesIn(ctx.source, fn.def));
  for (const n of namesIn(ctx.source, ctx.parsed.tree.topNode)) taken.add(n);
  const dataset = freshName('dataset', taken);
  const { sources, shuffle, seed, elements, produced } = fn.texts;
  const out = [`${indent}${dataset} = tf.data.Dataset.from_tensor_slices((${sources.join(', ')}))`];
  const seedText = seed !== null ? `, seed=${seed}` : '';
  out.push(
    shuffle
      ? `${indent}${dataset} = ${dataset}.shuffle(${dataset}.cardinality()${seedText}, reshuffle_each_iteration=True).repeat()`
      : `${indent}${dataset} = ${dataset}.repeat()`,
  );
  const producerSpan = lineSpan(lines, fn.producer);
  const batchSpan = lineSpan(lines, fn.batcher);
  let mapped = '';
  let rest = buffer.render(producerSpan.to, batchSpan.from);
  if (fn.between.length > 0 || elements.join(',') !== produced.join(',')) {
    const element = freshName('preprocess', taken);
    const last = fn.between.at(-1);
    const moved = last
      ? buffer
          .render(producerSpan.to, lineSpan(lines, last).to)
          .replace(/^([ \t]*\n)+/, '')
          .replace(/\n$/, '')
      : '';
    if (last) rest = buffer.render(lineSpan(lines, last).to, batchSpan.from);
    out.push(
      '',
      `${indent}def ${element}(${produced.join(', ')}):`,
      ...(moved ? [reindent(moved, indent, indent + unit)] : []),
      `${indent}${unit}return ${elements.join(', ')}`,
    );
    if (!/^[ \t]*\n/.test(rest)) out.push('');
    mapped = `.map(${element}${fn.threads !== null ? `, num_parallel_calls=${fn.threads}` : ''})`;
  }
  const batched = `${indent}${dataset} = ${dataset}${mapped}.batch(${fn.batchSize}, drop_remainder=True)\n`;
  buffer.replace(producerSpan.from, batchSpan.to, `${out.join('\n')}\n${rest}${batched}`);
  const retSpan = lineSpan(lines, fn.ret);
  buffer.replace(retSpan.from, retSpan.to, `${lines.indentOf(lines.lineOf(fn.ret.from))}return ${dataset}\n`);
  report.info(
    2,
    'queue-input',
    fn.producer,
    `slice_input_producer + tf.train.batch -> a tf.data dataset: from_tensor_slices, ` +
      (shuffle
        ? `shuffle over all elements, reshuffled each epoch, repeated for ever (num_epochs=None), as the producer's ` +
          `random_shuffle per epoch did (the same distribution; a seed gives another sequence than TF1's)`
        : 'repeated for ever in order (num_epochs=None)') +
      (mapped
        ? `, the per-element statements as a map function` +
          (fn.threads !== null
            ? ` on ${fn.threads} parallel calls (in the input's order, where TF1's threads could interleave)`
            : '')
        : '') +
      `, batch(drop_remainder=True) for TF1's fixed batch size; queue capacities are dropped (they only sized buffers).`,
  );
}
