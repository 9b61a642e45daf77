# PyTorch: a Module owns its parameters; the training loop is ours.
# Random digits stand in for MNIST here, so the snippet runs offline;
# torchvision.datasets.MNIST gives the real ones.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
num_epochs, batch_size, lr, hidden = 4, 32, 0.1, 128
X_train, y_train = torch.rand(512, 784), torch.randint(0, 10, (512,))
X_test, y_test = torch.rand(128, 784), torch.randint(0, 10, (128,))


class Mlp(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = nn.Linear(784, hidden)
        self.out = nn.Linear(hidden, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


net = Mlp(hidden)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=lr)
loader = DataLoader(TensorDataset(X_train, y_train),
                    batch_size=batch_size, shuffle=True)

for epoch in range(num_epochs):
    for X, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(net(X), y)
        loss.backward()
        optimizer.step()
    print('epoch', epoch, 'loss', loss.item())

net.eval()
with torch.no_grad():
    predicted = net(X_test).argmax(dim=1)
print('test accuracy', (predicted == y_test).float().mean().item())
