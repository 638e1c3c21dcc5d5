#!/usr/bin/env bash
# Live coverage at scale: a fresh site (the demo content) whose first article an editor makes
# live and gives UPDATES updates through the API (every tenth a key event). Then:
#
#  1. ROUNDS times: STREAMS Server-Sent Events connections open on the article's
#     /articles/{slug}/live, one more update is published through the API, and the time from
#     just before that POST to each connection's `update` event is measured
#     (bench/live_clients.py). With BACKEND=postgres two `serve` processes share the database,
#     the connections are spread over both and the update is published through the first:
#     the event reaches the second by NOTIFY/LISTEN.
#  2. The live page's speed beside a normal article's (signed out, wrk, as bench/page.sh):
#     each steady (answered from the page cache), and the live page again while an update is
#     published every PUBLISH_EVERY seconds (each one drops the cached page, so some requests
#     render it: 20 updates, the key events, the conversation).
#
# Usage:  bench/live-coverage.sh                        # SQLite
#         BACKEND=postgres bench/live-coverage.sh       # PostgreSQL, two processes
#         SKIP_BUILD=1 BROADSHEET_BIN=target/debug/broadsheet STREAMS=50 UPDATES=30 ROUNDS=1 \
#           DURATION=3s WARMUP=0 bench/live-coverage.sh  # a quick try
#
# Settings (environment):
#   SKIP_BUILD=1  BROADSHEET_BIN=…    as in bench/page.sh
#   BACKEND=sqlite|postgres  PG_URL=postgres://postgres@127.0.0.1:5432/test
#   STREAMS=1000 UPDATES=500 ROUNDS=3 PUBLISH_EVERY=1
#   CONNECTIONS=64 THREADS=2 DURATION=10s WARMUP=2s     wrk settings
#   WRK=wrk PYTHON=python3 KEEP_TMP=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
STREAMS="${STREAMS:-1000}"
UPDATES="${UPDATES:-500}"
ROUNDS="${ROUNDS:-3}"
PUBLISH_EVERY="${PUBLISH_EVERY:-1}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
WRK="${WRK:-wrk}"
PYTHON="${PYTHON:-python3}"

BENCH_NAME=live_coverage
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools curl "$WRK" "$PYTHON" ss
for n in STREAMS UPDATES ROUNDS; do
  [[ "${!n}" =~ ^[1-9][0-9]*$ ]] || die "$n must be a positive number"
done
case "$BACKEND" in
  sqlite) ;;
  postgres) need_tools psql ;;
  *) die "BACKEND must be sqlite or postgres" ;;
esac
# Each stream is a file descriptor in the server and in the client.
need=$(( STREAMS + 256 ))
if (( $(ulimit -n) < need )); then
  ulimit -n "$need" 2>/dev/null || die "ulimit -n is $(ulimit -n); $need are needed (raise the hard limit)"
fi
build_unless_skipped
bench_init

# --- a fresh site, one process (two on PostgreSQL) ---------------------------------------------------
fresh_database
mkdir -p "$TMP/data"
DB_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL")
# Every stream comes from 127.0.0.1: lift the per-address and per-process bounds.
SERVER_ARGS=("${DB_ARGS[@]}" --max-live-streams "$STREAMS" --max-live-streams-per-address "$STREAMS")
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
log "starting broadsheet on $URL ($BACKEND)"
start_server
wait_healthy
PORTS="$PORT"
PROCESSES=1
if [[ "$BACKEND" == postgres ]]; then
  PORT2="$(free_port)"
  while [[ "$PORT2" == "$PORT" ]]; do PORT2="$(free_port)"; done
  "$BIN" serve "${SERVER_ARGS[@]}" --addr "127.0.0.1:$PORT2" >>"$TMP/server2.log" 2>&1 &
  EXTRA_PIDS+=($!)
  for _ in $(seq 1200); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT2/healthz")" == 200 ]] && break
    sleep 0.05
  done
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT2/healthz")" == 200 ]] \
    || { tail -20 "$TMP/server2.log" >&2; die "the second process did not start"; }
  PORTS="$PORT,$PORT2"
  PROCESSES=2
fi

