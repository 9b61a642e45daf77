#!/usr/bin/env python3
"""TensorFlow 2: eager execution and tf.function on the shared workloads
(benchmarks/workloads.json). Writes one result file per workload and mode.

TensorFlow does not install on this project's build machines; this script is for anyone who has
it. No TensorFlow result in the archive is estimated: each one comes from running this script.
The model is plain tf ops (tf_common.py) and Adam is written out (epsilon 1e-7, Keras's
default), so Keras 2 and Keras 3 installs time the same update.
"""
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402
import tf_common  # noqa: E402

MODES = ["eager", "tf.function"]


def run_workload(tf, workload, spec, settings, mode):
    wrap = tf.function if mode == "tf.function" else (lambda f: f)
    kind = workload["kind"]
    if kind == "train":
        images, labels = bc.load_mnist("train")
        variables, forward = tf_common.build(tf, spec, settings["seed"])
        opt = workload["optimizer"]
        if opt["name"] != "adam":
            raise bc.BenchError("this runner implements the Adam optimizer only")
        lr, b1, b2, eps = opt["learningRate"], 0.9, 0.999, 1e-7
        m = [tf.Variable(tf.zeros_like(v)) for v in variables]
        v2 = [tf.Variable(tf.zeros_like(v)) for v in variables]
        t = tf.Variable(0.0)

        @wrap
        def step(x, y):
            with tf.GradientTape() as tape:
                loss = tf_common.loss_of(tf, forward(x), y)
            grads = tape.gradient(loss, variables)
            t.assign_add(1.0)
            lr_t = lr * tf.sqrt(1 - b2**t) / (1 - b1**t)
            for var, g, mm, vv in zip(variables, grads, m, v2):
                mm.assign(b1 * mm + (1 - b1) * g)
                vv.assign(b2 * vv + (1 - b2) * g * g)
                var.assign_sub(lr_t * mm / (tf.sqrt(vv) + eps))
            return loss

        data = bc.batches(images, labels, settings["batch"], settings["seed"])
        losses, step_ms = [], []
        for _ in range(settings["steps"]):
            xb, yb = next(data)
            t0 = time.perf_counter()
            loss = step(tf.constant(xb.reshape([len(yb)] + spec["input"])), tf.constant(yb))
            losses.append(float(loss.numpy()))
            step_ms.append((time.perf_counter() - t0) * 1000)
        return [bc.measurement("step", step_ms[1 + settings["warmup"] :], first_ms=step_ms[0])], bc.final_loss(losses)
    if kind == "infer":
        images, _ = bc.load_mnist("test")
        _, forward = tf_common.build(tf, spec, settings["seed"])
        x = tf.constant(images[: settings["batch"]].reshape([settings["batch"]] + spec["input"]))
        predict = wrap(lambda x: tf.nn.softmax(forward(x)))
        first, times = bc.time_runs(lambda: predict(x).numpy(), settings["warmup"], settings["steps"])
        return [bc.measurement("forward", times, first_ms=first)], None
    if kind == "matmul":
        out = []
        mm = wrap(lambda a, b: tf.matmul(a, b))
        for i, n in enumerate(settings["sizes"]):
            a = tf.random.stateless_normal([n, n], [settings["seed"], 2 * i])
            b = tf.random.stateless_normal([n, n], [settings["seed"], 2 * i + 1])
            first, times = bc.time_runs(lambda: mm(a, b).numpy(), settings["warmup"], settings["steps"])
            out.append(bc.measurement(f"n{n}", times, first_ms=first, params={"n": n}))
        return out, None
    if kind == "dispatch":
        out = []
        k = settings["ops"]
        rng = np.random.default_rng(settings["seed"])
        many = wrap(lambda xs, s: [x * s for x in xs])
        fused = wrap(lambda x, s: x * s)
        for n in settings["sizes"]:
            values = rng.standard_normal((k, n), dtype=np.float32)
            fused_in = tf.constant(values)
            slices = [tf.constant(values[j]) for j in range(k)]
            s = tf.constant(float(1.0 + rng.random()))
            out += bc.dispatch_measurements(n, k, lambda: [o.numpy() for o in many(slices, s)], lambda: fused(fused_in, s).numpy(), settings)
        return out, None
    raise bc.BenchError(f"workload kind {kind!r} is not known to this runner")


def main():
    ctx = bc.start(__doc__, MODES, "tensorflow")
    tf = ctx.framework
    bc.run_workloads(ctx, tf_common.framework(tf), lambda w, spec, settings, mode: run_workload(tf, w, spec, settings, mode))


if __name__ == "__main__":
    bc.main_guard(main)
