#!/usr/bin/env bash
# The performance benchmark: qreview against the Typst CLI on synthetic reviews of 5, 50
# and 500 teams. Installs what it needs (the Typst CLI 0.15.1, once, into ~/.cargo/bin),
# builds qreview in release mode, runs bench.py and writes bench/results.md.
#   bench/run.sh            full run (several minutes)
#   bench/run.sh --quick    fewer repetitions, no 500-team review
#   bench/run.sh --peers    also Marp CLI and LaTeX Beamer on two teams' content (installs them);
#                           --peers-only runs only those rows
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! typst --version 2>/dev/null | grep -q "0.15"; then
  echo "installing the Typst CLI 0.15.1 (once; about ten minutes on two cores)" >&2
  # Without qreview's profile (pgo/), which the repository's Cargo config would add.
  RUSTC_WRAPPER= cargo install typst-cli --version =0.15.1 --locked
fi
# The live preview's row drives headless Chromium through Selenium, as the tests do.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
if [[ " $* " == *" --peers"* ]]; then
  command -v marp >/dev/null || npm install -g @marp-team/marp-cli
  command -v pdflatex >/dev/null || apt-get install -y -qq texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended >/dev/null
fi
cargo build --release --quiet
python3 bench/bench.py "$@"
