#!/usr/bin/env python3
"""TensorFlow 1 style: a graph built once and run with tf.compat.v1.Session, on the shared
workloads (benchmarks/workloads.json). Writes one result file per workload (mode "graph").

TensorFlow does not install on this project's build machines; this script is for anyone who has
it (TensorFlow 2.x, through tf.compat.v1, or TensorFlow 1.15). No TensorFlow result in the
archive is estimated: each one comes from running this script.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402
import tf_common  # noqa: E402

MODES = ["graph"]


def run_workload(tf, workload, spec, settings):
    v1 = tf.compat.v1
    kind = workload["kind"]
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(settings["seed"])
        if kind == "train":
            images, labels = bc.load_mnist("train")
            shape = [None] + spec["input"]
            x = v1.placeholder(tf.float32, shape)
            y = v1.placeholder(tf.int64, [None])
            _, forward = tf_common.build(tf, spec, settings["seed"])
            loss = tf_common.loss_of(tf, forward(x), y)
            opt = workload["optimizer"]
            optimizer = v1.train.AdamOptimizer(opt["learningRate"], epsilon=1e-7) if opt["name"] == "adam" else v1.train.GradientDescentOptimizer(opt["learningRate"])
            train_op = optimizer.minimize(loss)
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                data = bc.batches(images, labels, settings["batch"], settings["seed"])
                losses, step_ms = [], []
                for _ in range(settings["steps"]):
                    xb, yb = next(data)
                    feed = {x: xb.reshape([len(yb)] + spec["input"]), y: yb}
                    t0 = time.perf_counter()
                    _, value = sess.run([train_op, loss], feed)
                    step_ms.append((time.perf_counter() - t0) * 1000)
                    losses.append(float(value))
            return [bc.measurement("step", step_ms[1 + settings["warmup"] :], first_ms=step_ms[0])], bc.final_loss(losses)
        if kind == "infer":
            images, _ = bc.load_mnist("test")
            # The input is a variable, so it is on the device before timing, as in the other runners.
            x = tf.Variable(images[: settings["batch"]].reshape([settings["batch"]] + spec["input"]))
            _, forward = tf_common.build(tf, spec, settings["seed"])
            probs = tf.nn.softmax(forward(x))
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                first, times = bc.time_runs(lambda: sess.run(probs), settings["warmup"], settings["steps"])
            return [bc.measurement("forward", times, first_ms=first)], None
        if kind == "matmul":
            cases = []
            for i, n in enumerate(settings["sizes"]):
                a = tf.Variable(tf.random.stateless_normal([n, n], [settings["seed"], 2 * i]))
                b = tf.Variable(tf.random.stateless_normal([n, n], [settings["seed"], 2 * i + 1]))
                cases.append((n, tf.matmul(a, b)))
            out = []
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                for n, product in cases:
                    first, times = bc.time_runs(lambda: sess.run(product), settings["warmup"], settings["steps"])
                    out.append(bc.measurement(f"n{n}", times, first_ms=first, params={"n": n}))
            return out, None
        if kind == "dispatch":
            import numpy as np

            k = settings["ops"]
            rng = np.random.default_rng(settings["seed"])
            cases, feed = [], {}
            for n in settings["sizes"]:
                # Variables initialised from a fed placeholder: the slices hold the fused tensor's rows.
                values = v1.placeholder(tf.float32, [k, n])
                feed[values] = rng.standard_normal((k, n), dtype=np.float32)
                fused_in = tf.Variable(values)
                slices = [tf.Variable(values[j]) for j in range(k)]
                s = tf.constant(float(1.0 + rng.random()))
                cases.append((n, [t * s for t in slices], fused_in * s))
            out = []
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer(), feed)
                for n, many, fused in cases:
                    # One Session.run executes all k small ops: the graph, not Python, dispatches them.
                    out += bc.dispatch_measurements(n, k, lambda: sess.run(many), lambda: sess.run(fused), settings)
            return out, None
    raise bc.BenchError(f"workload kind {kind!r} is not known to this runner")


def main():
    ctx = bc.start(__doc__, MODES, "tensorflow")
    tf = ctx.framework
    tf.compat.v1.disable_eager_execution()
    bc.run_workloads(ctx, tf_common.framework(tf), lambda w, spec, settings, mode: run_workload(tf, w, spec, settings))


if __name__ == "__main__":
    bc.main_guard(main)
