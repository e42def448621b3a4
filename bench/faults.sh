#!/usr/bin/env bash
# Fault tolerance, measured (docs/faults.md records the output):
#  1. kill -9 at random moments of a training run that checkpoints every few steps, KILLS times:
#     every restart resumes, no checkpoint is ever unloadable, and the final parameters equal an
#     uninterrupted run's, byte for byte;
#  2. resident memory over STEPS training steps of a preset: flat within 5%;
#  3. 1000 random mutations each of IDX, PNG and checkpoint files (FuzzCliTest): no crash;
#  4. an interrupted sample, score or compress leaves no partial output file.
#
# usage: bench/faults.sh [KILLS] [STEPS] [PRESET] [WORKDIR]   (defaults 20 5000 pixelcnn-mnist /tmp/pixelrnn-faults)
#        SECTIONS="2 3" bench/faults.sh ...   runs only those parts (default "1 2 3 4")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pixelrnn="${PIXELRNN:-./pixelrnn}"
kills="${1:-20}"
steps="${2:-5000}"
preset="${3:-pixelcnn-mnist}"
work="${4:-/tmp/pixelrnn-faults}"
sections="${SECTIONS:-1 2 3 4}"
has() { [[ " $sections " == *" $1 "* ]]; }
has 1 && rm -rf "$work"; mkdir -p "$work"
"$pixelrnn" presets > /dev/null   # build once, outside the timings
tiny=(--preset pixelcnn-mnist --hidden 8 --layers 2 --out-maps 16 --batch 16 --val-size 64 --samples 0
      --eval-every 0 --checkpoint-every 5 --steps 100 --ema 0.99)

if has 1; then
echo "== 1. $kills x kill -9 during training (checkpoint every 5 steps, 100 steps)"
"$pixelrnn" train "${tiny[@]}" --out "$work/straight" > "$work/straight.log" 2>&1
corrupt=0
for i in $(seq 1 "$kills"); do
  if [ -d "$work/killed/checkpoint" ] || [ -d "$work/killed/checkpoint.old" ]; then
    cmd=("$pixelrnn" train --resume --out "$work/killed")
  else
    cmd=("$pixelrnn" train "${tiny[@]}" --out "$work/killed")
  fi
  "${cmd[@]}" > "$work/killed-$i.log" 2>&1 &
  pid=$!
  # wait until this invocation has saved one checkpoint (JVM start, data loading and the first
  # steps take seconds, longer on a busy machine), then kill it at a random moment of the next
  # 6 s, which hold steps and saves alike (a save, fsyncs included, takes seconds here)
  for _ in $(seq 1 1200); do
    grep -q 'checkpoint saved' "$work/killed-$i.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$(awk -v s="$RANDOM" 'BEGIN{srand(s); printf "%.2f", rand() * 6}')"
  pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -d "$work/killed/checkpoint" ] || [ -d "$work/killed/checkpoint.old" ]; then
    if step=$("$pixelrnn" info "$work/killed" 2>"$work/info-$i.err" | awk '/^state/{print $3}'); then
      echo "kill $i: checkpoint loads, step $step"
    else
      echo "kill $i: CORRUPT checkpoint: $(cat "$work/info-$i.err")"; corrupt=$((corrupt + 1))
    fi
  else
    echo "kill $i: killed before the first checkpoint"
  fi
done
# finish the run when the kills left it short (a finished run refuses --resume with one line)
"$pixelrnn" train --resume --out "$work/killed" > "$work/killed-final.log" 2>&1 || true
a=$(sha256sum < "$work/straight/checkpoint/parameters.bin" | cut -c1-16)
b=$(sha256sum < "$work/killed/checkpoint/parameters.bin" | cut -c1-16)
c=$(sha256sum < "$work/straight/checkpoint/averaged.bin" | cut -c1-16)
d=$(sha256sum < "$work/killed/checkpoint/averaged.bin" | cut -c1-16)
echo "corrupt checkpoints: $corrupt of $kills kills"
echo "parameters.bin: uninterrupted $a, killed and resumed $b: $([ "$a" = "$b" ] && echo identical || echo DIFFERENT)"
echo "averaged.bin:   uninterrupted $c, killed and resumed $d: $([ "$c" = "$d" ] && echo identical || echo DIFFERENT)"

fi

if has 2; then
echo "== 2. resident memory over $steps steps of $preset"
"$pixelrnn" train --preset "$preset" --steps "$steps" --eval-every 1000 --checkpoint-every 1000 --samples 16 \
    --out "$work/rss" > "$work/rss.log" 2>&1 &
pid=$!
sleep 2
jpid=$(pgrep -P "$pid" java || echo "$pid")
: > "$work/rss.tsv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/{print $2}' "/proc/$jpid/status" 2>/dev/null || true)
  step=$(tail -c 300 "$work/rss/metrics.jsonl" 2>/dev/null | grep -o '"step":[0-9]*' | tail -1 | cut -d: -f2 || true)
  [ -n "$rss" ] && [ -n "$step" ] && printf '%s\t%s\n' "$step" "$rss" >> "$work/rss.tsv"
  sleep 5
done
wait "$pid"
awk -v steps="$steps" '{ if ($1 >= steps / 5 && first == "") first = $2; last = $2; if ($2 > peak) peak = $2 }
  END { printf "RSS at 20%% of the run %d MiB, at the end %d MiB, peak %d MiB: growth %.1f%%\n",
        first / 1024, last / 1024, peak / 1024, 100 * (last - first) / first }' "$work/rss.tsv"

fi

if has 3; then
echo "== 3. 1000 mutations each of IDX, PNG and checkpoint files"
mvn -q -B test -Dtest=FuzzCliTest -Dpixelrnn.fuzz=1000 -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -E "IDX:|Tests run|FAIL" || true

fi

if has 4; then
[ -d "$work/straight/checkpoint" ] || "$pixelrnn" train "${tiny[@]}" --out "$work/straight" > "$work/straight.log" 2>&1
echo "== 4. interrupted commands leave no partial output"
"$pixelrnn" compress --checkpoint "$work/straight" --dataset mnist --split test --limit 512 -o "$work/some.pxrc" > /dev/null
"$pixelrnn" decompress "$work/some.pxrc" --checkpoint "$work/straight" -o "$work/pngs" > /dev/null
for cmd in sample score compress; do
  out="$work/partial-$cmd"
  case $cmd in
    sample) args=(sample --checkpoint "$work/straight" --n 64 --strategy naive --out "$out.png") ;;
    score) args=(score --checkpoint "$work/straight" "$work/pngs" --per-pixel "$out") ;;
    compress) args=(compress --checkpoint "$work/straight" --dataset mnist --split test -o "$out.pxrc") ;;
  esac
  "$pixelrnn" "${args[@]}" > /dev/null 2>&1 &
  pid=$!
  sleep 4
  pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$cmd" = score ]; then
    n=$(find "$out" -name '*.csv' 2>/dev/null | wc -l)
    short=$(for f in $(find "$out" -name '*.csv' 2>/dev/null); do [ "$(wc -l < "$f")" = 785 ] || echo "$f"; done | wc -l)
    echo "score --per-pixel killed after 4 s: $n complete-looking CSV files, $short incomplete"
  else
    left=$(find "$work" -maxdepth 1 -name "partial-$cmd*" | wc -l)
    echo "$cmd killed after 4 s: $left output files"
  fi
  echo "  hidden temporary files left: $(find "$work" -name '.*.part' | wc -l)"
done
fi
