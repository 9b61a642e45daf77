# TF 1.x: between-graph replication with a parameter server.
# The same script runs in every process; --job and --task pick the
# role. Variables live on the ps task, each worker computes on its
# own batches and pushes updates to them (asynchronously by default).
import sys

import tensorflow as tf  # 1.15

job, task = sys.argv[1], int(sys.argv[2])  # e.g. "worker" 0
cluster = tf.train.ClusterSpec({
    "ps": ["localhost:2222"],
    "worker": ["localhost:2223", "localhost:2224"],
})
server = tf.train.Server(cluster, job_name=job, task_index=task)

if job == "ps":
    server.join()  # serves variables until killed
else:
    device = tf.train.replica_device_setter(
        worker_device=f"/job:worker/task:{task}", cluster=cluster)
    with tf.device(device):  # variables -> ps, ops -> this worker
        x = tf.placeholder(tf.float32, [None, 784])
        y = tf.placeholder(tf.int64, [None])
        hidden = tf.layers.dense(x, 128, tf.nn.relu)
        logits = tf.layers.dense(hidden, 10)
        loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
        step = tf.train.get_or_create_global_step()
        train_op = tf.train.AdamOptimizer(0.002).minimize(
            loss, global_step=step)

    (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
    x_train = x_train.reshape(-1, 784) / 255.0
    hooks = [tf.train.StopAtStepHook(last_step=200)]
    with tf.train.MonitoredTrainingSession(
            master=server.target, is_chief=(task == 0),
            hooks=hooks) as sess:
        i = task * 64
        while not sess.should_stop():
            batch = slice(i % 59_000, i % 59_000 + 64)
            sess.run(train_op, {x: x_train[batch], y: y_train[batch]})
            i += 128  # two workers: each takes every other batch
