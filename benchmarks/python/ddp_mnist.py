"""Synchronous data-parallel training of the MNIST MLP with PyTorch DistributedDataParallel.

The same job as the in-page data-parallel experiment (src/lib/experiments/data-parallel): one
784-hidden-10 MLP, a fixed global batch cut evenly between the processes, Adam, the MNIST subset
in public/data/mnist. Each process is one gloo rank on this machine's CPU, with one intra-op
thread, so P processes use P cores as the browser's P workers do. Every process count is run in
turn (1 first: the baseline for scaling efficiency), and each run ends by checking that every rank
holds the same weights. Writes one JSON file into benchmarks/results/distributed/.

    python3 benchmarks/python/ddp_mnist.py                 # 1 and 2 processes, 200 steps
    python3 benchmarks/python/ddp_mnist.py --processes 1,2,4 --steps 50
"""
import argparse
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402

FORMAT = "tfc-ddp-result-v1"
OUT_DIR = bc.RESULTS_DIR / "distributed"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=bc.description(__doc__))
    p.add_argument("--processes", default="1,2", help="comma-separated process counts; 1 is added if missing (default: 1,2)")
    p.add_argument("--steps", type=int, default=200, help="training steps per run, first and warm-ups included (default: 200)")
    p.add_argument("--warmup", type=int, default=5, help="steps after the first left out of the timing (default: 5)")
    p.add_argument("--global-batch", type=int, default=256, help="examples per step over all processes (default: 256)")
    p.add_argument("--hidden", type=int, default=128, help="hidden units (default: 128)")
    p.add_argument("--lr", type=float, default=0.002, help="Adam learning rate (default: 0.002)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default=str(OUT_DIR), help="directory for the result file (default: benchmarks/results/distributed)")
    p.add_argument("--dry-run", action="store_true", help="run, but write nothing")
    a = p.parse_args(argv)
    try:
        counts = sorted({int(x) for x in a.processes.split(",") if x.strip()} | {1})
    except ValueError:
        raise bc.BenchError(f"--processes must be whole numbers separated by commas, got {a.processes!r}")
    if counts[0] < 1 or counts[-1] > 64:
        raise bc.BenchError("process counts must be between 1 and 64")
    if a.global_batch % counts[-1] and any(a.global_batch % c for c in counts):
        raise bc.BenchError(f"a global batch of {a.global_batch} does not split evenly over {counts} processes")
    bc.check_timed_steps(a.steps, a.warmup)
    a.counts = counts
    return a


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rank_main(rank, world, port, a, queue):
    import torch
    import torch.distributed as dist
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel as DDP

    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world)
    try:
        torch.manual_seed(a.seed)
        model = nn.Sequential(nn.Linear(784, a.hidden), nn.ReLU(), nn.Linear(a.hidden, 10))
        with torch.no_grad():
            nn.init.normal_(model[0].weight, std=(2 / 784) ** 0.5)
            nn.init.normal_(model[2].weight, std=(1 / a.hidden) ** 0.5)
            model[0].bias.zero_()
            model[2].bias.zero_()
        # DDP broadcasts rank 0's weights at construction, and all-reduces (averages) gradients
        # in buckets during backward, overlapping communication with the rest of backward.
        ddp = DDP(model)
        opt = torch.optim.Adam(ddp.parameters(), lr=a.lr)
        loss_fn = nn.CrossEntropyLoss()
        images, labels = bc.load_mnist("train")
        # Every rank draws the same global batch and keeps its slice, as DistributedSampler would.
        lo, hi = rank * a.global_batch // world, (rank + 1) * a.global_batch // world
        data = bc.batches(images, labels, a.global_batch, a.seed + 1)
        times, losses = [], []
        for _ in range(a.steps):
            x, y = next(data)
            x, y = torch.from_numpy(x[lo:hi]), torch.from_numpy(y[lo:hi])
            t0 = time.perf_counter()
            opt.zero_grad()
            loss = loss_fn(ddp(x), y)
            loss.backward()
            opt.step()
            # The global mean loss, as the live experiment reports it.
            total = loss.detach().clone()
            dist.all_reduce(total)
            losses.append(total.item() / world)
            times.append((time.perf_counter() - t0) * 1000)
        flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
        gathered = [torch.empty_like(flat) for _ in range(world)]
        dist.all_gather(gathered, flat)
        diff = max(float((g - gathered[0]).abs().max()) for g in gathered)
        if rank == 0:
            test_x, test_y = bc.load_mnist("test")
            with torch.no_grad():
                pred = model(torch.from_numpy(test_x)).argmax(1)
            acc = float((pred == torch.from_numpy(test_y)).float().mean())
            queue.put({"times": times, "losses": losses, "maxWeightDiff": diff, "testAccuracy": acc})
    finally:
        dist.destroy_process_group()


def run_world(world, a):
    import torch.multiprocessing as mp

    ctx = mp.get_context("spawn")
    queue = ctx.SimpleQueue()
    mp.start_processes(rank_main, args=(world, free_port(), a, queue), nprocs=world, join=True, start_method="spawn")
    if queue.empty():
        raise bc.BenchError(f"the {world}-process run returned no result")
    return queue.get()


def main():
    a = parse_args()
    torch = bc.require("torch", "try /usr/bin/python3 or set PYTHON")

    date = bc.now_utc()
    prov = bc.provenance(date, {"torch": torch.__version__})
    runs = []
    for world in a.counts:
        r = run_world(world, a)
        step = bc.measurement("step", r["times"][1 + a.warmup :], first_ms=r["times"][0])
        runs.append(
            {
                "processes": world,
                "measurement": step,
                "stepsPerS": 1000 / step["median"],
                "finalLoss": bc.final_loss(r["losses"]),
                "maxWeightDiff": r["maxWeightDiff"],
                "testAccuracy": r["testAccuracy"],
            }
        )
        print(f"{world} process(es): {runs[-1]['stepsPerS']:.1f} steps/s, weights differ by {r['maxWeightDiff']}, accuracy {r['testAccuracy']:.3f}")
    base = runs[0]["stepsPerS"]
    for r in runs:
        r["speedup"] = r["stepsPerS"] / base
        r["scalingEfficiency"] = r["speedup"] / r["processes"]
    result = {
        "format": FORMAT,
        "framework": {"name": "pytorch", "version": torch.__version__},
        "engine": "torch.nn.parallel.DistributedDataParallel",
        "backend": {"name": "gloo", "device": "cpu", "threadsPerProcess": 1},
        "settings": {
            "globalBatch": a.global_batch,
            "hidden": a.hidden,
            "steps": a.steps,
            "warmup": a.warmup,
            "learningRate": a.lr,
            "seed": a.seed,
            "dtype": "float32",
        },
        "provenance": prov,
        "runs": runs,
    }
    print(bc.write_json(result, f"ddp-mnist-mlp--python--gloo--{bc.file_stamp(date)}.json", a.out, a.dry_run))


if __name__ == "__main__":
    bc.main_guard(main)
