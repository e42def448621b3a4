#!/usr/bin/env bash
# Out-of-distribution detection benchmark: models trained on Fashion-MNIST, Fashion-MNIST test
# (in) against MNIST test (out), for 8-bit images (256-way PixelCNN) and for binarized ones.
# The README records its output.
#
# usage: bench/ood.sh [FG_MINUTES] [BG_MINUTES] [WORKDIR] [KINDS]
#   FG_MINUTES  training budget of each foreground model (default 40)
#   BG_MINUTES  training budget of each background model, one per mu in 0.1 0.2 0.3 (default 15)
#   WORKDIR     where the runs and reports go (default runs/ood)
#   KINDS       "8bit binary" (default), or one of them (two invocations can run side by side,
#               each with OMP_NUM_THREADS=1)
# Environment: MUS, the perturbation rates tried (default "0.1 0.2 0.3", Ren et al.'s); BG_FLAGS,
# more train flags for the background models (e.g. "--weight-decay 1e-4", the L2 penalty Ren et al.
# regularise them with; its strength, too, is for the validation split to choose).
# Needs Debian's dataset-fashion-mnist (installed here when run as root); cwebp and cjxl are used
# for the complexity score when installed (apt-get install webp libjxl-tools).
#
# The background model's mu is chosen on held-out data, never on the test sets: the AUROC of the
# likelihood ratio between Fashion-MNIST's validation images (the last 1000 training images, which
# no model trains on) and MNIST's (the last 1000 of its training split, not its test set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pixelrnn="${PIXELRNN:-./pixelrnn}"   # another launcher, e.g. one running a frozen copy of the build
fg_min="${1:-40}"
bg_min="${2:-15}"
work="${3:-runs/ood}"
kinds="${4:-8bit binary}"
mus="${MUS:-0.1 0.2 0.3}"
read -r -a bg_flags <<< "${BG_FLAGS:-}"
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null
  else
    echo "error: Fashion-MNIST is needed (apt-get install dataset-fashion-mnist)" >&2; exit 2
  fi
fi
mkdir -p "$work"
for kind in $kinds; do
  report="$work/report-$kind.md"
  : > "$report"
  preset=pixelcnn-mnist-8bit; [ "$kind" = binary ] && preset=pixelcnn-mnist
  fg="$work/$kind-fg"
  [ -d "$fg/checkpoint" ] || "$pixelrnn" train --preset "$preset" --dataset fashion-mnist --minutes "$fg_min" \
      --ema 0.9995 --samples 0 --out "$fg"
  best=""; best_auroc=-1
  for mu in $mus; do
    bg="$work/$kind-bg-$mu"
    [ -d "$bg/checkpoint" ] || "$pixelrnn" train --preset "$preset" --dataset fashion-mnist --minutes "$bg_min" \
        --ema 0.9995 --perturb "$mu" --samples 0 --out "$bg" ${bg_flags[@]+"${bg_flags[@]}"}
    "$pixelrnn" ood --checkpoint "$fg" --background "$bg" --in fashion-mnist:valid --out mnist:valid --codecs png \
        --report "$work/$kind-select-$mu" > "$work/$kind-select-$mu.txt"
    auroc=$(grep '^| -LLR' "$work/$kind-select-$mu.txt" | awk -F'|' '{print $3}' | tr -d ' ')
    echo "$kind: mu $mu, validation AUROC of the likelihood ratio $auroc" | tee -a "$report"
    if awk "BEGIN{exit !($auroc > $best_auroc)}"; then best="$mu"; best_auroc="$auroc"; fi
  done
  echo "$kind: chosen mu $best" | tee -a "$report"
  echo "## $kind (foreground $fg, background $work/$kind-bg-$best)" >> "$report"
  "$pixelrnn" ood --checkpoint "$fg" --background "$work/$kind-bg-$best" --in fashion-mnist:test --out mnist:test \
      --report "$work/$kind-test" | tee -a "$report"
  "$pixelrnn" info "$fg" | grep -E '^(training|model)' >> "$report"
done
echo "reports: $work/report-*.md"
