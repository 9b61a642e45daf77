# TF 1.x: where both shapes are known while the graph is built, the
# mismatch is a ValueError on the line that builds the op. Leave a
# dimension unknown and it waits for session.run, which names the op.
import numpy as np
import tensorflow as tf  # 1.15

x = tf.placeholder(tf.float32, [None, None])   # width unknown
y = tf.placeholder(tf.int64, [None])
with tf.variable_scope("layer1"):
    w = tf.get_variable("kernel", [32 * 32, 64])  # bug: 32x32 images
    h = tf.nn.relu(tf.matmul(x, w))
with tf.variable_scope("layer2"):
    logits = tf.layers.dense(h, 10)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
print("graph built: nothing has failed yet")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    try:
        sess.run(train, {x: np.zeros((8, 784)), y: np.zeros(8)})
    except tf.errors.InvalidArgumentError as e:
        print(e.message)  # Matrix size-incompatible ... layer1/MatMul
# With x = tf.placeholder(tf.float32, [None, 784]), tf.matmul itself
# raises ValueError: Dimensions must be equal, but are 784 and 1024.
