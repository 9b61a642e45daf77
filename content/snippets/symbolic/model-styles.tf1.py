# TF 1.x: layers describe a graph; nothing runs until session.run.
# tf.keras came into core TF in 1.4, and subclassed Models work from
# 1.7, but under graph mode every style still only builds symbols.
import tensorflow as tf  # 1.15

x = tf.placeholder(tf.float32, [None, 784])

# tf.layers: functions that add variables and ops to the default graph
h = tf.layers.dense(x, 64, activation=tf.nn.relu, name='hidden')
logits_layers = tf.layers.dense(h, 10, name='out')

# tf.keras Sequential, also symbolic here: calling it adds graph nodes
seq = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
    tf.keras.layers.Dense(10),
])
logits_seq = seq(x)
print(logits_seq)  # a symbolic Tensor: a name, dtype and shape, no values

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
