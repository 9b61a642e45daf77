# TF 1.x: build a graph of placeholders and ops, then run it in a Session.
import numpy as np
import tensorflow as tf  # 1.15, or tf.compat.v1 with eager turned off

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
num_epochs, batch_size, lr, hidden, shift = 8, 64, 0.003, 256, 1


def windows(images, shift):  # 20x20 around the centre, moved up to shift px
    tops = np.random.randint(4 - shift, 5 + shift, size=(len(images), 2))
    return np.stack([im[i:i + 20, j:j + 20].reshape(400)
                     for im, (i, j) in zip(images, tops)])


x = tf.placeholder(tf.float32, [None, 400], name='x')
y = tf.placeholder(tf.int64, [None], name='y')
with tf.variable_scope('hidden'):
    w1 = tf.get_variable('kernel', [400, hidden],
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
train_op = tf.train.AdamOptimizer(lr).minimize(loss)
correct = tf.equal(tf.argmax(logits, 1), y)
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(num_epochs):
        order = np.random.permutation(len(x_train))
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            _, l = sess.run([train_op, loss], feed_dict={
                x: windows(x_train[idx], shift), y: y_train[idx]})
        print('epoch', epoch, 'loss', l)
    print('test accuracy', sess.run(accuracy, feed_dict={
        x: windows(x_test, 0), y: y_test}))
