#!/usr/bin/env bash
# Writes pgo/qreview.profdata, the profile that every release build of qreview is
# optimised with (see pgo/README.md): builds an instrumented qreview, runs it over the
# work its users give it (the bundled sample and reviews made from it, each command
# and output), and merges what it counted. Run it again after updating the Typst stack
# or the Rust toolchain; it takes 10 to 15 minutes on two cores.
#   pgo/train.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sysroot=$(rustc --print sysroot)
profdata=$(find "$sysroot/lib/rustlib" -name llvm-profdata -type f | head -n 1)
if [ -z "$profdata" ]; then
  rustup component add llvm-tools
  profdata=$(find "$sysroot/lib/rustlib" -name llvm-profdata -type f | head -n 1)
fi

# Without the wrapper that reads the profile being replaced, into a target of its own.
RUSTC_WRAPPER="" RUSTFLAGS="-Cprofile-generate=$repo/target/pgo-train/raw" CARGO_TARGET_DIR="$repo/target/pgo-train" \
  cargo build --release --bin qreview
q="$repo/target/pgo-train/release/qreview"
rm -rf "$repo/target/pgo-train/raw"

# The reviews the benchmark times (bench/bench.py): two teams, and fifty.
WORK="$work" python3 - <<'PY'
import os, sys
sys.argv = ["bench"]
sys.path.insert(0, "bench")
import bench
from pathlib import Path
bench.WORK = Path(os.environ["WORK"])
bench.two_team_review()
bench.make_review(50)
PY
sample=samples/2015-16-q2
out="$work/out"
mkdir -p "$out"
# A command's output is shown only if it fails (which stops the script).
quiet() { "$@" >"$out/last.log" 2>&1 || { cat "$out/last.log" >&2; return 1; }; }
for _ in 1 2 3 4 5 6; do quiet "$q" build "$work/review-2" -o "$out/two.pdf"; done
for _ in 1 2 3; do quiet "$q" build "$sample" -o "$out/sample.pdf"; done
for team in operations release-engineering services security architecture; do
  quiet "$q" preview "$sample" --team "$team" -o "$out/$team.pdf"
done
quiet "$q" preview "$sample" --team services --format png -o "$out/png"
quiet "$q" preview "$sample" --team services --format svg -o "$out/svg"
quiet "$q" build "$sample" -o "$out/sample.pptx"
quiet "$q" build "$sample" --handout -o "$out/handout.pdf"
quiet "$q" build "$sample" --pdf-standard a-2b,ua-1 -o "$out/archive.pdf"
quiet "$q" batch "$work/review-50" -o "$out/batch" --jobs 2
quiet "$q" build "$work/review-50" -o "$out/fifty.pdf"
for _ in 1 2 3; do
  quiet "$q" check "$work/review-50"
  quiet "$q" kpis "$sample"
done
# A watched preview, rebuilt after ten one-value edits (the benchmark's edit).
cp -r "$sample" "$work/watched"
team="$work/watched/teams/services.yaml"
cp "$team" "$out/services.yaml"
"$q" preview "$work/watched" --team services --watch -o "$out/watched.pdf" 2>"$out/watch.log" &
watcher=$!
for i in $(seq 1 40); do grep -q wrote "$out/watch.log" && break; sleep 0.25; done
for i in $(seq 1 10); do
  sed "s|2015/16 Q2: 248|2015/16 Q2: $((250 + i))|" "$out/services.yaml" >"$team"
  sleep 0.6
done
kill "$watcher"
wait "$watcher" || true
builds=$(grep -c wrote "$out/watch.log" || true)
[ "$builds" -ge 6 ] || { echo "the watched preview rebuilt $builds times" >&2; exit 1; }

# Sparse: functions never run are left out, and so compiled as without a profile,
# rather than as cold code (and the file is a ninth of the size).
# Merged beside it first, so that a failed merge leaves the old profile whole.
"$profdata" merge --sparse -o "$work/qreview.profdata" "$repo"/target/pgo-train/raw/*.profraw
mv "$work/qreview.profdata" pgo/qreview.profdata
ls -l pgo/qreview.profdata
