#!/usr/bin/env bash
# The class-conditional benchmark: trains a class-conditional model for a wall-clock budget on
# binarized MNIST, then measures what docs/conditional.md reports, on the full test set:
#   - eval: -log p(x | y) with the true labels, and the marginal -log sum_y p(x | y) p(y);
#   - classify: the generative classifier's accuracy (argmax_y p(x | y)), confusion.png;
#   - judge: of 100 samples per class, the fraction an independent CNN assigns the class asked
#     for (the judge is trained on the binarized training set; its own test accuracy is printed).
# Run nothing else heavy beside it: the budget is wall time.
#
# usage: bench/conditional.sh MINUTES [PRESET]      (PRESET default gatedpixelcnn-mnist)
#   e.g. bench/conditional.sh 100
# Output in runs/conditional/PRESET-MINUTESmin/: the run, classify/, judged.png, and report.txt;
# the report and the pictures are copied to docs/reports/ and docs/img/ as conditional-PRESET-MINUTESmin*.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pixelrnn="${PIXELRNN:-./pixelrnn}"   # another launcher, e.g. one running a frozen copy of the build
if [ $# -lt 1 ]; then sed -n '2,14p' "$0"; exit 2; fi
minutes="$1"; preset="${2:-gatedpixelcnn-mnist}"
name="conditional-$preset-${minutes}min"
out="runs/conditional/$preset-${minutes}min"
mkdir -p "$out"
if [ ! -d "$out/run/checkpoint" ]; then
  "$pixelrnn" train --preset "$preset" --conditional --minutes "$minutes" --ema 0.9995 --out "$out/run" \
    > "$out/train.log" 2>&1 || { echo "training failed, see $out/train.log" >&2; exit 1; }
fi
{
  echo "== $preset, class-conditional, $minutes minutes"
  "$pixelrnn" info "$out/run" | grep -E '^(model|training|state)'
  "$pixelrnn" eval --checkpoint "$out/run"
  "$pixelrnn" classify --checkpoint "$out/run" --out "$out/classify"
  "$pixelrnn" judge --checkpoint "$out/run" --per-class 100 -o "$out/judged.png"
} 2>/dev/null | tee "$out/report.txt"
mkdir -p docs/reports docs/img
cp "$out/report.txt" "docs/reports/$name.txt"
cp "$out/run/curves.png" "docs/img/$name-curves.png"
cp "$out/classify/confusion.png" "docs/img/$name-confusion.png"
cp "$out/classify/least-sure.png" "docs/img/$name-least-sure.png"
cp "$out/judged.png" "docs/img/$name-judged.png"
echo "report and pictures copied to docs/reports/$name.txt and docs/img/$name-*.png"
