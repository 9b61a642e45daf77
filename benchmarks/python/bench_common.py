"""Shared parts of the Python benchmark runners: the workload file, the MNIST subset, timing
statistics, provenance and writing one result file (the format of src/lib/results/schema.ts),
and the start and workload loop of a runner's main(), so a runner writes only what its framework
does differently.

Standard library and NumPy only, so every runner (PyTorch, JAX, TensorFlow) can import it.
"""
import argparse
import datetime as _dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
WORKLOADS_PATH = ROOT / "benchmarks" / "workloads.json"
RESULTS_DIR = ROOT / "benchmarks" / "results"
MNIST_DIR = ROOT / "public" / "data" / "mnist"
FORMAT = "tfc-result-v2"


class BenchError(Exception):
    """A problem the user can fix (bad option, missing data); printed without a traceback."""


def load_workloads():
    with open(WORKLOADS_PATH, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("format") != "tfc-workloads-v1":
        raise BenchError(f"{WORKLOADS_PATH}: unknown format {data.get('format')!r}")
    return data


def workload_ids():
    return [w["id"] for w in load_workloads()["workloads"]]


def get_workload(workload_id):
    data = load_workloads()
    for w in data["workloads"]:
        if w["id"] == workload_id:
            model = data["models"].get(w.get("model")) if "model" in w else None
            return w, model
    raise BenchError(f"unknown workload {workload_id!r}; known: {', '.join(workload_ids())}")


def settings_for(workload, steps=None, warmup=None):
    """The settings actually used, with each change from the workload file listed."""
    s = {
        "batch": workload["batch"],
        "steps": workload["steps"] if steps is None else steps,
        "warmup": workload["warmup"] if warmup is None else warmup,
        "dtype": workload["dtype"],
        "seed": workload["seed"],
        "deviations": [],
    }
    for key in ("sizes", "ops"):
        if key in workload:
            s[key] = workload[key]
    if s["steps"] != workload["steps"]:
        s["deviations"].append(f"steps {s['steps']} instead of {workload['steps']}")
    if s["warmup"] != workload["warmup"]:
        s["deviations"].append(f"warmup {s['warmup']} instead of {workload['warmup']}")
    if workload["kind"] == "train":
        check_timed_steps(s["steps"], s["warmup"], "training steps")
    return s


def check_timed_steps(steps, warmup, noun="steps"):
    # The first step (compilation, allocation) and the warm-ups are timed apart; something must remain.
    if warmup + 1 >= steps:
        raise BenchError(f"{steps} {noun} leave none to time after the first and {warmup} warm-ups")


def input_dims(spec):
    """(channels, features, height) of a model's input, NHWC [h, w, c] or [features]; the two the
    shape lacks are None. The builders track them layer by layer to size each weight."""
    shape = spec["input"]
    if len(shape) == 3:
        return shape[2], None, shape[0]
    return None, shape[0], None


def load_mnist(split):
    """(images float32 [count, 784] in 0..1, labels int64 [count]) from public/data/mnist."""
    manifest_path = MNIST_DIR / "manifest.json"
    if not manifest_path.exists():
        raise BenchError(f"{manifest_path} is missing: run `npm run data` first")
    info = json.loads(manifest_path.read_text())["splits"][split]
    images = np.fromfile(MNIST_DIR / info["images"]["file"], dtype=np.uint8)
    labels = np.fromfile(MNIST_DIR / info["labels"]["file"], dtype=np.uint8)
    if images.size != info["count"] * 784 or labels.size != info["count"]:
        raise BenchError(f"MNIST {split} files do not match the manifest's {info['count']} examples")
    return images.reshape(info["count"], 784).astype(np.float32) / 255.0, labels.astype(np.int64)


def batches(images, labels, batch, seed):
    """Endless batches in a seeded order covering every example once per epoch."""
    rng = np.random.default_rng(seed)
    while True:
        order = rng.permutation(len(labels))
        for i in range(0, len(order) - batch + 1, batch):
            idx = order[i : i + batch]
            yield images[idx], labels[idx]


def quantile(sorted_values, q):
    """Linear interpolation (R-7, NumPy's default): the same rule as src/lib/runtime/stats.ts."""
    pos = (len(sorted_values) - 1) * q
    lo, hi = int(np.floor(pos)), int(np.ceil(pos))
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def time_runs(fn, warmup, runs, sync=None):
    """(first call's ms, [ms of each of `runs` calls after `warmup` untimed ones]). `sync` waits
    for work the call only queued (a GPU stream), so the time is the work's, not the launch's."""

    def one():
        t0 = time.perf_counter()
        fn()
        if sync:
            sync()
        return (time.perf_counter() - t0) * 1000

    first = one()
    for _ in range(warmup):
        one()
    return first, [one() for _ in range(runs)]


def measurement(name, times_ms, first_ms=None, params=None):
    s = sorted(times_ms)
    m = {"name": name}
    if params:
        m["params"] = params
    if first_ms is not None:
        m["firstMs"] = first_ms
    m.update({"timesMs": list(times_ms), "median": quantile(s, 0.5), "p10": quantile(s, 0.1), "p90": quantile(s, 0.9)})
    return m


def dispatch_measurements(n, ops, many, fused, settings, sync=None):
    """The op-overhead pair at one size: `ops` small ops one by one, then one op over them all.
    The names are the browser's (src/lib/experiments/dispatch/run.ts): compare.ts matches
    measurements across runners by name."""
    first_m, many_ms = time_runs(many, settings["warmup"], settings["steps"], sync)
    first_f, fused_ms = time_runs(fused, settings["warmup"], settings["steps"], sync)
    return [
        measurement(f"many_n{n}", many_ms, first_ms=first_m, params={"n": n, "ops": ops}),
        measurement(f"fused_n{n}", fused_ms, first_ms=first_f, params={"n": n, "ops": ops}),
    ]


def final_loss(losses):
    last = losses[-10:]
    return float(sum(last) / len(last))


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib():
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return round(pages * size / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return 0.1


def _os_name():
    kernel = f"{platform.system()} {platform.release()}"
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip('"')
                return f"{pretty} ({kernel})"
    except OSError:
        pass
    return kernel


def device_label(gpu):
    return f"GPU: {gpu}" if gpu else f"CPU: {_cpu_model()}"


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def provenance(date, libraries, gpu=None):
    """Machine, software and repository facts; no host name. TFC_GIT_COMMIT stands in where the
    copy has no .git (a GPU machine given a plain copy of the working tree)."""
    commit = git("rev-parse", "HEAD") or os.environ.get("TFC_GIT_COMMIT")
    if not commit:
        raise BenchError("no git commit: run inside the repository or set TFC_GIT_COMMIT")
    dirty = git("status", "--porcelain", "--untracked-files=no")
    p = {
        "date": date,
        "cpu": {"model": _cpu_model(), "cores": os.cpu_count() or 1},
        "memoryGiB": _memory_gib(),
        "os": _os_name(),
        "runtime": {"name": "python", "version": platform.python_version()},
        "libraries": {"numpy": np.__version__, **libraries},
        "command": " ".join(["python3", str(Path(sys.argv[0]).resolve().relative_to(ROOT)), *sys.argv[1:]]),
        "gitCommit": commit,
        "gitDirty": bool(dirty) if dirty is not None else os.environ.get("TFC_GIT_DIRTY") == "1",
    }
    if gpu:
        p["gpu"] = gpu
    if hasattr(os, "getloadavg"):
        p["loadAverage1m"] = round(os.getloadavg()[0], 2)
    return p


def now_utc():
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def file_stamp(date):
    """The date as file names carry it: to the second, and no colons, which Windows file names cannot hold."""
    return date[:19].replace(":", "-") + "Z"


def result_file_name(result):
    return f"{result['workload']}--{result['runner']}--{result['mode']}--{file_stamp(result['provenance']['date'])}.json"


def write_json(data, name, out_dir, dry_run=False):
    """Writes data as out_dir/name; returns what to print: the path, or the name and that it was not written."""
    if dry_run:
        return f"{name} (not written)"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return str(path)


def write_result(result, out_dir, dry_run=False):
    return write_json(result, result_file_name(result), out_dir, dry_run)


def make_result(workload, framework, version, mode, backend, settings, prov, measurements, loss=None, notes=None):
    r = {
        "format": FORMAT,
        "workload": workload["id"],
        "origin": "server",
        "runner": "python",
        "framework": {"name": framework, "version": version},
        "mode": mode,
        "backend": backend,
        "settings": settings,
        "provenance": prov,
        "measurements": measurements,
    }
    if loss is not None:
        r["finalLoss"] = loss
    if notes:
        r["notes"] = notes
    return r


def arg_parser(description, modes):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--workload", action="append", required=True, help=f"workload id or 'all' (repeatable): {', '.join(workload_ids())}")
    p.add_argument("--mode", action="append", choices=modes, help=f"default: all of {', '.join(modes)}")
    p.add_argument("--steps", type=int, help="override the workload's steps (recorded as a deviation)")
    p.add_argument("--warmup", type=int, help="override the workload's warm-ups (recorded as a deviation)")
    p.add_argument("--out", default=str(RESULTS_DIR), help="directory for result files (default: benchmarks/results)")
    p.add_argument("--dry-run", action="store_true", help="run, but write nothing")
    return p


def expand_workloads(names):
    ids = workload_ids()
    out = []
    for n in names:
        out.extend(ids if n == "all" else [n])
    for n in out:
        if n not in ids:
            raise BenchError(f"unknown workload {n!r}; known: {', '.join(ids)}")
    return out


def description(doc):
    """A script's --help description: the first paragraph of its docstring."""
    return doc.split("\n\n")[0]


def require(module, hint):
    """Imports a framework, or stops with a message naming this interpreter: the usual cause is a
    python3 on PATH other than the one the framework is installed for."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise BenchError(f"this interpreter ({sys.executable}) cannot import {module}: {e}; {hint}")


@dataclass
class Context:
    args: argparse.Namespace
    framework: object  # the imported module
    ids: list
    modes: list


def start(doc, modes, module, hint="no result written", add_options=None):
    """The prologue of a workload runner: its options parsed, its framework imported (before the
    workload names are checked, so a machine without it says that first) and the workloads named."""
    parser = arg_parser(description(doc), modes)
    if add_options:
        add_options(parser)
    args = parser.parse_args()
    framework = require(module, hint)
    return Context(args, framework, expand_workloads(args.workload), args.mode or modes)


@dataclass
class Framework:
    """What a runner's results say of its framework and of the device it ran on."""

    name: str
    version: str
    libraries: dict
    backend: dict
    gpu: str = None
    # mode -> why this install cannot run it: the mode is reported and skipped, not failed.
    missing_modes: dict = field(default_factory=dict)


def run_workloads(ctx, fw, run, print_loss=False):
    """Every mode on every workload: run(workload, model_spec, settings, mode) returns
    (measurements, final loss or None), and each pair gets a result file."""
    args = ctx.args
    for mode in ctx.modes:
        if mode in fw.missing_modes:
            print(f"{mode}: {fw.missing_modes[mode]}; no result written for this mode")
            continue
        for wid in ctx.ids:
            workload, model_spec = get_workload(wid)
            settings = settings_for(workload, args.steps, args.warmup)
            # Provenance is taken as each run starts, so its load average is the run's own.
            prov = provenance(now_utc(), fw.libraries, fw.gpu)
            measurements, loss = run(workload, model_spec, settings, mode)
            result = make_result(workload, fw.name, fw.version, mode, fw.backend, settings, prov, measurements, loss)
            where = write_result(result, args.out, args.dry_run)
            summary = ", ".join(f"{m['name']} {m['median']:.3f} ms" for m in measurements)
            loss_text = f", final loss {loss:.4f}" if print_loss and loss is not None else ""
            print(f"{wid} {mode}: {summary}{loss_text} -> {where}")


def main_guard(fn):
    try:
        fn()
    except BenchError as e:
        print(f"{Path(sys.argv[0]).name}: {e}", file=sys.stderr)
        sys.exit(2)
