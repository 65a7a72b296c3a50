#!/usr/bin/env bash
# Load run (issue 8): `trailgrid watch` (release build) in tmux on a
# directory fed get-records lines at RATE events/s for SECONDS, with file
# rotation; RSS sampled, key presses timed (with no feed first: the
# measurement's floor), counters checked against what was written.
#
#   Scripts/load.sh [SECONDS=180] [RATE=20000]
#   SCRATCH=.build-rel Scripts/load.sh 60      # another build directory
#
# Prints progress every 10 s and a summary; exits non-zero when counters
# differ, RSS grows more than 25% after the first minute, a key does not
# show within 2 s (or the median is over 100 ms, the worst over 1 s), the
# writer falls short of RATE, or trailgrid exits. The run is in
# Scripts/load.py; it needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
rate=${2:-20000}
scratch=${SCRATCH:-$(pwd)/.build}
command -v tmux >/dev/null || { echo "load.sh needs tmux" >&2; exit 1; }
command -v python3 >/dev/null || { echo "load.sh needs python3" >&2; exit 1; }
build_start=$(date +%s)
swift build -c release --scratch-path "$scratch" --product trailgrid 2>&1 | tail -n 3
binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trailgrid"
[ -x "$binary" ] || { echo "release build of trailgrid failed" >&2; exit 1; }
echo "release build: $(( $(date +%s) - build_start )) s"
exec python3 Scripts/load.py "$binary" "$seconds" "$rate"
