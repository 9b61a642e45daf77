# TF 2: a tf.distribute strategy replicates the model and all-reduces
# gradients; Keras code inside strategy.scope() is otherwise unchanged.
import tensorflow as tf

# One machine, every visible GPU (or the CPU if there is none):
strategy = tf.distribute.MirroredStrategy()
# Several machines: the same code with
#   strategy = tf.distribute.MultiWorkerMirroredStrategy()
# and a TF_CONFIG environment variable naming the cluster and this
# worker's index, e.g. {"cluster": {"worker": ["h1:12345",
# "h2:12345"]}, "task": {"type": "worker", "index": 0}}.
print("replicas:", strategy.num_replicas_in_sync)

with strategy.scope():  # variables are mirrored on every replica
    model = tf.keras.Sequential([
        tf.keras.Input((784,)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10),
    ])
    model.compile(
        optimizer=tf.keras.optimizers.Adam(0.002),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(
            from_logits=True))

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
# The batch is global: each replica gets 256 / num_replicas examples.
model.fit(x_train, y_train, batch_size=256, epochs=1)
