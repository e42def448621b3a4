#!/usr/bin/env bash
# Out-of-distribution detection benchmark: models trained on Fashion-MNIST, Fashion-MNIST test
# (in) against MNIST test (out), for 8-bit images (256-way PixelCNN) and for binarized ones.
# docs/ood.md records its output.
#
# usage: bench/ood.sh [FG_MINUTES] [BG_MINUTES] [WORKDIR] [KINDS]
#   FG_MINUTES  training budget of each foreground model (default 40)
#   BG_MINUTES  training budget of each background model, one per mu in 0.1 0.2 0.3 (default 15)
#   WORKDIR     where the runs and reports go (default runs/ood)
#   KINDS       "8bit binary" (default), or one of them
# Environment: MUS, the perturbation rates tried (default "0.1 0.2 0.3", Ren et al.'s); BG_FLAGS,
# more train flags for the background models (e.g. "--weight-decay 1e-4", the L2 penalty Ren et
# al.'s paper describes, though their released train.py never adds it to the loss; its strength,
# too, is for the validation split to choose); JOBS, how many models train at once (default 1;
# with more, each trains on OMP_NUM_THREADS=1 unless that is set, so JOBS=2 on the 2-core machine
# trains the foreground and a background model side by side and the whole 8-bit run takes
# FG_MINUTES + BG_MINUTES for two mus, not FG + 3 x BG); BG_STEPS, background lengths in steps
# (e.g. "40 75 150"), which replace BG_MINUTES, every one tried with every mu: the short
# backgrounds the validation split picks (docs/ood.md, "Short backgrounds"). Training output goes
# to WORKDIR/NAME.log.
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
bg_steps="${BG_STEPS:-}"
# the background variants, MU or MU-Nsteps, each naming its run WORKDIR/KIND-bg-VARIANT
variants=()
for mu in $mus; do
  if [ -z "$bg_steps" ]; then variants+=("$mu"); else for n in $bg_steps; do variants+=("$mu-${n}steps"); done; fi
done
bg_length() { case "$1" in *steps) local n="${1##*-}"; echo --steps "${n%steps}";; *) echo --minutes "$bg_min";; esac; }
read -r -a bg_flags <<< "${BG_FLAGS:-}"
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null
  else
    echo "error: Fashion-MNIST is needed (apt-get install dataset-fashion-mnist)" >&2; exit 2
  fi
fi
mkdir -p "$work"
jobs_max="${JOBS:-1}"
threads="${OMP_NUM_THREADS:-}"
[ "$jobs_max" -gt 1 ] && threads="${threads:-1}"

# train OUT FLAGS...: trains one model unless OUT already holds a checkpoint, at most JOBS at once
train() {
  local out="$1"; shift
  [ -d "$out/checkpoint" ] && return 0
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  echo "training $out (log: $out.log)"
  ( [ -n "$threads" ] && export OMP_NUM_THREADS="$threads"
    "$pixelrnn" train --dataset fashion-mnist --ema 0.9995 --samples 0 --out "$out" "$@" > "$out.log" 2>&1 \
      || echo "error: training $out failed, see $out.log" >&2 ) &
}

preset_of() { if [ "$1" = binary ]; then echo pixelcnn-mnist; else echo pixelcnn-mnist-8bit; fi; }
for kind in $kinds; do
  train "$work/$kind-fg" --preset "$(preset_of "$kind")" --minutes "$fg_min"
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2046  # bg_length gives two words
    train "$work/$kind-bg-$v" --preset "$(preset_of "$kind")" $(bg_length "$v") --perturb "${v%%-*}" \
        ${bg_flags[@]+"${bg_flags[@]}"}
  done
done
wait

for kind in $kinds; do
  report="$work/report-$kind.md"
  : > "$report"
  fg="$work/$kind-fg"
  [ -d "$fg/checkpoint" ] || { echo "error: no foreground model in $fg, see $fg.log" >&2; exit 1; }
  best=""; best_auroc=-1
  for v in "${variants[@]}"; do
    bg="$work/$kind-bg-$v"
    [ -d "$bg/checkpoint" ] || { echo "error: no background model in $bg, see $bg.log" >&2; exit 1; }
    "$pixelrnn" ood --checkpoint "$fg" --background "$bg" --in fashion-mnist:valid --out mnist:valid --codecs png \
        --report "$work/$kind-select-$v" > "$work/$kind-select-$v.txt"
    auroc=$(grep '^| -LLR' "$work/$kind-select-$v.txt" | awk -F'|' '{print $3}' | tr -d ' ')
    echo "$kind: background $v, validation AUROC of the likelihood ratio $auroc" | tee -a "$report"
    if awk "BEGIN{exit !($auroc > $best_auroc)}"; then best="$v"; best_auroc="$auroc"; fi
  done
  echo "$kind: chosen background $best (mu ${best%%-*})" | tee -a "$report"
  echo "## $kind (foreground $fg, background $work/$kind-bg-$best)" >> "$report"
  "$pixelrnn" ood --checkpoint "$fg" --background "$work/$kind-bg-$best" --in fashion-mnist:test --out mnist:test \
      --report "$work/$kind-test" | tee -a "$report"
  "$pixelrnn" info "$fg" | grep -E '^(training|model)' >> "$report"
done
echo "reports: $work/report-*.md"
