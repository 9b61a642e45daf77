# TensorFlow 2: a tf.data pipeline that Keras iterates. map runs
# in parallel C++ threads, prefetch overlaps input with training,
# AUTOTUNE lets the runtime pick the parallelism and buffer sizes.
import numpy as np
import tensorflow as tf  # 2.4 or later (tf.data.AUTOTUNE)

images = np.random.rand(1000, 28, 28, 1).astype("float32")
labels = np.random.randint(0, 10, 1000)


def shift(image, label):  # a random shift of up to 2 pixels
    padded = tf.pad(image, [[2, 2], [2, 2], [0, 0]])
    return tf.image.random_crop(padded, [28, 28, 1]), label


ds = (tf.data.Dataset.from_tensor_slices((images, labels))
      .cache()                      # keep decoded examples in memory
      .shuffle(1000)                # reshuffled every epoch
      .map(shift, num_parallel_calls=tf.data.AUTOTUNE)
      .batch(64)
      .prefetch(tf.data.AUTOTUNE))  # next batch made during this one

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28, 1)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(
    from_logits=True))
model.fit(ds, epochs=2)  # NumPy arrays work too: model.fit(x, y)
