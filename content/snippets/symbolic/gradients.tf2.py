# TF 2: a GradientTape records the ops run eagerly inside it.
import tensorflow as tf

w = tf.Variable([[0.5], [-0.3]])
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.tanh(x @ w) ** 2)
print(tape.gradient(loss, w))  # the tape is used up after one gradient
