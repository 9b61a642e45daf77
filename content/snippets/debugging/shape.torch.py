# PyTorch: the wrong weight fails inside the op, on the line that
# calls it, with both shapes in the message. Nothing later has run.
import torch

torch.manual_seed(0)
x = torch.rand(8, 784)                  # a batch of 28x28 images
net = torch.nn.Sequential(
    torch.nn.Linear(32 * 32, 64),       # bug: sized for 32x32 images
    torch.nn.ReLU(),
    torch.nn.Linear(64, 10))

try:
    logits = net(x)
except RuntimeError as e:
    print("RuntimeError:", e)           # mat1 and mat2 shapes ...

# In a debugger (python -m pdb, or breakpoint() above the call) the
# failing frame is the Linear layer's forward, with x and the weight
# there to inspect: x.shape, net[0].weight.shape.
print("x:", tuple(x.shape), "weight:", tuple(net[0].weight.shape))
