# TensorFlow 2 / Keras: one call saves architecture, weights and
# optimizer state; one call loads them back.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.Input((784,)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
x = np.random.rand(8, 784).astype("float32")

model.save("mnist.keras")  # a zip: config.json + weights
reloaded = tf.keras.models.load_model("mnist.keras")

difference = np.abs(model.predict(x) - reloaded.predict(x)).max()
print(f"largest difference after reload: {difference}")
