"""The workload models in plain TensorFlow ops (tf.Variable + tf.nn), shared by tf1_bench.py
(graph + Session) and tf2_bench.py (eager and tf.function). Plain ops rather than Keras layers,
so the same code builds the same model under TF1 graphs, TF2 eager and Keras 2 or 3."""
import math

import bench_common as bc


def build(tf, spec, seed):
    """Returns (variables, forward(x) -> logits); x is NHWC or [N, features]."""
    channels, features, height = bc.input_dims(spec)
    variables, steps = [], []
    for i, layer in enumerate(spec["layers"]):
        gain = 2.0 if layer.get("activation") == "relu" else 1.0
        init_seed = seed * 1000 + i
        if layer["type"] == "dense":
            std = math.sqrt(gain / features)
            w = tf.Variable(tf.random.stateless_normal([features, layer["units"]], [init_seed, 0]) * std)
            b = tf.Variable(tf.zeros([layer["units"]]))
            variables += [w, b]
            steps.append(lambda x, w=w, b=b: tf.matmul(x, w) + b)
            features = layer["units"]
        elif layer["type"] == "conv2d":
            k = layer["kernel"]
            std = math.sqrt(gain / (k * k * channels))
            w = tf.Variable(tf.random.stateless_normal([k, k, channels, layer["filters"]], [init_seed, 0]) * std)
            b = tf.Variable(tf.zeros([layer["filters"]]))
            variables += [w, b]
            steps.append(lambda x, w=w, b=b: tf.nn.conv2d(x, w, 1, "SAME") + b)
            channels = layer["filters"]
        elif layer["type"] == "maxpool2d":
            steps.append(lambda x, s=layer["size"], st=layer["stride"]: tf.nn.max_pool2d(x, s, st, "VALID"))
            height //= layer["stride"]
        elif layer["type"] == "flatten":
            steps.append(lambda x: tf.reshape(x, [-1, x.shape[1] * x.shape[2] * x.shape[3]]))
            features = channels * height * height
        else:
            raise ValueError(f"layer type {layer['type']!r} is not known to this runner")
        if layer.get("activation") == "relu":
            steps.append(tf.nn.relu)

    def forward(x):
        for s in steps:
            x = s(x)
        return x

    return variables, forward


def loss_of(tf, logits, labels):
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def framework(tf):
    """Both TF runners' framework record: the first GPU TensorFlow sees, else the CPU."""
    gpus = tf.config.list_physical_devices("GPU")
    gpu = gpus[0].name if gpus else None
    backend = {"name": "gpu" if gpus else "cpu", "device": bc.device_label(gpu)}
    return bc.Framework("tensorflow", tf.__version__, {"tensorflow": tf.__version__}, backend, gpu)
