/**
 * The TF1 error classes a reader meets. TF1 raised ValueError from Python while the graph was
 * being built, and the runtime's InvalidArgumentError / FailedPreconditionError from Session.run,
 * with the failing node named at the end of the message ("[[node dense/MatMul]]").
 */
export class Tf1Error extends Error {
  /** The graph node the error is about, when there is one. */
  readonly op: string | undefined;
  constructor(message: string, op?: string) {
    super(op === undefined ? message : `${message}\n\t [[node ${op}]]`);
    this.op = op;
  }
}

/** Build-time misuse (a name clash, a shape that cannot fit, a variable scope without reuse). */
export class ValueError extends Tf1Error {
  override name = 'ValueError';
}
/** Run-time: an op got inputs it cannot accept (shapes, NaN in checkNumerics, an unfed placeholder). */
export class InvalidArgumentError extends Tf1Error {
  override name = 'InvalidArgumentError';
}
/** Run-time: the state is wrong for the op (a variable read before its initializer ran). */
export class FailedPreconditionError extends Tf1Error {
  override name = 'FailedPreconditionError';
}
/** Build-time: tf.gradients met an op with no gradient function. */
export class LookupError extends Tf1Error {
  override name = 'LookupError';
}
