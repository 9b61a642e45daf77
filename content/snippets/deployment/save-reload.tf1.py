# TensorFlow 1.x: a Saver writes the variables of the graph; the
# graph itself is rebuilt by code (or imported from the .meta file).
import numpy as np
import tensorflow as tf  # 1.15

x = tf.placeholder(tf.float32, [None, 784], name="x")
hidden = tf.layers.dense(x, 64, activation=tf.nn.relu)
logits = tf.layers.dense(hidden, 10)
saver = tf.train.Saver()
batch = np.random.rand(8, 784).astype("float32")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    before = sess.run(logits, feed_dict={x: batch})
    saver.save(sess, "./mnist.ckpt")  # .index, .data, .meta files

with tf.Session() as sess:  # a new session: variables start empty
    saver.restore(sess, "./mnist.ckpt")
    after = sess.run(logits, feed_dict={x: batch})

print(f"largest difference after reload: {np.abs(before - after).max()}")
