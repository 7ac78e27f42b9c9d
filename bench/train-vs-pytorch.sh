#!/usr/bin/env bash
# Training throughput of mcs and PyTorch on the same networks and data, interleaved in one run
# so the figures compare (this machine's load varies). Needs Debian's python3-torch.
#   bench/train-vs-pytorch.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-2}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
for r in $(seq 1 "$rounds"); do
  for net in lenet5 lenet300; do
    # mcs: the second epoch's line (the first includes JIT warm-up)
    "$root/mcs" -e "d = dataset(\"fashion-mnist\")
m = $net() | train(d, epochs=2)" 2>&1 >/dev/null \
      | sed -n "s/^train epoch 2\/2: .*, \([0-9,]*\) samples\/s.*/mcs $net samples_per_s \1/p" | tr -d ,
    /usr/bin/python3 "$root/bench/pytorch_train.py" "$net" "$OMP_NUM_THREADS"
  done
done
