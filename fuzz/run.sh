#!/usr/bin/env bash
# Mutation fuzzing of the whole path, YAML bytes to PDF bytes: `fuzz/run.sh [SECONDS] [SEED]`
# (default 600). Crashes (a panic, a signal, an exit code other than 0 or 1, or a run over
# 10 s) are saved under fuzz/crashes/ for a regression test in tests/fixtures/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 fuzz/fuzz.py "${1:-600}" "${2:-20161}"
