# PyTorch: save the weights (state_dict), load them into a fresh
# module of the same class, and check the predictions match.
import io

import torch
from torch import nn


def make_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(),
                         nn.Linear(64, 10))


torch.manual_seed(0)
model = make_model().eval()
x = torch.rand(8, 1, 28, 28)

buffer = io.BytesIO()  # or a path: torch.save(..., "mnist.pt")
torch.save(model.state_dict(), buffer)
buffer.seek(0)

reloaded = make_model().eval()  # the code defines the architecture
reloaded.load_state_dict(torch.load(buffer))

with torch.no_grad():
    difference = (model(x) - reloaded(x)).abs().max().item()
print(f"largest difference after reload: {difference}")
assert difference == 0.0
