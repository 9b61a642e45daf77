# PyTorch: parameters belong to the module that creates them;
# calling the same module twice shares them.
import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense1 = nn.Linear(784, 64)
        self.dense2 = nn.Linear(64, 16)

    def forward(self, x):
        return self.dense2(torch.relu(self.dense1(x)))


torch.manual_seed(0)
tower = Tower()
xa, xb = torch.rand(8, 784), torch.rand(8, 784)
score = (tower(xa) * tower(xb)).sum(dim=1)
score.sum().backward()  # one gradient per parameter, summed over
assert len(list(tower.parameters())) == 4  # both calls
print(score.shape, len(list(tower.parameters())))
