import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, calleeName, callsIn, isTf, namesIn } from './names.ts';
import type { Program } from './program.ts';
import { queueFunctions } from './queue-input.ts';

const DEFINITIONS = ['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement'];

/** Queue-based input (TF1's readers and batchers, run by queue-runner threads): tf.data replaced it. */
const QUEUE_INPUT = [
  'train.batch',
  'train.shuffle_batch',
  'train.batch_join',
  'train.shuffle_batch_join',
  'train.maybe_batch',
  'train.slice_input_producer',
  'train.string_input_producer',
  'train.input_producer',
  'train.range_input_producer',
  'train.start_queue_runners',
  'train.QueueRunner',
  'train.add_queue_runner',
  'FIFOQueue',
  'RandomShuffleQueue',
  'PaddingFIFOQueue',
  'PriorityQueue',
  'queue.FIFOQueue',
  'queue.RandomShuffleQueue',
];

const sources = new WeakMap<RuleContext, Set<string>>();

/**
 * Input pipelines Level 2 does not rewrite, refused where the graph code meets them: queue-based input
 * (tf.train.batch, *_input_producer, start_queue_runners), and calls of a function of the file that
 * returns what an iterator's get_next() or a queue batcher gives. In TF1 such a call builds an op that
 * yields a new batch at every Session.run; in TF2 the same call runs once and gives one batch, so the
 * functions replacing Session.run would train on that one batch for ever.
 */
export function refuseInputPipelines(ctx: RuleContext, p: Program): void {
  const { source } = ctx;
  if (!/get_next|_producer|batch|Queue|queue_runners/.test(source)) return;
  let fns = sources.get(ctx);
  if (!fns) sources.set(ctx, (fns = inputFunctions(ctx)));
  // A def's body is a block of its own, read (and refused) where it runs graph code.
  for (const stmt of p.stmts.filter((s) => !DEFINITIONS.includes(s.node.name))) {
    for (const call of callsIn(ctx.parsed.tree, stmt.node)) {
      const name = calleeName(source, call);
      // Read from tf.data now (queue-input.ts): the queue function's call and the queue runners it needed.
      if (p.queue.covered.includes(call.from) || p.queue.calls.some((c) => c.stmt.value?.from === call.from)) continue;
      const queueFn = name !== null ? queueFunctions(ctx).get(name) : undefined;
      if (queueFn && !('def' in queueFn)) p.blockers.push(queueFn);
      if (isTf(name, ...QUEUE_INPUT))
        p.blockers.push({
          at: call,
          why:
            `\`${name}\` is queue-based input (queue runners feed it from threads); TF2 has no queues to run: build the input ` +
            `with tf.data (from_tensor_slices, map, shuffle, batch) and iterate it, which this tool leaves to you`,
        });
      else if (call.firstChild?.name === 'VariableName' && name !== null && fns.has(name))
        p.blockers.push({
          at: call,
          why:
            `\`${name}(...)\` returns batches from an input pipeline made inside it (an iterator's get_next() or a queue): in TF1 ` +
            `that is a new batch at every Session.run, in TF2 its call gives one batch once; make the dataset here and iterate ` +
            `it, which this tool leaves to you`,
        });
    }
  }
}

/** Functions of the file whose return value is (or is bound from) a get_next() or queue batcher call. */
function inputFunctions(ctx: RuleContext): Set<string> {
  const { source } = ctx;
  const out = new Set<string>();
  const isInput = (call: SyntaxNode) =>
    isTf(calleeName(source, call), ...QUEUE_INPUT) || new CallModel(call, source, ctx.buffer).shortName === 'get_next';
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'FunctionDefinition') return undefined;
      const fn = ref.node;
      const nameNode = fn.getChild('VariableName');
      if (!nameNode) return undefined;
      const fed = new Set<string>();
      const returns: SyntaxNode[] = [];
      const cursor = fn.cursor();
      while (cursor.next() && cursor.from < fn.to) {
        if (cursor.name === 'ReturnStatement') returns.push(cursor.node);
        if (cursor.name !== 'AssignStatement') continue;
        const value = assignedValue(cursor.node);
        if (value && callsIn(ctx.parsed.tree, value).some(isInput))
          for (const n of assignedNames(source, cursor.node) ?? []) fed.add(n);
      }
      if (
        returns.some(
          (r) => callsIn(ctx.parsed.tree, r).some(isInput) || [...namesIn(source, r)].some((n) => fed.has(n)),
        )
      )
        out.add(textOf(source, nameNode));
      return undefined;
    },
  });
  return out;
}
