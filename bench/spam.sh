#!/usr/bin/env bash
# The spam classifier's precision and recall on the labelled comments in bench/spam/labelled.jsonl:
# trains on three lines in four, judges every fourth line, at the hold threshold (0.9) and at 0.5,
# then the same with each quarter held out in turn. A debug build: the run is a fraction of a
# second either way, and the debug build is the one `cargo test` has usually made already.
#
# Usage: bench/spam.sh    bench/spam.sh OTHER.jsonl
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo run --quiet --example spam_eval -- "${1:-bench/spam/labelled.jsonl}"
