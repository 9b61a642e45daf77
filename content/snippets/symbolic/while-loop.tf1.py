# TF 1.x: square roots by Newton's method, until every value converges.
# A Python `while` cannot test a graph tensor (it has no value yet), so
# the loop itself must be a graph op.
import tensorflow as tf  # 1.15

a = tf.placeholder(tf.float32, [None])
tol, max_iter = 1e-5, 100


def cond(x, change, i):
    return tf.logical_and(change > tol, i < max_iter)


def body(x, change, i):
    nxt = 0.5 * (x + a / x)
    return nxt, tf.reduce_max(tf.abs(nxt - x) / nxt), i + 1


x, _, iterations = tf.while_loop(cond, body, [a, tf.constant(1.0), 0])

with tf.Session() as sess:
    print(sess.run([x, iterations], feed_dict={a: [2.0, 9.0, 1e4]}))
