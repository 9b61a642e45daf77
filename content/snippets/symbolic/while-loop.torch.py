# PyTorch: a Python loop that reads a value back each turn (.item()).
# torch.compile (PyTorch 2.x) would split its graph at that read, a
# "graph break"; the loop itself stays Python.
import torch

tol, max_iter = 1e-5, 100


def newton_sqrt(a):
    x, i = a.clone(), 0
    while True:
        nxt = 0.5 * (x + a / x)
        change = ((nxt - x).abs() / nxt).max().item()  # device -> host
        x, i = nxt, i + 1
        if change <= tol or i >= max_iter:
            return x, i


if hasattr(torch, 'compile'):  # PyTorch >= 2.0
    newton_sqrt = torch.compile(newton_sqrt)
print(newton_sqrt(torch.tensor([2.0, 9.0, 1e4])))
