# TensorFlow 2 / Keras: save the model, then convert it for the
# runtime that will serve it.
import tensorflow as tf

layers = tf.keras.layers
model = tf.keras.Sequential([
    tf.keras.Input((28, 28, 1)),
    layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(),
    layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(),
    layers.Flatten(), layers.Dense(10),
])

model.save("mnist.keras")         # Keras 3 archive (load_model)
model.export("mnist_savedmodel")  # SavedModel: serving, converters

# Phones: LiteRT (formerly TF Lite) reads a .tflite flatbuffer.
converter = tf.lite.TFLiteConverter.from_saved_model(
    "mnist_savedmodel")
with open("mnist.tflite", "wb") as f:
    f.write(converter.convert())

# Browsers: convert for TensorFlow.js, then in JavaScript
# tf.loadGraphModel("web_model/model.json"):
#   tensorflowjs_converter --input_format=tf_saved_model \
#       mnist_savedmodel web_model
