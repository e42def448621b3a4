#!/usr/bin/env python3
"""Classical lossless codecs on a set of images, for bench/compression.sh.

Given the PNG files of a set (one per image, as `pixelrnn decompress` writes them) and the same
images as one IDX file, it measures, in bytes:
  per image   PNG (the given files, Java ImageIO), WebP lossless (cwebp -lossless -z 9),
              JPEG XL lossless (cjxl -d 0 -e 9), gzip -9, bzip2 -9 and xz -9 of the raw
              pixels and, for binary images, of the pixels packed 8 to a byte;
  whole set   the same on all images at once: one grid image of 100 columns for the image
              codecs (written as PNG by zlib at level 9), the concatenated pixels for the others.
It prints one JSON object: codec name -> total bytes. Only the Python standard library is used.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic != 0x0803:
        sys.exit(f"{path}: expected a grey IDX image file")
    h, w = struct.unpack(">II", data[8:16])
    return n, h, w, data[16:]


def png_bytes(width, height, pixels):
    """A grey 8-bit PNG of the given pixels (row-major bytes), deflated at level 9."""
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def packed(pixels):
    """Binary pixels (0 or 255) packed 8 to a byte, most significant bit first."""
    out = bytearray((len(pixels) + 7) // 8)
    for i, p in enumerate(pixels):
        if p:
            out[i >> 3] |= 0x80 >> (i & 7)
    return bytes(out)


def size_of(cmd, data):
    return len(subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout)


def image_codec(tool, png_path, tmp):
    out = os.path.join(tmp, os.path.basename(png_path) + "." + tool)
    if tool == "webp":
        cmd = ["cwebp", "-quiet", "-lossless", "-z", "9", png_path, "-o", out]
    else:
        cmd = ["cjxl", "--quiet", "-d", "0", "-e", "9", png_path, out]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    size = os.path.getsize(out)
    os.remove(out)
    return size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pngs", help="folder of image-NNNNN.png files")
    ap.add_argument("idx", help="the same images as one IDX file")
    ap.add_argument("--binary", action="store_true", help="images are black and white (0/255)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    n, h, w, pixels = read_idx(args.idx)
    dims = h * w
    images = [pixels[i * dims:(i + 1) * dims] for i in range(n)]
    files = sorted(os.path.join(args.pngs, f) for f in os.listdir(args.pngs) if f.endswith(".png"))
    if len(files) != n:
        sys.exit(f"{len(files)} PNG files but {n} images in {args.idx}")
    sizes = {}
    streams = {"raw": images}
    if args.binary:
        streams["packed bits"] = [packed(im) for im in images]
    with ThreadPoolExecutor(args.workers) as pool, tempfile.TemporaryDirectory() as tmp:
        sizes["PNG (ImageIO), per image"] = sum(os.path.getsize(f) for f in files)
        for tool, name in (("webp", "WebP lossless -z 9"), ("jxl", "JPEG XL lossless -e 9")):
            sizes[name + ", per image"] = sum(pool.map(lambda f: image_codec(tool, f, tmp), files))
        for stream, chunks in streams.items():
            for tool in ("gzip", "bzip2", "xz"):
                cmd = [tool, "-9", "-c"]
                sizes[f"{tool} -9, {stream}, per image"] = sum(pool.map(lambda c: size_of(cmd, c), chunks))
                sizes[f"{tool} -9, {stream}, whole set"] = size_of(cmd, b"".join(chunks))
        cols = 100
        rows = (n + cols - 1) // cols
        grid = bytearray(rows * h * cols * w)
        for i, im in enumerate(images):
            r, c = divmod(i, cols)
            for y in range(h):
                start = (r * h + y) * cols * w + c * w
                grid[start:start + w] = im[y * w:(y + 1) * w]
        grid_png = os.path.join(tmp, "grid.png")
        with open(grid_png, "wb") as f:
            f.write(png_bytes(cols * w, rows * h, bytes(grid)))
        sizes["PNG (zlib -9), whole set as one grid"] = os.path.getsize(grid_png)
        sizes["WebP lossless -z 9, whole set as one grid"] = image_codec("webp", grid_png, tmp)
        sizes["JPEG XL lossless -e 9, whole set as one grid"] = image_codec("jxl", grid_png, tmp)
    print(json.dumps({"images": n, "dims": n * dims, "sizes": sizes}))


if __name__ == "__main__":
    main()
