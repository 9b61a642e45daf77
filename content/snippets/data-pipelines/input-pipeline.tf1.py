# TensorFlow 1.x: the two older ways in. feed_dict copies a NumPy
# batch into the graph at every run; tf.data (core since 1.4) builds
# the pipeline into the graph itself, so no Python runs per batch.
import numpy as np
import tensorflow as tf  # 1.15

images = np.random.rand(1000, 784).astype("float32")
labels = np.random.randint(0, 10, 1000).astype("int64")

# 1) feed_dict: placeholders, batches sliced in Python.
x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.int64, [None])
logits = tf.layers.dense(x, 10)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.AdamOptimizer(1e-3).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        idx = np.random.randint(0, 1000, 64)
        sess.run(train, feed_dict={x: images[idx], y: labels[idx]})

# 2) tf.data in the graph: the iterator's get_next() is the input.
ds = (tf.data.Dataset.from_tensor_slices((images, labels))
      .shuffle(1000).repeat()
      .map(lambda a, b: (a * 2.0 - 1.0, b), num_parallel_calls=4)
      .batch(64).prefetch(1))
xb, yb = ds.make_one_shot_iterator().get_next()
loss2 = tf.losses.sparse_softmax_cross_entropy(
    yb, tf.layers.dense(xb, 10))
train2 = tf.train.AdamOptimizer(1e-3).minimize(loss2)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        sess.run(train2)  # nothing to feed
