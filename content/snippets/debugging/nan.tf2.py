# TF 2.x: eager by default, so every line runs as it is reached and
# pdb stops anywhere. tf.debugging.enable_check_numerics() makes any op
# that outputs Inf or NaN raise at once, eagerly or in a tf.function,
# naming the op (and, in a graph, the line that created it).
import tensorflow as tf

tf.debugging.enable_check_numerics()
x = tf.random.uniform((8, 784), 0, 256)        # bug: pixels not scaled
y = tf.one_hot(tf.random.uniform((8,), 0, 10, tf.int32), 10)
net = tf.keras.Sequential([
    tf.keras.layers.Dense(64, "relu"), tf.keras.layers.Dense(10)])

@tf.function
def step(x, y):
    p = tf.nn.softmax(net(x))
    return -tf.reduce_mean(tf.reduce_sum(y * tf.math.log(p), 1))

try:
    step(x, y)
except tf.errors.InvalidArgumentError as e:
    # !!! Detected Infinity or NaN in output 0 of graph op "Log" ...
    print(str(e).strip().splitlines()[0])

# To step through the tf.function body line by line with pdb:
tf.config.run_functions_eagerly(True)
# Debugger V2 records every op for TensorBoard's Debugger tab:
# tf.debugging.experimental.enable_dump_debug_info("/tmp/tfdbg2",
#     tensor_debug_mode="FULL_HEALTH", circular_buffer_size=-1)
