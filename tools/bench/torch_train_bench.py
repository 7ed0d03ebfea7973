#!/usr/bin/python3
"""PyTorch twin of `neurofm bench train`: the same pre-LN encoder, loss, optimizer and clipping.

Linear(features, d) -> nn.TransformerEncoder of nn.TransformerEncoderLayer(norm_first=True,
activation="gelu", batch_first=True, dropout=0) -> Linear(d, features); MSE against a fixed random
target; AdamW (lr 1e-4, PyTorch defaults otherwise except weight decay 0.01 on every parameter,
the plain torch.optim way); clip_grad_norm_(1.0). Prints one JSON line with the same field names.

Run with Debian's PyTorch 1.13: /usr/bin/python3 tools/bench/torch_train_bench.py [--threads 2]
"""
import argparse
import json
import time

import torch
from torch import nn


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--ff", type=int, default=1024)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--features", type=int, default=200)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    layer = nn.TransformerEncoderLayer(a.d_model, a.heads, a.ff, dropout=0.0, activation="gelu",
                                       batch_first=True, norm_first=True)
    model = nn.Sequential(nn.Linear(a.features, a.d_model), nn.TransformerEncoder(layer, a.layers),
                          nn.Linear(a.d_model, a.features))
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    x = torch.randn(a.batch, a.seq, a.features)
    target = torch.randn(a.batch, a.seq, a.features)
    loss_fn = nn.MSELoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), target)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        # read the loss and norm like our loop does (one host read per step)
        return float(loss), float(norm)

    for _ in range(a.warmup):
        step()
    durations = []
    start = time.perf_counter()
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        durations.append(time.perf_counter() - t0)
    step_ms = (time.perf_counter() - start) * 1e3 / a.steps
    print(json.dumps({
        "impl": "pytorch-" + torch.__version__, "d_model": a.d_model, "layers": a.layers, "heads": a.heads,
        "ff": a.ff, "seq": a.seq, "batch": a.batch, "features": a.features,
        "parameters": sum(t.numel() for t in model.parameters()), "steps": a.steps, "warmup": a.warmup,
        "threads": a.threads, "step_ms": round(step_ms, 2), "min_step_ms": round(min(durations) * 1e3, 2),
        "tokens_per_s": round(a.batch * a.seq / (step_ms / 1e3), 1)}))


if __name__ == "__main__":
    main()
