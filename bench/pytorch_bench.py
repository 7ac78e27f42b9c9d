#!/usr/bin/python3
"""The PyTorch side of `mcs bench --compare-pytorch`: the same workloads as mcs's bench suites,
printed as `name value unit` lines with the same names.

Usage: /usr/bin/python3 bench/pytorch_bench.py train|infer|compression [threads]
Needs Debian's python3-torch (apt-get install python3-torch) and Fashion-MNIST in
/usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist) for `train`.

- train: LeNet-5 (Caffe) and LeNet-300-100, batch 128, Adam 1e-3, samples/s of one epoch after
  a 50-step warm-up.
- infer: LeNet-5 median forward latency at batch 1 and 256: dense; pruned 90% (zeros, dense
  compute); clustered to 16 centroids per kernel (dense compute); int8 by dynamic quantisation
  (torch.ao quantize_dynamic: the dense layers int8, the convolutions stay float); LeNet-5 with
  half of each convolution's filters removed (10 and 25 filters); dense and structured also at
  batch 32; a small VGG-style network (convnet()) dense and with half its filters, at batch 1,
  32 and 256 (mcs derives the structured models' latency shares from these lines).
- compression: 25.5 M He-normal weights in ResNet-50 shapes: global magnitude threshold for 50%
  (torch.kthvalue) and the masks; 1-D k-means (Lloyd, linear init, to convergence or 30
  iterations) with k=16 on every layer; per-channel int8 (torch.quantize_per_channel).
  Best of three runs after a warm-up (k-means: one run, no warm-up).
"""
import gzip
import math
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


def lenet(name, filters=(20, 50)):
    if name == "lenet5":
        a, b = filters
        return nn.Sequential(nn.Conv2d(1, a, 5), nn.MaxPool2d(2), nn.Conv2d(a, b, 5),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * b, 500), nn.ReLU(),
                             nn.Linear(500, 10))
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100),
                         nn.ReLU(), nn.Linear(100, 10))


