# TF 1.x: building the graph computes nothing, so the NaN can only
# appear inside session.run. tf.check_numerics adds a node that fails
# the run with InvalidArgumentError and its own name; the error also
# carries the traceback of the line that created the failing op.
import numpy as np
import tensorflow as tf  # 1.15

x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.float32, [None, 10])
h = tf.layers.dense(x, 64, tf.nn.relu)
p = tf.nn.softmax(tf.layers.dense(h, 10))
log_p = tf.check_numerics(tf.log(p), "log(p)")   # bug: log(0)
loss = -tf.reduce_mean(tf.reduce_sum(y * log_p, axis=1))
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
# tf.add_check_numerics_ops() would check every float tensor instead.

xs = np.random.randint(0, 256, (8, 784))       # bug: pixels not scaled
ys = np.eye(10)[np.random.randint(0, 10, 8)]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    try:
        sess.run([loss, train], {x: xs, y: ys})
    except tf.errors.InvalidArgumentError as e:
        print(e.message)  # log(p) : Tensor had Inf values [[node ...]]
    # tfdbg, TF1's own debugger, stops a run at the first bad tensor:
    # from tensorflow.python import debug as tf_debug
    # sess = tf_debug.LocalCLIDebugWrapperSession(sess)
    # then, at its prompt: run -f has_inf_or_nan
