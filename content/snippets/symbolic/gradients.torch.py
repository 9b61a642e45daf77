# PyTorch: every op on a tensor that requires grad is recorded as it
# runs; backward() walks that record in reverse.
import torch

w = torch.tensor([[0.5], [-0.3]], requires_grad=True)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
loss = torch.tanh(x @ w).pow(2).mean()
print(loss.grad_fn)  # the last node of the recorded graph
loss.backward()      # frees the record unless retain_graph=True
print(w.grad)


# Check one entry against a central finite difference.
def loss_at(v):
    return torch.tanh(x @ v).pow(2).mean().item()


eps = 1e-3
e = torch.tensor([[eps], [0.0]])
with torch.no_grad():
    numeric = (loss_at(w + e) - loss_at(w - e)) / (2 * eps)
print('autograd', w.grad[0, 0].item(), 'finite difference', numeric)
