#!/usr/bin/env python3
"""JAX (jax.jit) on the shared workloads (benchmarks/workloads.json). Writes one result file per
workload to benchmarks/results/.

JAX is not installed on this project's build machines; run this where it is (a GPU machine, or
`pip install jax` on a CPU). The model, the Adam update and the loss follow the workload file;
Adam is written out (epsilon 1e-7, as Keras and TensorFlow.js) so no optax is needed.
"""
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402

MODES = ["jit"]


def init_params(jax, jnp, spec, key):
    channels, features, height = bc.input_dims(spec)
    params = []
    for layer in spec["layers"]:
        gain = 2.0 if layer.get("activation") == "relu" else 1.0
        if layer["type"] == "dense":
            key, sub = jax.random.split(key)
            w = jax.random.normal(sub, (features, layer["units"]), jnp.float32) * math.sqrt(gain / features)
            params.append({"w": w, "b": jnp.zeros((layer["units"],), jnp.float32)})
            features = layer["units"]
        elif layer["type"] == "conv2d":
            k = layer["kernel"]
            key, sub = jax.random.split(key)
            w = jax.random.normal(sub, (k, k, channels, layer["filters"]), jnp.float32) * math.sqrt(gain / (k * k * channels))
            params.append({"w": w, "b": jnp.zeros((layer["filters"],), jnp.float32)})
            channels = layer["filters"]
        elif layer["type"] == "maxpool2d":
            params.append({})
            height //= layer["stride"]
        elif layer["type"] == "flatten":
            params.append({})
            features = channels * height * height
        else:
            raise bc.BenchError(f"layer type {layer['type']!r} is not known to this runner")
    return params


def make_forward(jax, jnp, spec):
    layers = spec["layers"]

    def forward(params, x):
        for layer, p in zip(layers, params):
            t = layer["type"]
            if t == "dense":
                x = x @ p["w"] + p["b"]
            elif t == "conv2d":
                x = jax.lax.conv_general_dilated(x, p["w"], (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC")) + p["b"]
            elif t == "maxpool2d":
                s = layer["size"]
                x = jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, s, s, 1), (1, layer["stride"], layer["stride"], 1), "VALID")
            elif t == "flatten":
                x = x.reshape(x.shape[0], -1)
            if layer.get("activation") == "relu":
                x = jax.nn.relu(x)
        return x

    return forward


def run_workload(jax, jnp, workload, spec, settings):
    kind = workload["kind"]
    key = jax.random.PRNGKey(settings["seed"])
    if kind in ("train", "infer"):
        forward = make_forward(jax, jnp, spec)
        params = init_params(jax, jnp, spec, key)
        shape = tuple(spec["input"])
    if kind == "train":
        images, labels = bc.load_mnist("train")
        lr = workload["optimizer"]["learningRate"]
        if workload["optimizer"]["name"] != "adam":
            raise bc.BenchError("this runner implements the Adam optimizer only")
        b1, b2, eps = 0.9, 0.999, 1e-7

        def loss_fn(p, x, y):
            logits = forward(p, x)
            return -jnp.mean(jnp.sum(jax.nn.log_softmax(logits) * jax.nn.one_hot(y, logits.shape[-1]), axis=-1))

        @jax.jit
        def step(p, m, v, t, x, y):
            loss, g = jax.value_and_grad(loss_fn)(p, x, y)
            t = t + 1
            m = jax.tree_util.tree_map(lambda a, b: b1 * a + (1 - b1) * b, m, g)
            v = jax.tree_util.tree_map(lambda a, b: b2 * a + (1 - b2) * b * b, v, g)
            lr_t = lr * jnp.sqrt(1 - b2**t) / (1 - b1**t)
            p = jax.tree_util.tree_map(lambda a, mm, vv: a - lr_t * mm / (jnp.sqrt(vv) + eps), p, m, v)
            return p, m, v, t, loss

        m = jax.tree_util.tree_map(jnp.zeros_like, params)
        v = jax.tree_util.tree_map(jnp.zeros_like, params)
        t = jnp.zeros((), jnp.float32)
        data = bc.batches(images, labels, settings["batch"], settings["seed"])
        losses, step_ms = [], []
        for _ in range(settings["steps"]):
            xb, yb = next(data)
            t0 = time.perf_counter()
            x = jnp.asarray(xb.reshape((len(yb),) + shape))
            y = jnp.asarray(yb)
            params, m, v, t, loss = step(params, m, v, t, x, y)
            losses.append(float(loss))  # reads the loss back (and waits for the step)
            step_ms.append((time.perf_counter() - t0) * 1000)
        return [bc.measurement("step", step_ms[1 + settings["warmup"] :], first_ms=step_ms[0])], bc.final_loss(losses)
    if kind == "infer":
        images, _ = bc.load_mnist("test")
        x = jax.device_put(jnp.asarray(images[: settings["batch"]].reshape((settings["batch"],) + shape)))
        predict = jax.jit(lambda p, x: jax.nn.softmax(forward(p, x)))
        first, times = bc.time_runs(lambda: np.asarray(predict(params, x)), settings["warmup"], settings["steps"])
        return [bc.measurement("forward", times, first_ms=first)], None
    if kind == "matmul":
        out = []
        mm = jax.jit(jnp.matmul)
        for n in settings["sizes"]:
            key, ka, kb = jax.random.split(key, 3)
            a = jax.random.normal(ka, (n, n), jnp.float32)
            b = jax.random.normal(kb, (n, n), jnp.float32)
            first, times = bc.time_runs(lambda: np.asarray(mm(a, b)), settings["warmup"], settings["steps"])
            out.append(bc.measurement(f"n{n}", times, first_ms=first, params={"n": n}))
        return out, None
    if kind == "dispatch":
        out = []
        k = settings["ops"]
        # Under jit the "many" list is one compiled program: the per-op cost the workload measures
        # in eager frameworks is what jit removes, and this result shows how much.
        many = jax.jit(lambda xs, s: [x * s for x in xs])
        fused = jax.jit(lambda x, s: x * s)
        for n in settings["sizes"]:
            key, kx, ks = jax.random.split(key, 3)
            fused_in = jax.random.normal(kx, (k, n), jnp.float32)
            slices = [fused_in[i] for i in range(k)]
            s = 1.0 + jax.random.uniform(ks, (), jnp.float32)
            out += bc.dispatch_measurements(n, k, lambda: [np.asarray(o) for o in many(slices, s)], lambda: np.asarray(fused(fused_in, s)), settings)
        return out, None
    raise bc.BenchError(f"workload kind {kind!r} is not known to this runner")


def main():
    ctx = bc.start(__doc__, MODES, "jax")
    jax = ctx.framework
    import jax.numpy as jnp

    device = jax.devices()[0]
    gpu = device.device_kind if device.platform != "cpu" else None
    fw = bc.Framework(
        "jax",
        jax.__version__,
        {"jax": jax.__version__, "jaxlib": getattr(__import__("jaxlib"), "__version__", "unknown")},
        {"name": device.platform, "device": bc.device_label(gpu)},
        gpu,
    )
    bc.run_workloads(ctx, fw, lambda w, spec, settings, mode: run_workload(jax, jnp, w, spec, settings))


if __name__ == "__main__":
    bc.main_guard(main)
