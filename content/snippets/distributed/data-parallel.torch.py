# PyTorch: DistributedDataParallel, one process per device. Here two
# CPU processes on this machine with the gloo backend (use "nccl" and
# one process per GPU on a GPU machine, usually started by torchrun).
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP


def train(rank, world_size):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = "29517"
    dist.init_process_group("gloo", rank=rank, world_size=world_size)
    torch.manual_seed(rank)  # different on purpose: DDP syncs them
    net = DDP(nn.Sequential(nn.Linear(784, 128), nn.ReLU(),
                            nn.Linear(128, 10)))
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    for step in range(5):
        g = torch.Generator().manual_seed(step)
        X = torch.rand(64, 784, generator=g)  # this step's global batch
        y = torch.randint(0, 10, (64,), generator=g)
        mine = slice(rank * 32, rank * 32 + 32)  # this rank's half
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(X[mine]), y[mine])
        loss.backward()  # gradients are all-reduced during backward
        opt.step()
    flat = torch.cat([p.detach().flatten() for p in net.parameters()])
    copies = [torch.empty_like(flat) for _ in range(world_size)]
    dist.all_gather(copies, flat)
    if rank == 0:
        diff = max((c - copies[0]).abs().max().item() for c in copies)
        print(f"ranks agree to {diff} after 5 steps")
        assert diff == 0.0
    dist.destroy_process_group()


if __name__ == "__main__":
    mp.spawn(train, args=(2,), nprocs=2)
