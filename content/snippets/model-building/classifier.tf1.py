# TF 1.x: build a graph of placeholders and ops, then run it in a Session.
import numpy as np
import tensorflow as tf  # 1.15, or tf.compat.v1 with eager turned off

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
x_test = x_test.reshape(-1, 784) / 255.0
num_epochs, batch_size, lr, hidden = 4, 32, 0.1, 128

x = tf.placeholder(tf.float32, [None, 784], name='x')
y = tf.placeholder(tf.int64, [None], name='y')
with tf.variable_scope('hidden'):
    w1 = tf.get_variable('kernel', [784, hidden],
                         initializer=tf.initializers.he_normal())
    b1 = tf.get_variable('bias', [hidden],
                         initializer=tf.zeros_initializer())
    h = tf.nn.relu(tf.matmul(x, w1) + b1)
with tf.variable_scope('out'):
    w2 = tf.get_variable('kernel', [hidden, 10])
    b2 = tf.get_variable('bias', [10], initializer=tf.zeros_initializer())
    logits = tf.matmul(h, w2) + b2
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(lr).minimize(loss)
correct = tf.equal(tf.argmax(logits, 1), y)
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(num_epochs):
        order = np.random.permutation(len(x_train))
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            _, l = sess.run([train_op, loss],
                            feed_dict={x: x_train[idx], y: y_train[idx]})
        print('epoch', epoch, 'loss', l)
    print('test accuracy',
          sess.run(accuracy, feed_dict={x: x_test, y: y_test}))
