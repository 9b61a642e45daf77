# TF 2.x: eager ops check shapes when they run, so the error comes
# from the line that calls the layer. Keras also builds a layer's
# weights from the first input it sees, which avoids this bug unless
# the size is written by hand, as here.
import tensorflow as tf

x = tf.random.uniform((8, 784))
w = tf.Variable(tf.random.normal((32 * 32, 64)))  # bug: 32x32 images
try:
    h = tf.nn.relu(x @ w)
except tf.errors.InvalidArgumentError as e:
    print(str(e).splitlines()[0])  # Matrix size-incompatible ...

# Inside a tf.function, shapes known at trace time fail while tracing
# (a ValueError naming the op); unknown ones fail when the graph runs.
# tf.debugging.assert_shapes states the expected shapes up front:
try:
    tf.debugging.assert_shapes([(x, ("N", "D")), (w, ("D", "H"))])
except ValueError as e:
    print(str(e).splitlines()[0])
