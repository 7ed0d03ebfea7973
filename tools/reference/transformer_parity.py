"""PyTorch reference for io.neurofm.nn: a pre-LN GELU transformer layer and a 2-layer stack.

Writes, with a fixed seed, into OUT_DIR (default model-zoo/src/test/resources/io/neurofm/nn):
  transformer_layer.safetensors  state_dict of nn.TransformerEncoderLayer(d_model=64, nhead=4,
                                 dim_feedforward=128, dropout=0, activation="gelu",
                                 batch_first=True, norm_first=True)
  transformer_stack.safetensors  state_dict of nn.TransformerEncoder(<same layer>, 2,
                                 norm=nn.LayerNorm(64))
  transformer_io.safetensors     input [3, 17, 64]; layer output without mask ("output") and with
                                 the causal mask ("output_causal"); stack output with the causal
                                 mask ("stack_output_causal")
Every parameter (biases and LayerNorm affine included) is perturbed away from its default so a
wrong name mapping cannot pass. Outputs come from PyTorch's plain (non-fused) path; the fused
inference path is run too and must agree.

Run with Debian's python: /usr/bin/python3 tools/reference/transformer_parity.py [OUT_DIR]
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_np  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "model-zoo", "src", "test", "resources", "io", "neurofm", "nn")
SEED = 20260412
D, HEADS, FF, BATCH, LENGTH = 64, 4, 128, 3, 17


def new_layer():
    return nn.TransformerEncoderLayer(d_model=D, nhead=HEADS, dim_feedforward=FF, dropout=0.0,
                                      activation="gelu", batch_first=True, norm_first=True)


def perturb(module):
    with torch.no_grad():
        for p in module.parameters():
            p.add_(0.1 * torch.randn_like(p))
    module.eval()
    return module


def plain_forward(module, x, **kwargs):
    # Gradient tracking disables PyTorch's fused inference path, leaving the reference formula.
    with torch.enable_grad():
        return module(x, **kwargs).detach()


def fused_forward(module, x, **kwargs):
    with torch.no_grad():
        return module(x, **kwargs)


def state(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


def main(out_dir):
    torch.manual_seed(SEED)
    layer = perturb(new_layer())
    stack = perturb(nn.TransformerEncoder(new_layer(), num_layers=2, norm=nn.LayerNorm(D),
                                          enable_nested_tensor=False))
    x = torch.randn(BATCH, LENGTH, D)
    causal = nn.Transformer.generate_square_subsequent_mask(LENGTH)

    outputs = {
        "output": plain_forward(layer, x),
        "output_causal": plain_forward(layer, x, src_mask=causal),
        "stack_output_causal": plain_forward(stack, x, mask=causal),
    }
    fused = {
        "output": fused_forward(layer, x),
        "output_causal": fused_forward(layer, x, src_mask=causal),
        "stack_output_causal": fused_forward(stack, x, mask=causal),
    }
    for name, ref in outputs.items():
        diff = (ref - fused[name]).abs().max().item()
        print("%s: plain vs fused path max abs diff %.3g" % (name, diff))
        if diff > 1e-5:
            raise SystemExit("PyTorch's two paths disagree on " + name)

    os.makedirs(out_dir, exist_ok=True)
    meta = {"torch": torch.__version__, "seed": str(SEED)}
    safetensors_np.write(os.path.join(out_dir, "transformer_layer.safetensors"), state(layer), meta)
    safetensors_np.write(os.path.join(out_dir, "transformer_stack.safetensors"), state(stack), meta)
    io = {"input": x.numpy()}
    io.update({k: v.numpy() for k, v in outputs.items()})
    safetensors_np.write(os.path.join(out_dir, "transformer_io.safetensors"), io, meta)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
