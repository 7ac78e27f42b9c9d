#!/usr/bin/python3
"""Trains the same networks as mcs's lenet5() / lenet300() with PyTorch on the same data,
batch 128, Adam 1e-3, one epoch after a warm-up of 50 steps, and prints samples/s.

Usage: /usr/bin/python3 bench/pytorch_train.py lenet5|lenet300 [threads]
Needs Debian's python3-torch (apt-get install -y python3-torch).
"""
import gzip
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def model(name):
    if name == "lenet5":
        return nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(800, 500), nn.ReLU(),
                             nn.Linear(500, 10))
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100),
                         nn.ReLU(), nn.Linear(100, 10))


def main():
    name = sys.argv[1]
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    torch.manual_seed(0)
    x = torch.from_numpy(idx(DATA + "/train-images-idx3-ubyte.gz").astype(np.float32) / 255.0)
    x = x.reshape(-1, 1, 28, 28)
    y = torch.from_numpy(idx(DATA + "/train-labels-idx1-ubyte.gz").astype(np.int64))
    xt = torch.from_numpy(idx(DATA + "/t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0)
    yt = torch.from_numpy(idx(DATA + "/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    net = model(name)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    batch = 128
    steps = x.shape[0] // batch

    def step(perm, s):
        i = perm[s * batch:(s + 1) * batch]
        opt.zero_grad()
        loss = loss_fn(net(x[i]), y[i])
        loss.backward()
        opt.step()

    perm = torch.randperm(x.shape[0])
    for s in range(50):
        step(perm, s)
    perm = torch.randperm(x.shape[0])
    t0 = time.perf_counter()
    for s in range(steps):
        step(perm, s)
    dt = time.perf_counter() - t0
    with torch.no_grad():
        acc = (net(xt.reshape(-1, 1, 28, 28)).argmax(1) == yt).float().mean().item()
    print(f"pytorch {name} samples_per_s {steps * batch / dt:.0f} test_acc {acc:.4f}")


if __name__ == "__main__":
    main()
