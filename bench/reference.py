#!/usr/bin/env python3
"""PyTorch reference for `pixelrnn bench --reference`.

Builds the same architecture as the Java library the way a PyTorch user would write it
(masked convolutions as weight * mask over the full k x k kernel, as in pytorch-generative),
and times a training step (forward, backward, Adam update) and a forward pass on random data,
after warm-up. Prints one JSON line with the medians in milliseconds.

Run with Debian's Python and PyTorch (apt-get install python3-torch):
    /usr/bin/python3 bench/reference.py --arch pixelcnn --hidden 32 --layers 7 --batch 64
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def group(i, n, groups):
    return (i * groups) // n


def make_mask(kind, c_out, c_in, k, groups):
    """The full k x k mask A or B with R,G,B channel groups at the centre tap."""
    m = torch.zeros(c_out, c_in, k, k)
    c = k // 2
    m[:, :, :c, :] = 1
    m[:, :, c, :c] = 1
    for o in range(c_out):
        for i in range(c_in):
            go, gi = group(o, c_out, groups), group(i, c_in, groups)
            if (gi < go) if kind == "A" else (gi <= go):
                m[o, i, c, c] = 1
    return m


class MaskedConv2d(nn.Conv2d):
    def __init__(self, kind, c_in, c_out, k, groups):
        super().__init__(c_in, c_out, k, padding=k // 2)
        mask = make_mask(kind, c_out, c_in, k, groups)
        self.register_buffer("mask", mask)
        self.needs_mask = not bool(mask.all())

    def forward(self, x):
        w = self.weight * self.mask if self.needs_mask else self.weight
        return F.conv2d(x, w, self.bias, padding=self.padding)


class ResidualBlock(nn.Module):
    def __init__(self, h, groups, residual):
        super().__init__()
        self.down = MaskedConv2d("B", 2 * h, h, 1, groups)
        self.conv = MaskedConv2d("B", h, h, 3, groups)
        self.up = MaskedConv2d("B", h, 2 * h, 1, groups)
        self.residual = residual

    def forward(self, x):
        y = self.up(F.relu(self.conv(F.relu(self.down(F.relu(x))))))
        return x + y if self.residual else y


class PixelCNN(nn.Module):
    def __init__(self, a, k_out):
        super().__init__()
        c, h = a.channels, a.hidden
        self.first = MaskedConv2d("A", c, 2 * h, 7, c)
        self.blocks = nn.ModuleList([ResidualBlock(h, c, a.residual) for _ in range(a.layers)])
        n_skip = a.layers + 1 if a.skip else 1
        self.skips = nn.ModuleList([MaskedConv2d("B", 2 * h, a.out_maps, 1, c) for _ in range(n_skip)])
        self.hidden = MaskedConv2d("B", a.out_maps, a.out_maps, 1, c)
        self.logits = MaskedConv2d("B", a.out_maps, c * k_out, 1, c)
        self.skip = a.skip

    def forward(self, x):
        h = self.first(x)
        outs = [h]
        for b in self.blocks:
            h = b(h)
            outs.append(h)
        if not self.skip:
            outs = outs[-1:]
        s = sum(conv(F.relu(o)) for conv, o in zip(self.skips, outs))
        return self.logits(F.relu(self.hidden(F.relu(s))))


class RowLSTM(nn.Module):
    """Row LSTM as usually written in PyTorch: masked k x 1 input-to-state over the map, then a
    loop over rows with a 1 x 3 state-to-state convolution of the previous row's state."""

    def __init__(self, c_in, h, groups, k=3):
        super().__init__()
        self.h = h
        self.k = k
        self.i2s = nn.Conv2d(c_in, 4 * h, (1, k), padding=(0, k // 2))  # 1 x k along the row
        mask = torch.zeros(4 * h, c_in, 1, k)
        mask[:, :, 0, : k // 2] = 1
        for o in range(4 * h):
            for i in range(c_in):
                if group(i, c_in, groups) <= group(o % h, h, groups):
                    mask[o, i, 0, k // 2] = 1
        self.register_buffer("i2s_mask", mask)
        self.s2s = nn.Conv2d(h, 4 * h, (1, 3), padding=(0, 1), bias=False)
        self.h0 = nn.Parameter(torch.zeros(1, h, 1, 1))
        self.c0 = nn.Parameter(torch.zeros(1, h, 1, 1))

    def forward(self, x):
        n, _, hh, ww = x.shape
        pre_all = F.conv2d(x, self.i2s.weight * self.i2s_mask, self.i2s.bias, padding=(0, self.k // 2))
        h = self.h0.expand(n, self.h, 1, ww)
        c = self.c0.expand(n, self.h, 1, ww)
        outs = []
        for i in range(hh):
            pre = pre_all[:, :, i:i + 1, :] + self.s2s(h)
            o, f, ig = torch.sigmoid(pre[:, :3 * self.h]).chunk(3, 1)
            g = torch.tanh(pre[:, 3 * self.h:])
            c = f * c + ig * g
            h = o * torch.tanh(c)
            outs.append(h)
        return torch.cat(outs, 2)


def skew(x):
    n, c, h, w = x.shape
    return F.pad(x, (0, h)).reshape(n, c, h * (w + h))[:, :, : h * (w + h - 1)].reshape(n, c, h, w + h - 1)


def unskew(s, w):
    n, c, h, _ = s.shape
    return F.pad(s.reshape(n, c, h * (w + h - 1)), (0, h)).reshape(n, c, h, w + h)[:, :, :, :w]


class DiagonalLSTM(nn.Module):
    def __init__(self, c_in, h, groups):
        super().__init__()
        self.h = h
        self.i2s = MaskedConv2d("B", c_in, 4 * h, 1, groups)
        mask = torch.zeros(4 * h, c_in, 1, 1)
        for o in range(4 * h):
            for i in range(c_in):
                mask[o, i, 0, 0] = 1.0 if group(i, c_in, groups) <= group(o % h, h, groups) else 0.0
        self.i2s.mask.copy_(mask)
        self.i2s.needs_mask = not bool(mask.all())
        self.s2s = nn.Conv2d(h, 4 * h, (2, 1), padding=(1, 0), bias=False)

    def forward(self, x):
        n, _, hh, ww = x.shape
        pre_all = skew(self.i2s(x))
        h = x.new_zeros(n, self.h, hh, 1)
        c = x.new_zeros(n, self.h, hh, 1)
        outs = []
        for j in range(pre_all.shape[3]):
            pre = pre_all[:, :, :, j:j + 1] + self.s2s(h)[:, :, :hh]
            o, f, ig = torch.sigmoid(pre[:, :3 * self.h]).chunk(3, 1)
            g = torch.tanh(pre[:, 3 * self.h:])
            c = f * c + ig * g
            h = o * torch.tanh(c)
            outs.append(h)
        return unskew(torch.cat(outs, 3), ww)


class DiagonalBiLSTM(nn.Module):
    def __init__(self, c_in, h, groups):
        super().__init__()
        self.left = DiagonalLSTM(c_in, h, groups)
        self.right = DiagonalLSTM(c_in, h, groups)

    def forward(self, x):
        l = self.left(x)
        r = self.right(x.flip(3)).flip(3)
        r = F.pad(r, (0, 0, 1, 0))[:, :, : x.shape[2]]  # shift down one row
        return l + r


class SpatialLSTMNet(nn.Module):
    def __init__(self, a, k_out, layer):
        super().__init__()
        c, h = a.channels, a.hidden
        self.first = MaskedConv2d("A", c, 2 * h, 7, c)
        self.lstms = nn.ModuleList([layer(2 * h, h, c) for _ in range(a.layers)])
        self.projs = nn.ModuleList([MaskedConv2d("B", h, 2 * h, 1, c) for _ in range(a.layers)])
        n_skip = a.layers + 1 if a.skip else 1
        self.skips = nn.ModuleList([MaskedConv2d("B", 2 * h, a.out_maps, 1, c) for _ in range(n_skip)])
        self.hidden = MaskedConv2d("B", a.out_maps, a.out_maps, 1, c)
        self.logits = MaskedConv2d("B", a.out_maps, c * k_out, 1, c)
        self.skip, self.residual = a.skip, a.residual

    def forward(self, x):
        h = self.first(x)
        outs = [h]
        for lstm, proj in zip(self.lstms, self.projs):
            y = proj(lstm(h))
            h = h + y if self.residual else y
            outs.append(h)
        if not self.skip:
            outs = outs[-1:]
        s = sum(conv(F.relu(o)) for conv, o in zip(self.skips, outs))
        return self.logits(F.relu(self.hidden(F.relu(s))))


def nll(logits, x, levels):
    n, c, hh, ww = x.shape
    if levels == 2:
        return F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / n
    grouped = logits.view(n, c, levels, hh, ww).transpose(1, 2)  # (N, K, C, H, W)
    return F.cross_entropy(grouped, x.long(), reduction="sum") / n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="pixelcnn")
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--size", type=int, default=28)
    p.add_argument("--levels", type=int, default=2)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--layers", type=int, default=7)
    p.add_argument("--out-maps", dest="out_maps", type=int, default=32)
    p.add_argument("--residual", type=lambda s: s == "true", default=True)
    p.add_argument("--skip", type=lambda s: s == "true", default=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    k_out = 1 if a.levels == 2 else a.levels
    if a.arch == "pixelcnn":
        model = PixelCNN(a, k_out)
    elif a.arch == "rowlstm":
        model = SpatialLSTMNet(a, k_out, RowLSTM)
    elif a.arch == "diagbilstm":
        model = SpatialLSTMNet(a, k_out, DiagonalBiLSTM)
    else:
        raise SystemExit("reference.py: no reference for architecture " + a.arch)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = torch.randint(0, a.levels, (a.batch, a.channels, a.size, a.size)).float()
    inp = x * (2.0 / (a.levels - 1)) - 1

    def step():
        opt.zero_grad(set_to_none=False)
        loss = nll(model(inp), x, a.levels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1000.0)
        opt.step()

    def forward():
        with torch.no_grad():
            nll(model(inp), x, a.levels).item()

    def timed(f):
        for _ in range(a.warmup):
            f()
        ts = []
        for _ in range(a.steps):
            t = time.perf_counter()
            f()
            ts.append((time.perf_counter() - t) * 1000)
        return statistics.median(ts)

    print(json.dumps({"step_ms": timed(step), "forward_ms": timed(forward),
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
