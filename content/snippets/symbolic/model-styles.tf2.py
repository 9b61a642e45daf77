# TF 2 / Keras: three ways to declare the same model.
import tensorflow as tf

# 1. Sequential: a stack of layers
seq = tf.keras.Sequential([
    tf.keras.Input(shape=(784,)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dense(10),
])

# 2. Functional: a graph of layers, built from symbolic Inputs
inputs = tf.keras.Input(shape=(784,))
h = tf.keras.layers.Dense(64, activation='relu')(inputs)
functional = tf.keras.Model(inputs, tf.keras.layers.Dense(10)(h))


# 3. Subclassed: the forward pass is ordinary Python code
class Mlp(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(64, activation='relu')
        self.out = tf.keras.layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden(x))


x = tf.random.normal((32, 784))
subclassed = Mlp()
subclassed(x)  # creates the weights
functional.set_weights(seq.get_weights())
subclassed.set_weights(seq.get_weights())
for model in (seq, functional, subclassed):
    print(float(tf.reduce_max(tf.abs(model(x) - seq(x)))))
