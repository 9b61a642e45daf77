/** Messages between the coordinator (the experiment's worker) and the replica workers it starts. */
export type ReplicaBackend = 'wasm' | 'cpu';
export type Transport = 'shared' | 'messages' | 'parameter-server';

export interface InitMessage {
  type: 'init';
  rank: number;
  n: number;
  backend: ReplicaBackend;
  transport: Transport;
  hidden: number;
  globalBatch: number;
  steps: number;
  learningRate: number;
  /** Seed of the batch order, the same in every worker so each takes its slice of one global batch. */
  dataSeed: number;
  /** The initial weights, flat (w1, b1, w2, b2), identical for every worker. */
  weights: Float32Array;
  /** Step (1-based) at which this worker throws an uncaught error; 0: never. */
  crashAtStep: number;
  /** Shared mode: every worker's gradient vector, back to back, and the barrier's control words. */
  grads?: SharedArrayBuffer;
  control?: SharedArrayBuffer;
  /** Message mode: ports to the right and from the left neighbour. */
  right?: MessagePort;
  left?: MessagePort;
}

/** Parameter-server mode: the averaged, updated weights for the next step. */
export interface WeightsMessage {
  type: 'weights';
  weights: Float32Array;
}

export type ToReplica = InitMessage | WeightsMessage;

export interface StepTimes {
  /** Batch upload, forward, backward and reading the gradients back. */
  computeMs: number;
  /** All-reduce, or sending gradients to the server and waiting for weights; waits for slower peers included. */
  commMs: number;
  /** The optimizer step (all-reduce modes; the server does it in parameter-server mode). */
  updateMs: number;
}

export type FromReplica =
  | { type: 'ready'; rank: number }
  | { type: 'grads'; rank: number; step: number; grads: Float32Array; loss: number; computeMs: number }
  | ({ type: 'step'; rank: number; step: number; loss: number } & StepTimes)
  | { type: 'done'; rank: number; weights: Float32Array; tensorsLeft: number }
  | { type: 'error'; rank: number; message: string };
