"""PyTorch 1.13 reference of the MEG-GPT GRU tokenizer acceptance run (issue 3).

Same design and split as io.neurofm.tokenize.gru.GruBenchmark: first 80% of eegmmidb_S001R01 and
capslpdb_brux2_100s, resampled to 250 Hz (scipy resample_poly), z-scored per channel with training
statistics; GRU(1->H) -> Linear(H->N) -> LayerNorm -> q = T*softmax + (1-T)*onehot(argmax) ->
conv1d(N->1, K) with same/causal padding; MSE; Adam; random 250-sample crops, batch 128.
Prints the loss every --log steps and a final JSON line (held-out median variance explained with
hard codes, live codes). Run: /usr/bin/python3 tools/reference/gru_tokenizer_reference.py --minutes 5
"""
import argparse, json, math, time
import numpy as np, mne, torch, torch.nn as nn, torch.nn.functional as F
from scipy.signal import resample_poly
from fractions import Fraction

p = argparse.ArgumentParser()
p.add_argument("--data", default="/work/shared/data/eeg")
p.add_argument("--minutes", type=float, default=5)
p.add_argument("--steps", type=int, default=0, help="fixed step count (anneal over steps) instead of time")
p.add_argument("--padding", default="same")
p.add_argument("--hidden", type=int, default=64); p.add_argument("--codes", type=int, default=64)
p.add_argument("--kernel", type=int, default=10); p.add_argument("--lr", type=float, default=3e-3)
p.add_argument("--batch", type=int, default=128); p.add_argument("--window", type=int, default=250)
p.add_argument("--usage", type=float, default=0.0); p.add_argument("--anneal", type=float, default=1.0,
               help="fraction of the run over which T falls 1 -> 0 (then T = 0)")
p.add_argument("--threads", type=int, default=1); p.add_argument("--seed", type=int, default=0)
p.add_argument("--log", type=int, default=100)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed); rng = np.random.default_rng(a.seed)

train, held = [], []
for name in ["eegmmidb_S001R01.edf", "capslpdb_brux2_100s.edf"]:
    raw = mne.io.read_raw_edf(f"{a.data}/{name}", preload=True, verbose="error")
    x = raw.get_data().astype(np.float64)
    fr = Fraction(250, int(round(raw.info["sfreq"])))
    x = resample_poly(x, fr.numerator, fr.denominator, axis=1)
    split = int(round(x.shape[1] * 0.8))
    mu = x[:, :split].mean(1, keepdims=True); sd = x[:, :split].std(1, keepdims=True)
    z = ((x - mu) / sd).astype(np.float32)
    train += list(z[:, :split]); held += list(z[:, split:])

class Codec(nn.Module):
    def __init__(s):
        super().__init__()
        s.gru = nn.GRU(1, a.hidden, batch_first=True); s.linear = nn.Linear(a.hidden, a.codes)
        s.norm = nn.LayerNorm(a.codes); s.decoder = nn.Conv1d(a.codes, 1, a.kernel)
    def logits(s, x):
        return s.norm(s.linear(s.gru(x.unsqueeze(-1))[0]))
    def decode(s, q):
        k = a.kernel
        left, right = ((k - 1) // 2, k // 2) if a.padding == "same" else (k - 1, 0)
        return s.decoder(F.pad(q.transpose(1, 2), (left, right))).squeeze(1)
    def forward(s, x, t):
        l = s.logits(x)
        hard = F.one_hot(l.argmax(-1), a.codes).float()
        return s.decode(t * l.softmax(-1) + (1 - t) * hard), l

m = Codec(); opt = torch.optim.Adam(m.parameters(), lr=a.lr)
starts = [(i, s) for i, seq in enumerate(train) for s in range(len(seq) - a.window + 1)]
t0 = time.time(); step = 0
while True:
    el = time.time() - t0
    frac = step / a.steps if a.steps else el / (a.minutes * 60)
    if frac >= 1: break
    t = max(0.0, 1 - frac / a.anneal)
    idx = rng.integers(len(starts), size=a.batch)
    x = torch.from_numpy(np.stack([train[starts[j][0]][starts[j][1]:starts[j][1] + a.window] for j in idx]))
    y, l = m(x, t)
    mse = F.mse_loss(y, x); loss = mse
    if a.usage > 0:
        u = l.softmax(-1).reshape(-1, a.codes).mean(0)
        loss = mse + a.usage * (math.log(a.codes) + (u * (u + 1e-12).log()).sum())
    opt.zero_grad(); loss.backward(); opt.step(); step += 1
    if step % a.log == 0:
        print(f"step {step} t {el:.0f}s T {t:.3f} mse {mse.item():.4f}", flush=True)

with torch.no_grad():
    ve, usage = [], np.zeros(a.codes, np.int64)
    for seq in train:
        usage += np.bincount(m.logits(torch.from_numpy(seq)[None]).argmax(-1).numpy().ravel(), minlength=a.codes)
    live = usage > 0
    mask = torch.where(torch.from_numpy(live), 0.0, float("-inf"))
    hu = np.zeros(a.codes, np.int64)
    for seq in held:
        x = torch.from_numpy(seq)[None]
        c = (m.logits(x) + mask).argmax(-1)
        hu += np.bincount(c.numpy().ravel(), minlength=a.codes)
        y = m.decode(F.one_hot(c, a.codes).float())[0].numpy()
        ve.append(1 - np.var(seq - y) / np.var(seq))
    pr = hu[hu > 0] / hu.sum()
print(json.dumps({"steps": step, "seconds": time.time() - t0, "padding": a.padding, "usage": a.usage,
                  "anneal": a.anneal, "median_ve": float(np.median(ve)), "min_ve": float(np.min(ve)),
                  "live": int(live.sum()), "heldout_entropy_bits": float(-(pr * np.log2(pr)).sum())}))
