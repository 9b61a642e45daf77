#!/usr/bin/env python3
"""PyTorch on the shared workloads (benchmarks/workloads.json): eager, TorchScript and
torch.compile. Writes one result file per workload and mode to benchmarks/results/.

torch.compile exists from PyTorch 2.0; with an older torch the compile mode is reported as not
available and no result is written for it. Run with an interpreter that imports torch (Debian's
python3-torch is in /usr/bin/python3).
"""
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402

MODES = ["eager", "torchscript", "compile"]


def build_model(torch, spec):
    nn = torch.nn
    channels, features, height = bc.input_dims(spec)
    modules = []
    for layer in spec["layers"]:
        kind = layer["type"]
        if kind == "dense":
            lin = nn.Linear(features, layer["units"])
            _init(torch, lin.weight, features, layer["activation"])
            nn.init.zeros_(lin.bias)
            modules.append(lin)
            features = layer["units"]
        elif kind == "conv2d":
            conv = nn.Conv2d(channels, layer["filters"], layer["kernel"], stride=1, padding="same")
            _init(torch, conv.weight, channels * layer["kernel"] ** 2, layer["activation"])
            nn.init.zeros_(conv.bias)
            modules.append(conv)
            channels = layer["filters"]
        elif kind == "maxpool2d":
            modules.append(nn.MaxPool2d(layer["size"], layer["stride"]))
            height //= layer["stride"]
        elif kind == "flatten":
            modules.append(nn.Flatten())
            features = channels * height * height
        else:
            raise bc.BenchError(f"layer type {kind!r} is not known to this runner")
        if layer.get("activation") == "relu":
            modules.append(nn.ReLU())
    return nn.Sequential(*modules)


def _init(torch, weight, fan_in, activation):
    # The workload file's scheme: He (std sqrt(2/fan_in)) before a ReLU, sqrt(1/fan_in) otherwise.
    gain = 2.0 if activation == "relu" else 1.0
    with torch.no_grad():
        weight.normal_(0.0, math.sqrt(gain / fan_in))


def input_shape(spec, n):
    s = spec["input"]
    # The workload gives NHWC (tfjs); PyTorch convolutions take NCHW.
    return (n, s[2], s[0], s[1]) if len(s) == 3 else (n, s[0])


def wrap(torch, mode, fn, example_inputs=None):
    if mode == "eager":
        return fn
    if mode == "torchscript":
        return torch.jit.script(fn)
    return torch.compile(fn)


def run_workload(torch, workload, model_spec, settings, mode, device):
    F = torch.nn.functional
    dev = torch.device(device)
    sync = torch.cuda.synchronize if dev.type == "cuda" else None
    torch.manual_seed(settings["seed"])
    kind = workload["kind"]
    if kind == "train":
        images, labels = bc.load_mnist("train")
        model = build_model(torch, model_spec).to(dev)
        net = wrap(torch, mode, model)
        opt_spec = workload["optimizer"]
        opt_cls = torch.optim.Adam if opt_spec["name"] == "adam" else torch.optim.SGD
        # Keras/tfjs Adam uses epsilon 1e-7; PyTorch's default is 1e-8. Match the workload's runners.
        opt = opt_cls(model.parameters(), lr=opt_spec["learningRate"], **({"eps": 1e-7} if opt_spec["name"] == "adam" else {}))
        data = bc.batches(images, labels, settings["batch"], settings["seed"])
        losses, step_ms = [], []
        for _ in range(settings["steps"]):
            xb, yb = next(data)
            t0 = time.perf_counter()
            x = torch.from_numpy(xb).reshape(input_shape(model_spec, len(yb))).to(dev)
            y = torch.from_numpy(yb).to(dev)
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())  # reads the loss back, as the tfjs loop does
            step_ms.append((time.perf_counter() - t0) * 1000)
        timed = step_ms[1 + settings["warmup"] :]
        return [bc.measurement("step", timed, first_ms=step_ms[0])], bc.final_loss(losses)
    if kind == "infer":
        images, _ = bc.load_mnist("test")
        model = build_model(torch, model_spec).to(dev).eval()
        net = wrap(torch, mode, model)
        x = torch.from_numpy(images[: settings["batch"]]).reshape(input_shape(model_spec, settings["batch"])).to(dev)

        def forward():
            with torch.no_grad():
                return torch.softmax(net(x), dim=1).cpu().numpy()

        first, times = bc.time_runs(forward, settings["warmup"], settings["steps"], sync)
        return [bc.measurement("forward", times, first_ms=first)], None
    if kind == "matmul":
        out = []
        gen = torch.Generator().manual_seed(settings["seed"])
        mm = wrap(torch, mode, _matmul(torch))
        for n in settings["sizes"]:
            a = torch.randn(n, n, generator=gen).to(dev)
            b = torch.randn(n, n, generator=gen).to(dev)
            first, times = bc.time_runs(lambda: mm(a, b).cpu().numpy(), settings["warmup"], settings["steps"], sync)
            out.append(bc.measurement(f"n{n}", times, first_ms=first, params={"n": n}))
        return out, None
    if kind == "dispatch":
        out = []
        gen = torch.Generator().manual_seed(settings["seed"])
        k = settings["ops"]
        many_fn, fused_fn = (wrap(torch, mode, f) for f in _dispatch(torch))
        for n in settings["sizes"]:
            fused_in = torch.randn(k, n, generator=gen).to(dev)
            slices = [fused_in[i].clone() for i in range(k)]
            s = torch.tensor(1.0 + float(torch.rand(1, generator=gen)), device=dev)
            out += bc.dispatch_measurements(n, k, lambda: [t.cpu().numpy() for t in many_fn(slices, s)], lambda: fused_fn(fused_in, s).cpu().numpy(), settings, sync)
        return out, None
    raise bc.BenchError(f"workload kind {kind!r} is not known to this runner")


def _matmul(torch):
    def mm(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.matmul(a, b)

    return mm


def _dispatch(torch):
    from typing import List

    def many(xs: List[torch.Tensor], s: torch.Tensor) -> List[torch.Tensor]:
        return [x * s for x in xs]

    def fused(x: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
        return x * s

    return many, fused


def main():
    ctx = bc.start(
        __doc__,
        MODES,
        "torch",
        hint="try /usr/bin/python3 or set PYTHON",
        add_options=lambda p: p.add_argument("--device", default="cpu", help="cpu (default) or cuda"),
    )
    torch, device = ctx.framework, ctx.args.device
    if device == "cuda" and not torch.cuda.is_available():
        raise bc.BenchError("--device cuda, but torch sees no CUDA device")
    torch.set_num_threads(torch.get_num_threads())
    gpu = torch.cuda.get_device_name(0) if device == "cuda" else None
    details = {"threads": torch.get_num_threads()}
    if device == "cuda":
        details["tf32Matmul"] = bool(torch.backends.cuda.matmul.allow_tf32)
    fw = bc.Framework(
        "pytorch",
        torch.__version__,
        {"torch": torch.__version__},
        {"name": device, "device": bc.device_label(gpu), "details": details},
        gpu,
        missing_modes={} if hasattr(torch, "compile") else {"compile": f"torch {torch.__version__} has no torch.compile (added in 2.0)"},
    )
    bc.run_workloads(ctx, fw, lambda w, spec, settings, mode: run_workload(torch, w, spec, settings, mode, device), print_loss=True)


if __name__ == "__main__":
    bc.main_guard(main)
