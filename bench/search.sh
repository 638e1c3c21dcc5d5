#!/usr/bin/env bash
# Search latency over a large site: generates ARTICLES synthetic articles (default 100,000) on
# SQLite or PostgreSQL, then drives /search with wrk, rotating through a fixed list of queries
# (single words, prefixes, phrases, filters, newest-first), and prints req/s, p50 and p99.
#
# Usage: bench/search.sh    BACKEND=postgres bench/search.sh    ARTICLES=20000 DURATION=5s
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTICLES="${ARTICLES:-100000}"
BACKEND="${BACKEND:-sqlite}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
[ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release --quiet)
TMP="$(mktemp -d)"
PID=""
DBNAME=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  [ -n "$DBNAME" ] && psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
if [ "$BACKEND" = postgres ]; then
  DBNAME="bench_search_$(date +%s)"
  psql -q "$PG_URL" -c "CREATE DATABASE $DBNAME" >/dev/null
  DB_URL="${PG_URL%/*}/$DBNAME"
else
  DB_URL="sqlite://$TMP/site.db"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"

"$BIN" --database-url "$DB_URL" migrate >/dev/null
t0=$(date +%s)
"$BIN" --database-url "$DB_URL" generate --articles "$ARTICLES" >/dev/null
gen=$(( $(date +%s) - t0 ))
NO_COLOR=1 "$BIN" --database-url "$DB_URL" --no-demo --addr "127.0.0.1:$PORT" --data-dir "$TMP" serve >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.1; done

cat >"$TMP/search.lua" <<'LUA'
local queries = {
  "/search?q=harbour", "/search?q=glac", "/search?q=%22budget+railway%22", "/search?q=tariff+census",
  "/search?q=reactor&sort=newest", "/search?q=signal&section=science", "/search?q=vaccine+pension+canal",
  "/search?q=synthetic+4242", "/search?q=orchard&from=2026-01-01", "/search?q=nothingmatchesthis",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
LUA
for q in "harbour" "glac" "%22budget+railway%22"; do
  printf 'sample %-24s %s results on the first page\n' "$q" "$(curl -s "$URL/search?q=$q" | grep -c 'class="card search-hit"' || true)"
done
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/search.lua" "$URL" >"$TMP/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.txt")
p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.txt")
errors=$(awk '/Non-2xx/ {print $5}' "$TMP/wrk.txt")
printf '\nsearch benchmark — %s — %s, %s CPUs (%s)\n' "$(date -u '+%F %T UTC')" "$BACKEND" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'site: %s synthetic articles (generated in %s s); wrk -t2 -c%s -d%s over 10 queries\n' "$ARTICLES" "$gen" "$CONNECTIONS" "$DURATION"
printf 'searches/s %s   p50 %s   p99 %s   non-2xx %s\n' "$rps" "$p50" "$p99" "${errors:-0}"