# The first two articles on the front page: the live one and a normal one.
mapfile -t SLUGS < <(curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | sed 's/^href="\/articles\///; s/"$//' | awk '!seen[$0]++' | head -2)
(( ${#SLUGS[@]} == 2 )) || die "fewer than two articles on the front page"
SLUG="${SLUGS[0]}"
NORMAL="${SLUGS[1]}"

# --- an editor's token; the coverage opened and its updates published through the API ---------------
EMAIL="bench-editor@example.com"
BROADSHEET_PASSWORD="bench-live-password-$RANDOM$RANDOM" "$BIN" user create "${DB_ARGS[@]}" \
  --email "$EMAIL" --role editor --display-name "Bench Editor" >/dev/null 2>>"$TMP/server.log" \
  || die "user create failed"
TOKEN="$("$BIN" user token "${DB_ARGS[@]}" "$EMAIL" --name bench --scopes publish 2>>"$TMP/server.log")" \
  || die "user token failed"
api() { # method path json → the status; the answer in $TMP/api.json
  curl -s -o "$TMP/api.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data "$3" "$URL$2"
}
code="$(api POST "/api/v1/articles/$SLUG/coverage" '{"action": "open"}')"
[[ "$code" == 200 ]] || { cat "$TMP/api.json" >&2; die "opening the coverage answered $code"; }
log "publishing $UPDATES updates on /articles/$SLUG"
t_start="$(now_ms)"
for i in $(seq "$UPDATES"); do
  key=false
  (( i % 10 == 0 )) && key=true
  body="Update $i: the river gauge at the old bridge reads higher again, crews are moving sandbags to the east bank and the ferry waits for the next tide."
  code="$(api POST "/api/v1/articles/$SLUG/updates" "{\"body\": \"$body\", \"key_event\": $key}")"
  [[ "$code" == 201 ]] || { cat "$TMP/api.json" >&2; die "update $i answered $code"; }
done
PUBLISH_MS=$(( ( $(now_ms) - t_start ) / UPDATES ))

LIVE_PAGE="/articles/$SLUG"
NORMAL_PAGE="/articles/$NORMAL"
curl -sf "$URL$LIVE_PAGE" -o "$TMP/live.html" || die "GET $LIVE_PAGE failed"
grep -q 'class="live-badge"' "$TMP/live.html" || die "the live page has no Live badge"
SHOWN="$(grep -c '<article class="live-update' "$TMP/live.html" || true)"
(( SHOWN == 20 || SHOWN == UPDATES )) || die "the live page shows $SHOWN updates"
curl -sf "$URL$NORMAL_PAGE" -o "$TMP/normal.html" || die "GET $NORMAL_PAGE failed"

# --- publish to the last stream --------------------------------------------------------------------
echo "Broadsheet live-coverage benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/^Mem:/ { print $2 }') MiB"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "site:      fresh $BACKEND site (demo content), $PROCESSES process(es); $LIVE_PAGE live with $UPDATES updates (published through the API, ${PUBLISH_MS} ms each on average)"
echo
echo "publish to the last stream: $STREAMS streams per round, spread over port(s) $PORTS; one update published through the API on port $PORT"
printf '%-6s %6s %10s %8s %8s %10s %9s %9s %9s %9s %8s %s\n' \
  round load1 connected open_s post received missing first_ms p50_ms p99_ms rss_MiB errors
failed=0
for round in $(seq "$ROUNDS"); do
  load="$(load1)"
  rc=0
  "$PYTHON" "$ROOT/bench/live_clients.py" --port "$PORT" --ports "$PORTS" --slug "$SLUG" \
    --connections "$STREAMS" --token "$TOKEN" --json >"$TMP/round-$round.json" || rc=$?
  rss=$(( $(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status") / 1024 ))
  "$PYTHON" - "$TMP/round-$round.json" "$round" "$load" "$rss" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print("%-6s %6s %10s %8s %8s %10s %9s %9s %9s %9s %8s %s" % (
    sys.argv[2], sys.argv[3], "%d/%d" % (r["connected"], r["connections"]), r["open_secs"],
    r["post_status"].split(" ")[1] if " " in r["post_status"] else r["post_status"],
    r["received"], r["missing"], r["first_ms"], r["p50_ms"], r["p99_ms"], sys.argv[4],
    r["errors"] or "-"))
print("       last stream received it after %s ms (the POST itself took %s ms)" % (r["last_ms"], r["post_ms"]))
EOF
  (( rc == 0 )) || failed=1
done
echo "post: the status of the API's POST (201 = published); times are from just before the POST to each receipt"

# --- the pages under load ----------------------------------------------------------------------------
run_wrk live "$URL$LIVE_PAGE"
run_wrk normal "$URL$NORMAL_PAGE"
# The live page while updates keep coming: each publication drops the cached copy.
(
  n=0
  while sleep "$PUBLISH_EVERY"; do
    n=$(( n + 1 ))
    api POST "/api/v1/articles/$SLUG/updates" "{\"body\": \"Update during the load, number $n.\"}" >/dev/null || true
    echo "$n" >"$TMP/published-during-load"
  done
) &
PUBLISHER=$!
EXTRA_PIDS+=("$PUBLISHER")
run_wrk live-publishing "$URL$LIVE_PAGE"
kill "$PUBLISHER" 2>/dev/null || true
wait "$PUBLISHER" 2>/dev/null || true
DURING="$(cat "$TMP/published-during-load" 2>/dev/null || echo 0)"

echo
echo "pages: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP), signed out; live page $(wc -c <"$TMP/live.html") bytes, normal article $(wc -c <"$TMP/normal.html") bytes"
printf '%-34s %6s %11s %9s %9s %7s %8s\n' page load1 "req/s" p50 p99 errors "/normal"
read -r n_rps n_p50 n_p99 n_err < <(parse_wrk normal)
for name in normal live live-publishing; do
  read -r rps p50 p99 err < <(parse_wrk "$name")
  label="$name"
  [[ "$name" == live-publishing ]] && label="live, an update every ${PUBLISH_EVERY}s ($DURING)"
  printf '%-34s %6s %11s %9s %9s %7s %8s\n' "$label" "${LOAD[$name]}" "$rps" \
    "$(to_ms "$p50")ms" "$(to_ms "$p99")ms" "$err" "$(pct "$rps" "$n_rps")"
done
(( failed == 0 )) || { log "some streams did not receive the update"; exit 1; }