def convnet(a=32, b=64):
    """mcs's bench convnet: 3x3 "same" convolutions a, a, pool, b, b, pool, dense 128, 10."""
    return nn.Sequential(nn.Conv2d(1, a, 3, padding=1), nn.ReLU(), nn.Conv2d(a, a, 3, padding=1),
                         nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(a, b, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(b, b, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(49 * b, 128), nn.ReLU(), nn.Linear(128, 10))


def report(name, value, unit):
    print(f"{name} {value:.6g} {unit}", flush=True)


def train():
    x = torch.from_numpy(idx(DATA + "/train-images-idx3-ubyte.gz").astype(np.float32) / 255.0)
    x = x.reshape(-1, 1, 28, 28)
    y = torch.from_numpy(idx(DATA + "/train-labels-idx1-ubyte.gz").astype(np.int64))
    batch = 128
    steps = x.shape[0] // batch
    for name in ("lenet5", "lenet300"):
        torch.manual_seed(0)
        net = lenet(name)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()

        def step(perm, s):
            i = perm[s * batch:(s + 1) * batch]
            opt.zero_grad()
            loss_fn(net(x[i]), y[i]).backward()
            opt.step()

        perm = torch.randperm(x.shape[0])
        for s in range(50):
            step(perm, s)
        perm = torch.randperm(x.shape[0])
        t0 = time.perf_counter()
        for s in range(steps):
            step(perm, s)
        report(f"train.{name}", steps * batch / (time.perf_counter() - t0), "samples/s")


def kmeans_1d(w, k=16, iterations=30):
    """Lloyd's k-means on the values of w, linear init; returns (centroids, indices)."""
    v = w.flatten()
    c = torch.linspace(float(v.min()), float(v.max()), k)
    idx_ = None
    for _ in range(iterations):
        c, _order = torch.sort(c)
        new = torch.bucketize(v, (c[1:] + c[:-1]) / 2)
        if idx_ is not None and torch.equal(new, idx_):
            break
        idx_ = new
        counts = torch.bincount(idx_, minlength=k).to(v.dtype)
        sums = torch.zeros(k).scatter_add_(0, idx_, v)
        c = torch.where(counts > 0, sums / counts.clamp(min=1), c)
    return c, idx_


def latency(net, batch):
    x = torch.rand(batch, 1, 28, 28)
    runs = 101 if batch == 1 else 31
    with torch.inference_mode():
        for _ in range(runs // 3):
            net(x)
        ms = []
        for _ in range(runs):
            t0 = time.perf_counter()
            net(x)
            ms.append((time.perf_counter() - t0) * 1e3)
    return sorted(ms)[runs // 2]


def infer():
    torch.manual_seed(1)
    dense = lenet("lenet5").eval()
    pruned = lenet("lenet5").eval()
    clustered = lenet("lenet5").eval()
    pruned.load_state_dict(dense.state_dict())
    clustered.load_state_dict(dense.state_dict())
    with torch.no_grad():
        for m in pruned:
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                keep = max(round(m.weight.numel() * 0.1), 1)
                t = m.weight.abs().flatten().kthvalue(m.weight.numel() - keep + 1).values
                m.weight.mul_((m.weight.abs() >= t).float())
        for m in clustered:
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                c, i = kmeans_1d(m.weight)
                m.weight.copy_(c[i].reshape(m.weight.shape))
    int8 = torch.ao.quantization.quantize_dynamic(dense, {nn.Linear}, dtype=torch.qint8)
    for kind, net in (("dense", dense), ("pruned", pruned), ("clustered", clustered),
                      ("int8", int8)):
        for batch in (1, 256):
            report(f"infer.lenet5-{kind}.b{batch}", latency(net, batch), "ms")
    report("infer.lenet5-dense.b32", latency(dense, 32), "ms")
    structured = lenet("lenet5", (10, 25)).eval()
    for batch in (1, 32, 256):
        report(f"infer.lenet5-structured.b{batch}", latency(structured, batch), "ms")
    for kind, net in (("dense", convnet()), ("structured", convnet(16, 32))):
        net.eval()
        for batch in (1, 32, 256):
            report(f"infer.convnet-{kind}.b{batch}", latency(net, batch), "ms")


def resnet50_shapes():
    shapes = [(64, 3, 7, 7)]
    cin = 64
    for w, blocks in ((64, 3), (128, 4), (256, 6), (512, 3)):
        for b in range(blocks):
            shapes += [(w, cin, 1, 1), (w, w, 3, 3), (4 * w, w, 1, 1)]
            if b == 0:
                shapes.append((4 * w, cin, 1, 1))
            cin = 4 * w
    shapes.append((1000, 2048))
    return shapes


def best_time(work, runs, warm_up=True):
    if warm_up:
        work()
    best = math.inf
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def compression():
    torch.manual_seed(1)
    ws = [torch.randn(s) * math.sqrt(2.0 / (math.prod(s) // s[0])) for s in resnet50_shapes()]

    def threshold():
        mags = torch.cat([w.abs().flatten() for w in ws])
        n = mags.numel()
        keep = max(round(n * 0.5), 1)
        t = mags.kthvalue(n - keep + 1).values
        return [w.abs() >= t for w in ws]

    def kmeans():
        return [kmeans_1d(w) for w in ws]

    def int8():
        out = []
        for w in ws:
            scales = (w.abs().flatten(1).amax(1) / 127).clamp(min=1e-12).double()
            zeros = torch.zeros(w.shape[0], dtype=torch.long)
            out.append(torch.quantize_per_channel(w, scales, zeros, 0, torch.qint8))
        return out

    report("compression.threshold", best_time(threshold, 3), "s")
    report("compression.kmeans16", best_time(kmeans, 1, warm_up=False), "s")
    report("compression.int8-per-channel", best_time(int8, 3), "s")


def blas_library():
    """The BLAS library this process has loaded for PyTorch (after a product ran)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line or "mkl" in line}
    return ", ".join(sorted(p for p in paths if p.startswith("/"))) or "unknown"


def main():
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    blas = blas_library()
    if not any(fast in blas for fast in ("openblas", "blis", "mkl")):
        print(f"pytorch_bench: PyTorch multiplies with {blas}, the slow reference BLAS; its "
              "figures are far below what it can do (apt-get install libopenblas0-pthread)",
              file=sys.stderr)
    {"train": train, "infer": infer, "compression": compression}[sys.argv[1]]()


if __name__ == "__main__":
    main()
