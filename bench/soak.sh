#!/usr/bin/env bash
# Soak test: ten minutes (by default) of mixed traffic — signed-out reading, listings, search,
# feeds, signed-in reading and comment posting by members — against one server, sampling its
# resident memory every 10 seconds. Passes when every answer was the expected one; the memory
# samples show whether it stays flat. The result goes to BENCHMARKS.md by hand.
#
# Usage:  bench/soak.sh                         # SQLite demo site, 600 s, 8 workers
#         SECONDS_TO_RUN=60 bench/soak.sh        # a quick check
#         BACKEND=postgres bench/soak.sh
#
# Settings: SKIP_BUILD=1, BROADSHEET_BIN, SECONDS_TO_RUN=600, WORKERS=8, BACKEND=sqlite|postgres,
# PG_URL (a fresh database soak_<timestamp> is created there and dropped at the end), KEEP_TMP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
SECONDS_TO_RUN="${SECONDS_TO_RUN:-600}"
WORKERS="${WORKERS:-8}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"

log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet)
fi
[[ -x "$BIN" ]] || { log "no binary at $BIN"; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-soak.XXXXXX")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DB_URL="sqlite://$TMP/soak.db"
PG_DB=""
if [[ "$BACKEND" == postgres ]]; then
  PG_DB="soak_$(date +%Y%m%d%H%M%S)_$$"
  psql "$PG_URL" -q -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
  DB_URL="${PG_URL%/*}/$PG_DB"
fi
SERVER_PID=""
cleanup() {
  local rc=$?
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -n "$PG_DB" ]] && psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1
  if [[ "${KEEP_TMP:-0}" == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT

"$BIN" --addr "127.0.0.1:$PORT" --data-dir "$TMP" --database-url "$DB_URL" \
  --comments-per-minute 1000000 --signups-per-hour 1000000 serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
log "commit $(git -C "$ROOT" rev-parse --short HEAD); $BACKEND; $WORKERS workers for $SECONDS_TO_RUN s"
python3 "$ROOT/bench/soak.py" 127.0.0.1 "$PORT" "$SERVER_PID" "$SECONDS_TO_RUN" "$WORKERS" | tee "$TMP/summary.json"
status=${PIPESTATUS[0]}
log "server log lines at ERROR: $(grep -c ' ERROR ' "$TMP/server.log" || true)"
exit "$status"
