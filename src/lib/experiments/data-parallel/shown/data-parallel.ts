/**
 * Ring all-reduce, the algorithm Horovod and NCCL made standard, as the data-parallel experiment
 * runs it between Web Workers. The vector is cut into N chunks; in N - 1 reduce-scatter steps each
 * worker adds its left neighbour's partial sum of one chunk into its own, so that every worker ends
 * owning the full sum of one chunk; in N - 1 all-gather steps those finished chunks travel round
 * the ring. Each worker sends and receives 2 (N - 1) / N of the vector, whatever N is.
 */

/** Start and end of chunk `c` when `length` values are cut into `n` nearly equal chunks. */
export function chunkBounds(length: number, n: number, c: number): [number, number] {
  return [Math.floor((c * length) / n), Math.floor(((c + 1) * length) / n)];
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The chunk worker `rank` adds into its own copy at reduce-scatter step `s` (read from rank - 1). */
export const reduceChunk = (rank: number, s: number, n: number) => mod(rank - 1 - s, n);
/** The finished chunk worker `rank` copies from rank - 1 at all-gather step `s`. */
export const gatherChunk = (rank: number, s: number, n: number) => mod(rank - s, n);

/**
 * One reduce-scatter step of worker `rank`, with every worker's vector in `buffers` (shared
 * memory: worker i reads worker i - 1's buffer directly). Within a step no worker writes a chunk
 * another reads, so the steps need a barrier between them and nothing else.
 */
export function reduceScatterStep(buffers: Float32Array[], rank: number, s: number): void {
  const n = buffers.length;
  const [lo, hi] = chunkBounds(buffers[rank]!.length, n, reduceChunk(rank, s, n));
  const mine = buffers[rank]!;
  const left = buffers[mod(rank - 1, n)]!;
  for (let i = lo; i < hi; i++) mine[i]! += left[i]!;
}

/** One all-gather step of worker `rank`: copy a finished chunk from the left neighbour. */
export function allGatherStep(buffers: Float32Array[], rank: number, s: number): void {
  const n = buffers.length;
  const [lo, hi] = chunkBounds(buffers[rank]!.length, n, gatherChunk(rank, s, n));
  buffers[rank]!.set(buffers[mod(rank - 1, n)]!.subarray(lo, hi), lo);
}

/**
 * A reusable barrier over shared memory: `control[0]` counts arrivals, `control[1]` is the
 * generation, `control[2]` is set to 1 by whoever gives up on the run (a crashed peer), so that
 * nobody waits forever. Atomics.wait is only allowed off the main thread, as here in workers.
 */
export function barrier(control: Int32Array, n: number): void {
  const generation = Atomics.load(control, 1);
  if (Atomics.add(control, 0, 1) === n - 1) {
    Atomics.store(control, 0, 0);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
    return;
  }
  while (Atomics.load(control, 1) === generation) {
    if (Atomics.load(control, 2) !== 0) throw new Error('all-reduce aborted: a peer failed');
    Atomics.wait(control, 1, generation, 100);
  }
}

/**
 * Sums every worker's vector in place over SharedArrayBuffer, then scales it (1 / N for a mean).
 * Called by each of the N workers at once, with the same buffers and control words.
 */
export function ringAllReduceShared(buffers: Float32Array[], control: Int32Array, rank: number, scale = 1): void {
  const n = buffers.length;
  for (let s = 0; s < n - 1; s++) {
    barrier(control, n);
    reduceScatterStep(buffers, rank, s);
  }
  for (let s = 0; s < n - 1; s++) {
    barrier(control, n);
    allGatherStep(buffers, rank, s);
  }
  barrier(control, n);
  if (scale !== 1) {
    const mine = buffers[rank]!;
    for (let i = 0; i < mine.length; i++) mine[i]! *= scale;
  }
}

/** What a worker without shared memory needs: send to the right neighbour, receive from the left. */
export interface RingLinks {
  send(chunk: Float32Array): void;
  receive(): Promise<Float32Array>;
}

/**
 * The same ring with messages instead of shared memory (pages that are not cross-origin isolated
 * have no SharedArrayBuffer): each step sends one chunk to the right and waits for one from the left.
 */
export async function ringAllReduceMessages(mine: Float32Array, links: RingLinks, rank: number, n: number, scale = 1): Promise<void> {
  for (let s = 0; s < n - 1; s++) {
    const [slo, shi] = chunkBounds(mine.length, n, reduceChunk(mod(rank + 1, n), s, n));
    links.send(mine.slice(slo, shi));
    const [lo, hi] = chunkBounds(mine.length, n, reduceChunk(rank, s, n));
    const got = await links.receive();
    for (let i = lo; i < hi; i++) mine[i]! += got[i - lo]!;
  }
  for (let s = 0; s < n - 1; s++) {
    const [slo, shi] = chunkBounds(mine.length, n, gatherChunk(mod(rank + 1, n), s, n));
    links.send(mine.slice(slo, shi));
    const [lo] = chunkBounds(mine.length, n, gatherChunk(rank, s, n));
    mine.set(await links.receive(), lo);
  }
  if (scale !== 1) for (let i = 0; i < mine.length; i++) mine[i]! *= scale;
}
