/**
 * `tf.layers.<fn>(inputs, ...)` -> a `tf.keras.layers.<Class>(...)` object made once, then called on
 * the inputs. `params` is the TF1 function's parameter order after `inputs`, to name positional
 * arguments; `callKeywords` move from the constructor to the call (Keras takes `training` there).
 */
export interface LayerMapping {
  keras: string;
  params: string[];
}

const CONV = ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'];
const POOL = ['pool_size', 'strides', 'padding', 'data_format', 'name'];

export const LAYERS: Record<string, LayerMapping> = {
  dense: {
    keras: 'Dense',
    params: [
      'units',
      'activation',
      'use_bias',
      'kernel_initializer',
      'bias_initializer',
      'kernel_regularizer',
      'bias_regularizer',
    ],
  },
  conv1d: { keras: 'Conv1D', params: CONV },
  conv2d: { keras: 'Conv2D', params: CONV },
  conv3d: { keras: 'Conv3D', params: CONV },
  // TF1's conv2d_transpose takes no dilation_rate: its positional order stops at use_bias.
  conv2d_transpose: { keras: 'Conv2DTranspose', params: CONV.filter((p) => p !== 'dilation_rate') },
  max_pooling1d: { keras: 'MaxPooling1D', params: POOL },
  max_pooling2d: { keras: 'MaxPooling2D', params: POOL },
  average_pooling1d: { keras: 'AveragePooling1D', params: POOL },
  average_pooling2d: { keras: 'AveragePooling2D', params: POOL },
  dropout: { keras: 'Dropout', params: ['rate', 'noise_shape', 'seed', 'training', 'name'] },
  flatten: { keras: 'Flatten', params: ['name', 'data_format'] },
  batch_normalization: { keras: 'BatchNormalization', params: ['axis', 'momentum', 'epsilon', 'center', 'scale'] },
};

/** Keywords Keras takes when the layer is called, not when it is made. */
export const CALL_KEYWORDS = new Set(['training']);

/** TF1 keywords with no Keras meaning; a call using one is left alone. */
export const UNSAFE_LAYER_KEYWORDS = new Set(['reuse']);

/**
 * `tf.nn.rnn_cell.<Cell>(num_units, ...)` -> Keras cells. Keras' GRU resets after the matrix product by
 * default; TF1's GRUCell before, so `reset_after=False` keeps the TF1 equations.
 */
export const RNN_CELLS: Record<string, { keras: string; extra: string }> = {
  BasicLSTMCell: { keras: 'LSTMCell', extra: '' },
  LSTMCell: { keras: 'LSTMCell', extra: '' },
  GRUCell: { keras: 'GRUCell', extra: ', reset_after=False' },
  BasicRNNCell: { keras: 'SimpleRNNCell', extra: '' },
};
