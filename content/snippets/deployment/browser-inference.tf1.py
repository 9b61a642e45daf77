# TensorFlow 1.x: build a graph, save a SavedModel from a live
# Session, convert it offline for phones or browsers.
import tensorflow as tf  # 1.15

image = tf.placeholder(tf.float32, [None, 28, 28, 1], name="image")
net = tf.layers.conv2d(image, 8, 3, activation=tf.nn.relu)
net = tf.layers.max_pooling2d(net, 2, 2)
net = tf.layers.conv2d(net, 16, 3, activation=tf.nn.relu)
net = tf.layers.max_pooling2d(net, 2, 2)
logits = tf.layers.dense(tf.layers.flatten(net), 10, name="logits")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    # The signature names the tensors a server or converter
    # will feed and fetch.
    tf.saved_model.simple_save(
        sess, "mnist_savedmodel",
        inputs={"image": image}, outputs={"logits": logits})

# Phones:
#   tflite_convert --saved_model_dir=mnist_savedmodel \
#       --output_file=mnist.tflite
# Browsers:
#   tensorflowjs_converter --input_format=tf_saved_model \
#       mnist_savedmodel web_model
