"""Runs one converted TF2 program as a smoke test: stub data, loops capped, first error reported.

Called by benchmarks/migrate-corpus-run.ts, once per fully converted corpus file:

    python benchmarks/migrate_corpus_run.py PROGRAM.py --cap 30 --long 150

The program runs as __main__ in its own working directory, unchanged, with these things around it:
- tf.keras.datasets' loaders return seeded random arrays of the real shapes and dtypes (nothing here can
  download), and the few local files the programs read (text8.zip, input.txt) are written first;
- a `range(...)` of more than --long values is cut to its first --cap values, so a 10,000-step loop runs a
  few dozen steps (the program's other code paths, evaluation after the loop included, run as written);
  shorter ranges, which fill batches and arrays (`for i in range(BATCH)`), are left whole;
- oneDNN is off (TF_ENABLE_ONEDNN_OPTS=0): TF 2.21's oneDNN convolution on CPU rejects an empty batch
  ("input depth must be evenly divisible by filter depth"), which multigpu_cnn.py's second tower gets when
  a test chunk fills only the first; TF's own kernels return an empty result, as TF1 did;
- matplotlib draws to the Agg backend, and `plt.show()` / `plt.waitforbuttonpress()` return at once;
- Python 2's `xrange`, which two of the 2017 programs still call, means the same capped range.
Its last line on stdout is one JSON object: {"status": "ok" | "error", "error": ..., "seconds": ...}.
"""

import argparse
import json
import os
import random
import runpy
import sys
import time
import traceback
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

RESULT_PREFIX = "MIGRATE-RUN-RESULT "


def stub_datasets(rng: np.random.Generator) -> None:
    def images(n, shape):
        return rng.integers(0, 256, size=(n, *shape), dtype=np.uint8)

    def mnist_like(**_):
        # Past read_data_sets' 5,000-image validation split, enough training images for the largest
        # batch a program asks for (multigpu_cnn.py: 2 towers of 1,024).
        return (images(7500, (28, 28)), rng.integers(0, 10, 7500).astype(np.uint8)), (
            images(1000, (28, 28)),
            rng.integers(0, 10, 1000).astype(np.uint8),
        )

    def cifar10(**_):
        return (images(2000, (32, 32, 3)), rng.integers(0, 10, (2000, 1)).astype(np.uint8)), (
            images(500, (32, 32, 3)),
            rng.integers(0, 10, (500, 1)).astype(np.uint8),
        )

    def imdb(num_words=10000, **_):
        def reviews(n):
            out = np.empty(n, dtype=object)
            for i in range(n):
                out[i] = list(rng.integers(1, num_words, rng.integers(20, 300)))
            return out

        return (reviews(1000), rng.integers(0, 2, 1000)), (reviews(500), rng.integers(0, 2, 500))

    tf.keras.datasets.mnist.load_data = mnist_like
    tf.keras.datasets.fashion_mnist.load_data = mnist_like
    tf.keras.datasets.cifar10.load_data = cifar10
    tf.keras.datasets.imdb.load_data = imdb


def write_local_files(rng: np.random.Generator) -> None:
    # The word2vec programs look up these words after training, so the stub text must hold them.
    words = ["five", "of", "going", "hardware", "american", "britain"] + [f"w{i}" for i in range(400)]
    text = " ".join(random.Random(0).choices(words, k=30000))
    with zipfile.ZipFile("text8.zip", "w") as z:
        z.writestr("text8", text)
    with open("text8", "w") as f:
        f.write(text)
    with open("input.txt", "w") as f:
        f.write("".join(random.Random(1).choices("abcdefghij klmnop\n", k=20000)))


def quiet_matplotlib() -> None:
    import matplotlib.pyplot as plt

    plt.show = lambda *a, **k: None
    plt.waitforbuttonpress = lambda *a, **k: True


def capped(cap: int, long: int):
    def capped_range(*args):
        r = range(*args)
        return r[:cap] if len(r) > long else r

    return capped_range


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("--cap", type=int, default=30)
    parser.add_argument("--long", type=int, default=150)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    stub_datasets(rng)
    write_local_files(rng)
    quiet_matplotlib()
    tf.random.set_seed(0)
    sys.argv = [args.program]
    started = time.perf_counter()
    result = {"status": "ok", "error": None}
    try:
        runpy.run_path(args.program, init_globals={"range": capped(args.cap, args.long), "xrange": capped(args.cap, args.long)}, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            result = {"status": "error", "error": f"SystemExit({e.code!r})"}
    except BaseException as e:  # noqa: BLE001 - the point is to report any failure of the program
        frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == args.program]
        line = frames[-1].lineno if frames else None
        # A tf.function's error (StagingError) puts the cause on its message's last line.
        lines = [x.strip() for x in f"{type(e).__name__}: {e}".splitlines() if x.strip()]
        message = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
        result = {"status": "error", "error": message[:400], "line": line}
        traceback.print_exc()
    result["seconds"] = round(time.perf_counter() - started, 2)
    sys.stdout.flush()
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
