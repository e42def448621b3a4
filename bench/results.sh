#!/usr/bin/env bash
# The training runs behind docs/results.md: each MNIST preset for a wall-clock budget on the
# quiet 2-core machine, then the exact NLL on the full binarized (or 8-bit) MNIST test set.
# Run nothing else heavy beside it: the budget is wall time.
#
# usage: bench/results.sh MINUTES PRESET... [-- EXTRA TRAIN FLAGS]
#   e.g. bench/results.sh 15 pixelcnn-mnist rowlstm-mnist diagbilstm-mnist
#        bench/results.sh 120 pixelcnn-mnist
#        bench/results.sh 15 pixelcnn-mnist -- --optimizer rmsprop --batch 16 --lr 1e-3
# Each run goes to runs/results/PRESET-MINUTESmin[-TAG]; its curves are curves.png there.
# Hyper-parameters are the presets' (batch, learning rate) with Adam, a cosine schedule over the
# budget and --ema 0.9995; nothing is chosen on the test set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pixelrnn="${PIXELRNN:-./pixelrnn}"   # another launcher, e.g. one running a frozen copy of the build
mkdir -p runs/results
if [ $# -lt 2 ]; then sed -n '2,13p' "$0"; exit 2; fi
minutes="$1"; shift
presets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do presets+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
tag=""
[ ${#extra[@]} -gt 0 ] && tag="-$(echo "${extra[*]}" | tr -c 'a-z0-9.\n' '-' | tr -s '-' | sed 's/^-//;s/-$//')"
for preset in "${presets[@]}"; do
  out="runs/results/$preset-${minutes}min$tag"
  if [ ! -d "$out/checkpoint" ]; then
    "$pixelrnn" train --preset "$preset" --minutes "$minutes" --ema 0.9995 --out "$out" "${extra[@]}" \
      > "$out.log" 2>&1 || { echo "$preset: training failed, see $out.log" >&2; continue; }
  fi
  "$pixelrnn" plot "$out" > /dev/null
  echo "== $preset, $minutes minutes${tag:+ ($tag)}"
  "$pixelrnn" info "$out" | grep -E '^(model|training|state)'
  "$pixelrnn" eval --checkpoint "$out"
  "$pixelrnn" eval --checkpoint "$out" --raw-weights | sed 's/^/raw weights: /'
done
