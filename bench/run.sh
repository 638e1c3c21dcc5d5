#!/usr/bin/env bash
# Throughput benchmark: Broadsheet's article page against nginx serving the same HTML as a
# static file, both on loopback, measured with wrk. Also reports Broadsheet's start-up time on
# an existing database and its resident memory after the load.
#
# Usage:  bench/run.sh                      # demo content only (18 articles), SQLite
#         BENCH_ARTICLES=100000 bench/run.sh   # the size BENCHMARKS.md uses
#         BACKEND=postgres bench/run.sh
#
# Settings (environment):
#   SKIP_BUILD=1        use the existing target/release/broadsheet (default: cargo build --release)
#   BROADSHEET_BIN      binary to run (default: target/release/broadsheet)
#   BENCH_ARTICLES=N    add N synthetic articles with `broadsheet generate` before the run
#                       (default 0; BENCHMARKS.md uses 100000)
#   CONNECTIONS=64 THREADS=2 DURATION=10s    wrk settings
#   WARMUP=2s           short wrk run against each target before measuring (0 to skip)
#   BACKEND=sqlite|postgres   (default sqlite: a fresh database file in the temp dir)
#   PG_URL              server for BACKEND=postgres (default postgres://postgres@127.0.0.1:5432/test);
#                       a fresh database bench_<timestamp> is created on it and dropped at the end
#   NGINX=/usr/sbin/nginx  WRK=wrk
#   KEEP_TMP=1          keep the temp dir (logs, configs, database) for inspection
#
# Everything listens on 127.0.0.1 only. All processes and temp files are removed on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD="${SKIP_BUILD:-0}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
BENCH_ARTICLES="${BENCH_ARTICLES:-0}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
NGINX="${NGINX:-/usr/sbin/nginx}"
WRK="${WRK:-wrk}"
KEEP_TMP="${KEEP_TMP:-0}"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in curl "$WRK" "$NGINX" ss; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
[[ "$BENCH_ARTICLES" =~ ^[0-9]+$ ]] || die "BENCH_ARTICLES must be a number"
case "$BACKEND" in
  sqlite) ;;
  postgres) command -v psql >/dev/null 2>&1 || die "psql is needed for BACKEND=postgres" ;;
  *) die "BACKEND must be sqlite or postgres" ;;
esac

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet)
fi
[[ -x "$BIN" ]] || die "no binary at $BIN (build it, or unset SKIP_BUILD)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")"
SERVER_PID=""
NGINX_PID=""
CHILD_PID=""
PG_DB=""
PG_ADMIN_URL=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  if [[ -n "$CHILD_PID" ]]; then kill -TERM "$CHILD_PID" 2>/dev/null || true; wait "$CHILD_PID" 2>/dev/null || true; fi
  stop_server
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n "$PG_DB" ]]; then
    psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 \
      || log "could not drop database $PG_DB"
  fi
  if [[ "$KEEP_TMP" == 1 ]]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free TCP port on 127.0.0.1: a random one that nothing listens on.
