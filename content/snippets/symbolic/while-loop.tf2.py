# TF 2: the same loop as plain Python. Eagerly it just runs; inside
# tf.function, AutoGraph turns this `while` on a tensor condition into
# a tf.while_loop in the traced graph.
import tensorflow as tf

tol, max_iter = 1e-5, 100


@tf.function
def newton_sqrt(a):
    x, change, i = a, tf.constant(1.0), tf.constant(0)
    while change > tol and i < max_iter:
        nxt = 0.5 * (x + a / x)
        change = tf.reduce_max(tf.abs(nxt - x) / nxt)
        x, i = nxt, i + 1
    return x, i


print(newton_sqrt(tf.constant([2.0, 9.0, 1e4])))
# The traced graph holds one While op, not an unrolled loop:
graph = newton_sqrt.get_concrete_function(
    tf.TensorSpec([None], tf.float32)).graph
print([op.type for op in graph.get_operations() if 'While' in op.type])
