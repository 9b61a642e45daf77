# TensorFlow 1.15 (or tf.compat.v1 in TF 2.x): variables are
# created by name in a variable scope; sharing them is a flag.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def tower(x, reuse):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.layers.dense(x, 64, tf.nn.relu, name="dense1")
        return tf.layers.dense(h, 16, name="dense2")


a = tf.placeholder(tf.float32, [None, 784], name="a")
b = tf.placeholder(tf.float32, [None, 784], name="b")
ea = tower(a, reuse=False)
eb = tower(b, reuse=True)   # reuse=False here raises ValueError:
# "Variable tower/dense1/kernel already exists, disallowed..."
score = tf.reduce_sum(ea * eb, axis=1)
print(len(tf.global_variables()))  # 4: two kernels, two biases

xa = np.random.rand(8, 784).astype("float32")
xb = np.random.rand(8, 784).astype("float32")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out = sess.run(score, feed_dict={a: xa, b: xb})
