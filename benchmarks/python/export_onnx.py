#!/usr/bin/env python3
"""Train a small MNIST CNN with PyTorch, export it to ONNX, and record PyTorch's own outputs.

The deployment chapter runs the exported model in the reader's browser with onnxruntime-web and
compares its logits with the ones written here, so the parity figure on the page is PyTorch's
numbers against ONNX Runtime's, on the same inputs.

Reads the MNIST subset that `npm run data` writes to public/data/mnist/ (so PyTorch trains on the
very bytes the browser uses), and writes public/models/mnist-cnn-torch/{model.onnx,reference.json}.
Run: /usr/bin/python3 benchmarks/python/export_onnx.py [--epochs N] [--seed S] [--out DIR]
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common as bc  # noqa: E402

DEFAULT_OUT = os.path.join(bc.ROOT, 'public', 'models', 'mnist-cnn-torch')
REFERENCE_BATCH = 64  # the first test images, whose logits are recorded


def parse_args(argv):
    p = argparse.ArgumentParser(description=bc.description(__doc__))
    p.add_argument('--epochs', type=int, default=10, help='training epochs over the 10k subset (1-50, default 10)')
    p.add_argument('--seed', type=int, default=1, help='torch.manual_seed (default 1)')
    p.add_argument('--out', default=DEFAULT_OUT, help='output directory (default public/models/mnist-cnn-torch)')
    args = p.parse_args(argv)
    if not 1 <= args.epochs <= 50:
        p.error('--epochs must be between 1 and 50')
    return args


def load_split(torch, name):
    images, labels = bc.load_mnist(name)
    return torch.from_numpy(images).reshape(-1, 1, 28, 28), torch.from_numpy(labels)


def main(argv):
    args = parse_args(argv)
    torch = bc.require('torch', 'on Debian: apt-get install python3-torch, run /usr/bin/python3')
    from torch import nn

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    x_train, y_train = load_split(torch, 'train')
    x_test, y_test = load_split(torch, 'test')

    # The same layer sizes as the browser's own MNIST CNN, small enough to commit (about 21 KB).
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 10),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    started = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()
    train_seconds = time.perf_counter() - started

    model.eval()
    with torch.no_grad():
        test_logits = model(x_test)
        accuracy = (test_logits.argmax(1) == y_test).float().mean().item()
        reference = model(x_test[:REFERENCE_BATCH])

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, 'model.onnx')
    torch.onnx.export(
        model, x_test[:1], onnx_path, input_names=['image'], output_names=['logits'],
        dynamic_axes={'image': {0: 'batch'}, 'logits': {0: 'batch'}}, opset_version=13,
    )
    with open(onnx_path, 'rb') as f:
        model_bytes = f.read()

    result = {
        'format': 'tfc-onnx-reference-v1',
        'model': 'model.onnx',
        'modelBytes': len(model_bytes),
        'modelSha256': hashlib.sha256(model_bytes).hexdigest(),
        'input': {'name': 'image', 'shape': [REFERENCE_BATCH, 1, 28, 28], 'source': f'first {REFERENCE_BATCH} images of the test split, pixels / 255'},
        'output': {'name': 'logits', 'shape': [REFERENCE_BATCH, 10]},
        'logits': [[float(v) for v in row] for row in reference.tolist()],
        'pytorchTestAccuracy': accuracy,
        'testCount': len(y_test),
        'train': {'epochs': args.epochs, 'batch': 64, 'optimizer': 'Adam lr 1e-3', 'seed': args.seed, 'seconds': round(train_seconds, 2)},
        'provenance': {
            'command': ' '.join(['python3', 'benchmarks/python/export_onnx.py', *argv]),
            'torch': torch.__version__,
            'python': platform.python_version(),
            'opset': 13,
            'machine': f'{platform.machine()} {platform.processor() or ""}'.strip(),
            'cpuCount': os.cpu_count(),
            'os': f'{platform.system()} {platform.release()}',
            'gitCommit': bc.git('rev-parse', 'HEAD') or 'unknown',
            'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
        },
    }
    with open(os.path.join(args.out, 'reference.json'), 'w') as f:
        # One line per logits row keeps the file small and its diffs readable.
        text = json.dumps({k: v for k, v in result.items() if k != 'logits'}, indent=1)
        rows = ',\n  '.join(json.dumps(row) for row in result['logits'])
        f.write(text[:-2] + f',\n "logits": [\n  {rows}\n ]\n}}\n')
    print(f'export_onnx: test accuracy {accuracy:.4f} on {len(y_test)} images after {args.epochs} epochs ({train_seconds:.1f} s); '
          f'{onnx_path} is {len(model_bytes)} bytes')


if __name__ == '__main__':
    bc.main_guard(lambda: main(sys.argv[1:]))
