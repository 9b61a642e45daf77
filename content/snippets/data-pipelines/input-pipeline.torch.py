# PyTorch: a Dataset says how to get example i; a DataLoader samples,
# loads in worker processes, collates into batches, and can pin
# host memory for faster copies to a GPU.
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class ShiftedDigits(Dataset):
    def __init__(self, n):
        self.images = torch.rand(n, 1, 28, 28)
        self.labels = torch.randint(0, 10, (n,))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):  # runs in a worker process
        dx, dy = torch.randint(-2, 3, (2,)).tolist()
        # a shift of up to 2 pixels (roll wraps round at the edge)
        image = torch.roll(self.images[i], (dy, dx), dims=(1, 2))
        return image, self.labels[i]


if __name__ == "__main__":  # workers re-import this file on spawn
    loader = DataLoader(
        ShiftedDigits(512), batch_size=64,
        shuffle=True,             # a RandomSampler, new order per epoch
        num_workers=2,            # two processes run __getitem__
        prefetch_factor=2,        # batches queued per worker
        persistent_workers=True,  # keep workers between epochs
        pin_memory=torch.cuda.is_available())
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64),
                          nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for epoch in range(2):
        for x, y in loader:  # default collate stacks the examples
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    print(f"last batch loss: {loss.item():.3f}")
