#!/usr/bin/env bash
# A/B timing of the training step and the forward pass: an earlier revision against the work
# tree, same preset, batch and threads, alternated so that drift of a shared machine hits both.
# Prints every round and the median ratio work tree / revision (below 1: the work tree is faster).
#
# usage: bench/ab.sh REV PRESET [ROUNDS] [BATCH]
#   e.g. bench/ab.sh c5f3e6a pixelcnn-mnist 5 64
# REV is built once in a git worktree under ${TMPDIR:-/tmp}; run nothing else heavy beside it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 2 ]; then sed -n '2,8p' "$0"; exit 2; fi
rev="$1"; preset="$2"; rounds="${3:-5}"; batch="${4:-64}"
sha="$(git rev-parse --short "$rev")"
tree="${TMPDIR:-/tmp}/pixelrnn-ab-$sha"
[ -d "$tree" ] || git worktree add --detach "$tree" "$sha" > /dev/null
./pixelrnn --version > /dev/null          # build both before timing anything
"$tree/pixelrnn" --version > /dev/null
bench() { "$1" bench --preset "$preset" --batch "$batch" --steps 10 --warmup 3 | grep -E '^  ours'; }
train_a=(); train_b=(); fwd_a=(); fwd_b=()
for r in $(seq 1 "$rounds"); do
  a="$(bench "$tree/pixelrnn")"
  b="$(bench ./pixelrnn)"
  echo "round $r  $sha:      ${a#  ours }"
  echo "round $r  work tree: ${b#  ours }"
  train_a+=("$(awk '{print $4}' <<< "$a")"); fwd_a+=("$(awk '{for (i=1;i<NF;i++) if ($i=="forward") print $(i+1)}' <<< "$a")")
  train_b+=("$(awk '{print $4}' <<< "$b")"); fwd_b+=("$(awk '{for (i=1;i<NF;i++) if ($i=="forward") print $(i+1)}' <<< "$b")")
done
python3 - "${train_a[*]}" "${train_b[*]}" "${fwd_a[*]}" "${fwd_b[*]}" "$sha" <<'EOF'
import statistics, sys
ta, tb, fa, fb = ([float(v) for v in s.split()] for s in sys.argv[1:5])
ratio = lambda b, a: statistics.median(x / y for x, y in zip(b, a))
print(f"ratio    work tree / {sys.argv[5]}: train step {ratio(tb, ta):.3f}, forward {ratio(fb, fa):.3f} "
      f"(median over {len(ta)} alternating rounds)")
EOF
