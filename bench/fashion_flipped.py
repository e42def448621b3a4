#!/usr/bin/env python3
"""Writes the last N Fashion-MNIST test images flipped upside down as 8-bit grey PNGs: an outlier
set whose pixel statistics match the training set's (docs/ood.md, "Short backgrounds").

usage: bench/fashion_flipped.py OUT_DIR [N]   (needs Debian's dataset-fashion-mnist; no libraries)
"""
import gzip
import importlib.util
import os
import struct
import sys

SOURCE = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def load_codecs():
    """bench/codecs.py, loaded by path: its name is the standard library's too."""
    spec = importlib.util.spec_from_file_location("bench_codecs", os.path.join(os.path.dirname(__file__), "codecs.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_png(path, png):
    with open(path + ".tmp", "wb") as f:
        f.write(png)
    os.replace(path + ".tmp", path)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: bench/fashion_flipped.py OUT_DIR [N]")
    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 1000
    with gzip.open(SOURCE) as f:
        data = f.read()
    n, h, w = struct.unpack(">III", data[4:16])
    if not 0 < count <= n:
        sys.exit(f"error: N must be in 1..{n}, got {count}")
    os.makedirs(out, exist_ok=True)
    png_bytes = load_codecs().png_bytes
    pixels = data[16:]
    for i in range(n - count, n):
        image = pixels[i * h * w:(i + 1) * h * w]
        flipped = b"".join(image[r * w:(r + 1) * w] for r in reversed(range(h)))  # upside down, row-major
        write_png(os.path.join(out, f"{i:05d}.png"), png_bytes(w, h, flipped))
    print(f"{count} flipped images in {out}")


if __name__ == "__main__":
    main()
