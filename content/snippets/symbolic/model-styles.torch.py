# PyTorch: nn.Sequential for stacks, an nn.Module subclass otherwise.
# There is no separate "functional model" API: forward() is the graph.
import torch
from torch import nn

seq = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 64)
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


net = Mlp()
# Same weights in both: copy the Sequential's parameters over.
net.hidden.load_state_dict(seq[0].state_dict())
net.out.load_state_dict(seq[2].state_dict())

x = torch.randn(32, 784)
with torch.no_grad():
    print('max difference', (net(x) - seq(x)).abs().max().item())
