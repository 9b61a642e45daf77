# PyTorch: a Module owns its parameters; the training loop is ours.
# Random digits stand in for MNIST here, so the snippet runs offline;
# torchvision.datasets.MNIST gives the real ones.
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
num_epochs, batch_size, lr, hidden, shift = 8, 64, 0.003, 256, 1
X_train, y_train = torch.rand(512, 28, 28), torch.randint(0, 10, (512,))
X_test, y_test = torch.rand(128, 28, 28), torch.randint(0, 10, (128,))


class Windows(Dataset):  # 20x20 around the centre, moved up to shift px
    def __init__(self, images, labels, shift):
        self.images, self.labels, self.shift = images, labels, shift

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, k):
        i, j = torch.randint(4 - self.shift, 5 + self.shift, (2,)).tolist()
        return self.images[k, i:i + 20, j:j + 20].reshape(400), self.labels[k]


class Mlp(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = nn.Linear(400, hidden)
        self.out = nn.Linear(hidden, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


net = Mlp(hidden)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=lr)
loader = DataLoader(Windows(X_train, y_train, shift),
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
    predicted = net(X_test[:, 4:24, 4:24].reshape(-1, 400)).argmax(dim=1)
print('test accuracy', (predicted == y_test).float().mean().item())
