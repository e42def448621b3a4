#!/usr/bin/env bash
# Lossless compression of the MNIST test set with pixelrnn's arithmetic coder, against the
# classical codecs (bench/codecs.py), in bits/dim and bits/image. docs/compression.md records its output.
#
# usage: bench/compression.sh BINARY_CHECKPOINT EIGHT_BIT_CHECKPOINT [WORKDIR]
#   BINARY_CHECKPOINT     a model of binarized MNIST (e.g. runs/pixelcnn-mnist)
#   EIGHT_BIT_CHECKPOINT  a 256-way model of 8-bit MNIST (e.g. runs/pixelcnn-mnist-8bit)
# Needs cwebp and cjxl (apt-get install webp libjxl-tools; installed here when run as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pixelrnn="${PIXELRNN:-./pixelrnn}"   # another launcher, e.g. one running a frozen copy of the build
if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0"; exit 2
fi
work="${3:-/tmp/pixelrnn-compression}"
if ! command -v cwebp >/dev/null || ! command -v cjxl >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webp libjxl-tools >/dev/null
  else
    echo "error: cwebp and cjxl are needed (apt-get install webp libjxl-tools)" >&2; exit 2
  fi
fi
rm -rf "$work"; mkdir -p "$work"
report="$work/report.txt"
for kind in binary 8bit; do
  ck="$1"; [ "$kind" = 8bit ] && ck="$2"
  echo "== $kind MNIST test set, model $ck" | tee -a "$report"
  t0=$(date +%s)
  "$pixelrnn" compress --checkpoint "$ck" --dataset mnist --split test -o "$work/$kind.pxrc" | tee -a "$report"
  t1=$(date +%s)
  "$pixelrnn" decompress "$work/$kind.pxrc" --checkpoint "$ck" -o "$work/$kind-png" | tee -a "$report"
  t2=$(date +%s)
  "$pixelrnn" decompress "$work/$kind.pxrc" --checkpoint "$ck" -o "$work/$kind-idx" --format idx >/dev/null
  echo "compress $((t1 - t0)) s, decompress $((t2 - t1)) s (whole commands)" | tee -a "$report"
  "$pixelrnn" eval --checkpoint "$ck" | tee -a "$report"
  flag=""; [ "$kind" = binary ] && flag="--binary"
  python3 bench/codecs.py "$work/$kind-png" "$work/$kind-idx/images.idx" $flag > "$work/$kind-codecs.json"
  python3 - "$work/$kind.pxrc" "$work/$kind-codecs.json" "$report" <<'PY' | tee -a "$report"
import json, os, re, sys
ours = os.path.getsize(sys.argv[1])
c = json.load(open(sys.argv[2]))
dims, n = c["dims"], c["images"]
nll = None
for line in open(sys.argv[3]):
    m = re.search(r"NLL: ([0-9.]+) nats/image", line)
    if m:
        nll = float(m.group(1))  # the last eval line is this set's
rows = [("pixelrnn (this file)", ours)] + sorted(c["sizes"].items(), key=lambda kv: kv[1])
print(f"{'codec':52s} {'bytes':>10s} {'bits/dim':>9s} {'bits/image':>11s}")
for name, size in rows:
    print(f"{name:52s} {size:10d} {size * 8 / dims:9.4f} {size * 8 / n:11.1f}")
if nll is not None:
    nll_bits = nll / 0.6931471805599453 * n
    print(f"model NLL on the same images: {nll_bits / dims:.4f} bits/dim, {nll_bits / n:.1f} bits/image; "
          f"file overhead {100 * (ours * 8 - nll_bits) / nll_bits:.3f}% (header and CRC: 62 bytes)")
PY
done
echo "report: $report"
