# PyTorch: eager, so pdb or any IDE debugger stops on any line. A NaN
# is not an error, though: it flows on until something checks for it.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randint(0, 256, (8, 784)).float()  # bug: pixels not scaled
y = F.one_hot(torch.randint(0, 10, (8,)), 10).float()
net = torch.nn.Sequential(
    torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))

p = torch.softmax(net(x), dim=1)
log_p = torch.log(p)                    # bug: log(0) is -inf
loss = -(y * log_p).sum(dim=1).mean()   # and 0 * -inf is nan
print("loss:", loss.item(), "(nothing raised)")

# A check right after the op, like tf.debugging.check_numerics:
print("log_p all finite:", torch.isfinite(log_p).all().item())

# Anomaly mode: backward raises at the op whose gradient is nan and
# prints the traceback of the forward line that made that op. Slow:
# use it while debugging only.
with torch.autograd.detect_anomaly():
    loss = -(y * torch.log(torch.softmax(net(x), 1))).sum(1).mean()
    try:
        loss.backward()
    except RuntimeError as e:
        print("RuntimeError:", str(e).splitlines()[0])

# The fix: scaled inputs and a fused loss that works on the logits.
loss = F.cross_entropy(net(x / 255), y.argmax(dim=1))
print("fixed loss:", round(loss.item(), 4))
