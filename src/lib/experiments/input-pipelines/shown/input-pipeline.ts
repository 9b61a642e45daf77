// TypeScript (TensorFlow.js): the tf.data pipeline the page runs.
// tfjs's tf.data (@tensorflow/tfjs-data) mirrors Python's: shuffle,
// map, batch, prefetch. It runs on the page's one thread, so map
// and prefetch interleave with training rather than run beside it.
import type * as tfd from '@tensorflow/tfjs-data';

export interface PipelineOptions {
  batchSize: number;
  shuffleBuffer: number;
  prefetch: number;
  batches: number;
  seed: number;
}

/** `augment(i)` returns example i as 784 pixels (shifted at random)
 *  and its one-hot label, both as Float32Arrays. */
export function mnistPipeline(
  data: typeof tfd,
  count: number,
  augment: (i: number) => { xs: Float32Array; ys: Float32Array },
  o: PipelineOptions,
) {
  const indices = Array.from({ length: count }, (_, i) => i);
  return data
    .array(indices)
    .shuffle(o.shuffleBuffer, String(o.seed)) // reshuffled each epoch
    .repeat()
    .map((i) => augment(i as number))
    .batch(o.batchSize) // stacks each field into one tensor
    .take(o.batches) // finite, so prefetch leaves nothing behind
    .prefetch(o.prefetch);
}