free_port() {
  local port
  for _ in $(seq 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! ss -Htan "( sport = :$port )" 2>/dev/null | grep -q .; then
      echo "$port"; return 0
    fi
  done
  die "no free port found"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- database --------------------------------------------------------------------------------
if [[ "$BACKEND" == postgres ]]; then
  PG_DB="bench_$(date +%Y%m%d%H%M%S)_$$"
  PG_ADMIN_URL="$PG_URL"
  log "creating database $PG_DB"
  psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
  DB_URL="${PG_URL%/*}/$PG_DB"
else
  DB_URL="sqlite://$TMP/data/broadsheet.db"
fi
export NO_COLOR=1
SERVER_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL")

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"

start_server() {
  "$BIN" serve "${SERVER_ARGS[@]}" --addr "127.0.0.1:$PORT" >>"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
}

# Waits until /healthz answers 200; fails after 120 s or when the server exits.
wait_healthy() {
  local deadline=$(( $(now_ms) + 120000 ))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz" 2>/dev/null)" == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$TMP/server.log" >&2; die "the server exited"; }
    (( $(now_ms) < deadline )) || { tail -20 "$TMP/server.log" >&2; die "the server did not become healthy"; }
    sleep 0.01
  done
}

# First start on the empty database: creates the schema and loads the demo articles.
log "starting broadsheet on $URL ($BACKEND)"
start_server
wait_healthy

GEN_SECS=""
if (( BENCH_ARTICLES > 0 )); then
  stop_server
  log "generating $BENCH_ARTICLES synthetic articles"
  t0=$(now_ms)
  "$BIN" generate "${SERVER_ARGS[@]}" --articles "$BENCH_ARTICLES" >"$TMP/generate.log" 2>&1 &
  CHILD_PID=$!
  rc=0; wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  (( rc == 0 )) || { tail -20 "$TMP/generate.log" >&2; die "generate failed"; }
  GEN_SECS=$(awk -v ms=$(( $(now_ms) - t0 )) 'BEGIN { printf "%.1f", ms / 1000 }')
  log "generated in ${GEN_SECS}s"
  start_server
  wait_healthy
fi

# --- the page under test ---------------------------------------------------------------------
curl -sf "$URL/" -o "$TMP/front.html" || die "front page failed"
# The first demo article linked from the front page (synthetic ones only as a fallback).
ARTICLE_PATH="$(grep -o 'href="/articles/[^"#?]*"' "$TMP/front.html" | sed 's/^href="//; s/"$//' \
  | awk '!/^\/articles\/synthetic-/ { print; found = 1; exit } NR == 1 { first = $0 } END { if (!found && first != "") print first }' \
  | head -1)"
[[ -n "$ARTICLE_PATH" ]] || die "no /articles/ link on the front page"
mkdir -p "$TMP/www$(dirname "$ARTICLE_PATH")"
curl -sf "$URL$ARTICLE_PATH" -o "$TMP/www$ARTICLE_PATH" || die "article page failed"
PAGE_BYTES=$(wc -c <"$TMP/www$ARTICLE_PATH")

# --- nginx serving the same bytes at the same path --------------------------------------------
NGINX_PORT="$(free_port)"
while [[ "$NGINX_PORT" == "$PORT" ]]; do NGINX_PORT="$(free_port)"; done
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
mkdir -p "$TMP/nginx-tmp"/{client_body,proxy,fastcgi,uwsgi,scgi}
# nginx's workers drop to "nobody" when started as root: let them read the page.
chmod 755 "$TMP"
chmod -R a+rX "$TMP/www"
cat >"$TMP/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx-tmp/client_body;
  proxy_temp_path $TMP/nginx-tmp/proxy;
  fastcgi_temp_path $TMP/nginx-tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx-tmp/uwsgi;
  scgi_temp_path $TMP/nginx-tmp/scgi;
  sendfile on;
  tcp_nopush on;
  # Like Broadsheet, keep a wrk connection open for the whole run.
  keepalive_requests 1000000;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location = $ARTICLE_PATH { default_type text/html; }
    location / { return 404; }
  }
}
EOF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -t -q 2>>"$TMP/nginx-error.log" \
  || { cat "$TMP/nginx-error.log" >&2; die "nginx config test failed"; }
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" 2>>"$TMP/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL$ARTICLE_PATH" 2>/dev/null)" == 200 ]] && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx-error.log" >&2; die "nginx exited"; }
  sleep 0.05
done
cmp -s <(curl -s "$NGINX_URL$ARTICLE_PATH") "$TMP/www$ARTICLE_PATH" || die "nginx does not serve the page"

