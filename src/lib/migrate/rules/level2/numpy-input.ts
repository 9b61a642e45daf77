import type { CallModel } from '../../call.ts';
import type { SyntaxNode } from '../../parse.ts';
import { isTf } from './names.ts';

/** numpy_input_fn's parameters in order, to read positional arguments. */
const PARAMS = ['x', 'y', 'batch_size', 'num_epochs', 'shuffle', 'queue_capacity', 'num_threads'];

export interface NumpyDataset {
  /** The tf.data expression that yields what the input_fn gave the model_fn. */
  text: string;
  /** Whether elements are (features, labels) pairs; without `y` they are features only. */
  labelled: boolean;
  shuffled: boolean;
}

/** `tf.estimator.inputs.numpy_input_fn` in its TF1 or tf.compat.v1 spelling. */
export function isNumpyInputFn(name: string | null): boolean {
  return isTf(name, 'estimator.inputs.numpy_input_fn');
}

/**
 * `numpy_input_fn(x, y, batch_size, num_epochs, shuffle, queue_capacity)` -> the tf.data pipeline
 * that yields the same batches. TF1 enqueued rows in order (cyclically, from a random start row when
 * shuffling) into a queue of `queue_capacity` rows, a RandomShuffleQueue when shuffling, and dequeued
 * `batch_size` rows at a time: full batches forever when num_epochs is None, else up to the last,
 * partial, batch. Batches run across epoch boundaries, and shuffling mixes rows of neighbouring epochs,
 * so `repeat` comes before `shuffle` and `batch`. Dtypes are NumPy's in both.
 */
export function numpyInputDataset(model: CallModel): NumpyDataset | { at: SyntaxNode; why: string } {
  const args = new Map<string, { text: string; node: SyntaxNode }>();
  let position = 0;
  for (const arg of model.live) {
    if (arg.arg.kind === 'star' || arg.arg.kind === 'doublestar')
      return { at: arg.arg.value, why: 'numpy_input_fn with *args or **kwargs is not followed' };
    const name = arg.keyword ?? PARAMS[position++];
    if (name === undefined || !PARAMS.includes(name))
      return { at: arg.arg.value, why: `numpy_input_fn argument \`${name ?? '?'}\` is not followed` };
    args.set(name, { text: model.valueText(arg), node: arg.arg.value });
  }
  const x = args.get('x');
  if (!x) return { at: model.node, why: 'numpy_input_fn without `x`' };
  const shuffle = args.get('shuffle');
  if (!shuffle || (shuffle.text !== 'True' && shuffle.text !== 'False'))
    return {
      at: shuffle?.node ?? model.node,
      why: 'numpy_input_fn needs `shuffle=True` or `shuffle=False` written out (TF1 raised ValueError without it)',
    };
  const threads = args.get('num_threads');
  if (threads && threads.text !== '1')
    return {
      at: threads.node,
      why: 'numpy_input_fn with several threads reads rows in no fixed order; tf.data has no counterpart written here',
    };
  const y = args.get('y');
  const labelled = y !== undefined && y.text !== 'None';
  const epochs = args.get('num_epochs')?.text ?? '1';
  const shuffled = shuffle.text === 'True';
  let text = `tf.data.Dataset.from_tensor_slices(${labelled ? `(${x.text}, ${y!.text})` : x.text})`;
  if (epochs === 'None') text += '.repeat()';
  else if (epochs !== '1') text += `.repeat(${epochs})`;
  if (shuffled) text += `.shuffle(${args.get('queue_capacity')?.text ?? '1000'})`;
  text += `.batch(${args.get('batch_size')?.text ?? '128'})`;
  return { text, labelled, shuffled };
}
