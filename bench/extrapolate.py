#!/usr/bin/env python3
"""What a longer run would buy: a power law through the ends of complete runs.

Each point is a complete training run (its own cosine schedule, run to the end) given as
IMAGES:NLL, the images it saw and its final NLL (test or validation, one kind for all points).
It fits NLL(n) = a + b * n^-c by least squares (for each c on a fine grid, a and b are a linear
fit; the c with the least squared error wins) and prints the fit, each point's residual, and
  --at N        the NLL the law gives after N images,
  --target Y    the images the law needs to reach Y.
Points inside one run's curve are not used: under a cosine schedule the late fall comes from the
decaying rate as much as from the images, so only ends of whole schedules lie on one law. With
three points the three parameters interpolate them exactly; a guide, not a measurement.
Only the Python standard library is used.

  bench/extrapolate.py 95680:86.42 324896:83.31 793584:81.77 --at 3968000 --target 80.54
"""
import argparse
import sys


def linear_fit(xs, ys):
    """Least squares y = a + b * x; returns (a, b, squared error)."""
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return my, 0.0, sum((y - my) ** 2 for y in ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    return a, b, sum((a + b * x - y) ** 2 for x, y in zip(xs, ys))


def fit(points):
    """The power law a + b * n^-c with the least squared error, c in (0, 2]."""
    best = None
    for i in range(1, 20001):
        c = i / 10000
        xs = [n ** -c for n, _ in points]
        a, b, err = linear_fit(xs, [y for _, y in points])
        if best is None or err < best[3] - 1e-15:
            best = (a, b, c, err)
    return best


def point(text):
    try:
        images, nll = text.split(":")
        n, y = float(images), float(nll)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected IMAGES:NLL, e.g. 793584:81.77, got {text!r}")
    if n <= 0:
        raise argparse.ArgumentTypeError(f"images must be positive, got {text!r}")
    return n, y


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("points", nargs="+", type=point, help="IMAGES:NLL of one complete run each")
    p.add_argument("--at", type=float, action="append", default=[], help="images to predict at")
    p.add_argument("--target", type=float, action="append", default=[], help="NLL to reach")
    args = p.parse_args()
    if len(args.points) < 3:
        sys.exit("give at least three runs: the law has three parameters")
    a, b, c, _ = fit(args.points)
    print(f"NLL(n) = {a:.2f} + {b:.1f} * n^-{c:.4f}   (n images; limit {a:.2f})")
    for n, y in args.points:
        f = a + b * n ** -c
        print(f"  {n:>12,.0f} images  measured {y:7.2f}  law {f:7.2f}  residual {y - f:+.3f}")
    if len(args.points) == 3:
        print("  three points, three parameters: the law passes through them; a guide only")
    for n in args.at:
        print(f"at {n:,.0f} images: {a + b * n ** -c:.2f}")
    for y in args.target:
        if y <= a or b <= 0:
            print(f"{y}: not reached (the law's limit is {a:.2f})")
        else:
            n = (b / (y - a)) ** (1 / c)
            print(f"{y}: reached after {n:,.0f} images")


if __name__ == "__main__":
    main()