# --- load --------------------------------------------------------------------------------------
# Runs wrk in the background (so that a signal stops it through the EXIT trap) into
# $TMP/wrk-NAME.txt.
run_wrk() {
  local name=$1 url=$2 out="$TMP/wrk-$1.txt" rc=0
  if [[ "$WARMUP" != 0 ]]; then
    "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" "$url" >/dev/null 2>&1 &
    CHILD_PID=$!
    wait "$CHILD_PID" || true
  fi
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
  "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency "$url" >"$out" 2>&1 &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  (( rc == 0 )) || { cat "$out" >&2; die "wrk failed against $name"; }
}

# Prints "req/s p50 p99 errors" from a wrk output (latencies as wrk prints them).
parse_wrk() {
  awk '
    /^Requests\/sec:/ { rps = $2 }
    /^[ \t]+50%/ { p50 = $2 }
    /^[ \t]+99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { errs += $NF }
    /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(",", "", v); errs += v } }
    END { if (rps == "") exit 1; printf "%s %s %s %d\n", rps, p50, p99, errs }
  ' "$1"
}

run_wrk broadsheet "$URL$ARTICLE_PATH"
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
run_wrk nginx "$NGINX_URL$ARTICLE_PATH"
read -r BS_RPS BS_P50 BS_P99 BS_ERR < <(parse_wrk "$TMP/wrk-broadsheet.txt") || die "cannot read wrk output"
read -r NG_RPS NG_P50 NG_P99 NG_ERR < <(parse_wrk "$TMP/wrk-nginx.txt") || die "cannot read wrk output"

# --- start-up on the existing database -----------------------------------------------------------
stop_server
: >"$TMP/server.log"
t0=$(now_ms)
start_server
wait_healthy
STARTUP_MS=$(( $(now_ms) - t0 ))
LOGGED_STARTUP_MS=$(grep -o 'startup_ms=[0-9]*' "$TMP/server.log" | head -1 | cut -d= -f2 || true)
stop_server

# --- report ------------------------------------------------------------------------------------
to_ms() { # wrk latency ("812.00us", "1.23ms", "1.02s") to milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }'; }

ARTICLE_COUNT="18 demo"
(( BENCH_ARTICLES > 0 )) && ARTICLE_COUNT="18 demo + $BENCH_ARTICLES synthetic"

echo "Broadsheet benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "backend:   $BACKEND, $ARTICLE_COUNT articles"
[[ -n "$GEN_SECS" ]] && echo "generate:  $BENCH_ARTICLES articles in ${GEN_SECS}s"
echo "page:      GET $ARTICLE_PATH ($PAGE_BYTES bytes, no compression requested)"
echo "load:      wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP), nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') worker_processes 2"
echo
printf '%-20s %12s %10s %10s\n' target "req/s" p50 p99
printf '%-20s %12s %10s %10s\n' broadsheet "$BS_RPS" "$BS_P50" "$BS_P99"
printf '%-20s %12s %10s %10s\n' "nginx (static)" "$NG_RPS" "$NG_P50" "$NG_P99"
printf '%-20s %12s %10s %10s\n' "broadsheet/nginx" "$(pct "$BS_RPS" "$NG_RPS")" \
  "$(pct "$(to_ms "$BS_P50")" "$(to_ms "$NG_P50")")" "$(pct "$(to_ms "$BS_P99")" "$(to_ms "$NG_P99")")"
echo
echo "errors:    broadsheet $BS_ERR, nginx $NG_ERR (non-2xx/3xx responses and socket errors)"
echo "memory:    broadsheet VmRSS $(( RSS_KB / 1024 )) MiB after the load (peak VmHWM $(( HWM_KB / 1024 )) MiB)"
echo "start-up:  ${STARTUP_MS} ms from exec to the first /healthz 200 on the existing database (server logged startup_ms=${LOGGED_STARTUP_MS:-?})"
if (( BS_ERR > 0 || NG_ERR > 0 )); then
  log "warning: some requests failed; see the wrk output with KEEP_TMP=1"
fi
