# TF 1.x: gradients are more graph nodes, added before anything runs.
import tensorflow as tf  # 1.15

w = tf.Variable([[0.5], [-0.3]])
x = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.tanh(tf.matmul(x, w)) ** 2)
grad_w, = tf.gradients(loss, [w])  # walks the graph backwards, symbolically

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(grad_w, feed_dict={x: [[1.0, 2.0], [3.0, 4.0]]}))
