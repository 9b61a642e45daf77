/**
 * `tf.train.*Optimizer` -> `tf.keras.optimizers.*`. Each entry gives the TF1 parameter order (to read
 * positional arguments), how a TF1 keyword maps to a Keras one (null: dropped, it has no Keras
 * meaning), and defaults to write out where Keras' differ, so the update rule stays the same.
 */
export interface OptimizerMapping {
  keras: string;
  params: string[];
  keywords: Record<string, string | null>;
  /** Keras keyword -> TF1 default, written when the input leaves it out. */
  keepDefaults: Record<string, string>;
}

export const OPTIMIZERS: Record<string, OptimizerMapping> = {
  GradientDescentOptimizer: {
    keras: 'SGD',
    params: ['learning_rate', 'use_locking', 'name'],
    keywords: { learning_rate: 'learning_rate', use_locking: null, name: 'name' },
    keepDefaults: {},
  },
  MomentumOptimizer: {
    keras: 'SGD',
    params: ['learning_rate', 'momentum', 'use_locking', 'name', 'use_nesterov'],
    keywords: {
      learning_rate: 'learning_rate',
      momentum: 'momentum',
      use_locking: null,
      name: 'name',
      use_nesterov: 'nesterov',
    },
    keepDefaults: {},
  },
  AdamOptimizer: {
    keras: 'Adam',
    params: ['learning_rate', 'beta1', 'beta2', 'epsilon', 'use_locking', 'name'],
    keywords: {
      learning_rate: 'learning_rate',
      beta1: 'beta_1',
      beta2: 'beta_2',
      epsilon: 'epsilon',
      use_locking: null,
      name: 'name',
    },
    // TF1's Adam defaults to learning_rate 0.001 like Keras, but to epsilon 1e-8 where Keras uses 1e-7.
    keepDefaults: { epsilon: '1e-08' },
  },
  AdagradOptimizer: {
    keras: 'Adagrad',
    params: ['learning_rate', 'initial_accumulator_value', 'use_locking', 'name'],
    keywords: {
      learning_rate: 'learning_rate',
      initial_accumulator_value: 'initial_accumulator_value',
      use_locking: null,
      name: 'name',
    },
    keepDefaults: {},
  },
  RMSPropOptimizer: {
    keras: 'RMSprop',
    params: ['learning_rate', 'decay', 'momentum', 'epsilon', 'use_locking', 'centered', 'name'],
    keywords: {
      learning_rate: 'learning_rate',
      decay: 'rho',
      momentum: 'momentum',
      epsilon: 'epsilon',
      use_locking: null,
      centered: 'centered',
      name: 'name',
    },
    // TF1's RMSProp: epsilon 1e-10 (Keras 1e-7).
    keepDefaults: { epsilon: '1e-10' },
  },
  AdadeltaOptimizer: {
    keras: 'Adadelta',
    params: ['learning_rate', 'rho', 'epsilon', 'use_locking', 'name'],
    keywords: { learning_rate: 'learning_rate', rho: 'rho', epsilon: 'epsilon', use_locking: null, name: 'name' },
    // TF1's Adadelta: learning_rate 0.001 (Keras too), epsilon 1e-8 (Keras 1e-7).
    keepDefaults: { epsilon: '1e-08' },
  },
};

/** Argument texts of a TF1 optimizer call, as given (positional ones named by the TF1 order). */
export type GivenArgs = { keyword: string; text: string }[];

/** The Keras constructor call for a TF1 optimizer, or a reason it cannot be written. */
export function kerasOptimizer(tf1Class: string, given: GivenArgs): { text: string } | { reason: string } {
  const mapping = OPTIMIZERS[tf1Class];
  if (!mapping) return { reason: `tf.train.${tf1Class} has no direct tf.keras.optimizers counterpart here` };
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const { keyword, text } of given) {
    if (!Object.hasOwn(mapping.keywords, keyword))
      return { reason: `tf.train.${tf1Class} argument \`${keyword}\` has no Keras counterpart` };
    const keras = mapping.keywords[keyword];
    if (keras === null || keras === undefined) continue;
    seen.add(keras);
    parts.push(keras === 'learning_rate' && parts.length === 0 ? text : `${keras}=${text}`);
  }
  for (const [keras, value] of Object.entries(mapping.keepDefaults))
    if (!seen.has(keras)) parts.push(`${keras}=${value}`);
  return { text: `tf.keras.optimizers.${mapping.keras}(${parts.join(', ')})` };
}
