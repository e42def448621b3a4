#!/usr/bin/env python3
"""Writes the last N Fashion-MNIST test images flipped upside down as 8-bit grey PNGs: an outlier
set whose pixel statistics match the training set's (docs/ood.md, "Short backgrounds").

usage: bench/fashion_flipped.py OUT_DIR [N]   (needs Debian's dataset-fashion-mnist; no libraries)
"""
import gzip
import os
import struct
import sys
import zlib

SOURCE = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def write_png(path, rows, width, height):
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    with open(path + ".tmp", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
                + chunk(b"IEND", b""))
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
    pixels = data[16:]
    for i in range(n - count, n):
        image = pixels[i * h * w:(i + 1) * h * w]
        rows = [image[r * w:(r + 1) * w] for r in range(h)][::-1]  # upside down
        write_png(os.path.join(out, f"{i:05d}.png"), rows, w, h)
    print(f"{count} flipped images in {out}")


if __name__ == "__main__":
    main()
