# TensorFlow 2.x: no session and no scope. The tower is an object
# that owns its variables; calling it twice shares them.
import tensorflow as tf


class Tower(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense1 = tf.keras.layers.Dense(64, activation="relu")
        self.dense2 = tf.keras.layers.Dense(16)

    def call(self, x):
        return self.dense2(self.dense1(x))


tower = Tower()
xa = tf.random.uniform([8, 784])
xb = tf.random.uniform([8, 784])
score = tf.reduce_sum(tower(xa) * tower(xb), axis=1)  # eager
print(len(tower.trainable_variables))  # 4, created on first call
