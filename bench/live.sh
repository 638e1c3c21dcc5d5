#!/usr/bin/env bash
# Live updates at scale: opens CONNECTIONS (default 1,000) Server-Sent Events connections to one
# article's /articles/{slug}/live, posts one comment through the comment form as a signed-in
# member, and counts how many connections received its `comment` event and how long after the
# post the last one did (bench/live_clients.py, Python standard library only).
#
# Usage:  bench/live.sh                    # SQLite, demo content
#         BACKEND=postgres bench/live.sh   # PostgreSQL (the event travels by NOTIFY/LISTEN)
#         CONNECTIONS=2000 ROUNDS=3 bench/live.sh
#
# Settings: SKIP_BUILD=1 BROADSHEET_BIN=… CONNECTIONS=1000 ROUNDS=3 (one post per round, the
# connections opened afresh each round) BACKEND=sqlite|postgres PG_URL=… KEEP_TMP=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD="${SKIP_BUILD:-0}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
CONNECTIONS="${CONNECTIONS:-1000}"
ROUNDS="${ROUNDS:-3}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
KEEP_TMP="${KEEP_TMP:-0}"
PYTHON="${PYTHON:-python3}"

log() { printf '[live %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in curl "$PYTHON" ss; do command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"; done

# Each connection is a file descriptor in the server and in the client.
need=$(( CONNECTIONS + 256 ))
if (( $(ulimit -n) < need )); then
  ulimit -n "$need" 2>/dev/null || die "ulimit -n is $(ulimit -n); $need are needed (raise the hard limit)"
fi

if [[ "$SKIP_BUILD" != 1 ]]; then (cd "$ROOT" && cargo build --release --quiet); fi
[[ -x "$BIN" ]] || die "no binary at $BIN"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-live.XXXXXX")"
SERVER_PID="" PG_DB=""
cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$PG_DB" ]]; then
    psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || log "could not drop $PG_DB"
  fi
  if [[ "$KEEP_TMP" == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
if [[ "$BACKEND" == postgres ]]; then
  PG_DB="bench_live_$(date +%Y%m%d%H%M%S)_$$"
  psql "$PG_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
  DB_URL="${PG_URL%/*}/$PG_DB"
else
  DB_URL="sqlite://$TMP/data/broadsheet.db"
fi
export NO_COLOR=1
ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL")
# Every connection comes from 127.0.0.1: lift the per-address and per-process stream bounds.
"$BIN" serve "${ARGS[@]}" --addr "127.0.0.1:$PORT" \
  --max-live-streams "$CONNECTIONS" --max-live-streams-per-address "$CONNECTIONS" >>"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1200); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")" == 200 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$TMP/server.log" >&2; die "the server exited"; }
  sleep 0.05
done

SLUG="$(curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | head -1 | sed 's/^href="\/articles\///; s/"$//')"
[[ -n "$SLUG" ]] || die "no article on the front page"

# A member, created with the command line, signed in through the form.
EMAIL="live-bench@example.test"
PASSWORD="live-bench-password-long"
BROADSHEET_PASSWORD="$PASSWORD" "$BIN" "${ARGS[@]}" user create --email "$EMAIL" >/dev/null
jar="$TMP/jar.txt"
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
curl -sf -c "$jar" -b "$jar" "$URL/signin" -o "$TMP/signin.html"
code="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$(csrf_of "$TMP/signin.html")" \
  --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$URL/signin")"
[[ "$code" == 303 ]] || die "POST /signin answered $code"
SESSION="$(awk '$6 == "bs_session" { v = $7 } END { print v }' "$jar")"
curl -sf -H "Cookie: bs_session=$SESSION" "$URL/articles/$SLUG" -o "$TMP/article.html"
CSRF="$(csrf_of "$TMP/article.html")"
[[ -n "$SESSION" && -n "$CSRF" ]] || die "could not sign in"

echo "Broadsheet live-updates benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "backend:   $BACKEND; stream /articles/$SLUG/live; $CONNECTIONS connections per round, one comment posted per round"
echo
printf '%-6s %6s %10s %10s %9s %8s %10s %9s %9s %9s %9s %8s %s\n' \
  round load1 connected open_s post received missing first_ms p50_ms p99_ms last_ms rss_MiB errors
failed=0
for round in $(seq "$ROUNDS"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  rc=0
  "$PYTHON" "$ROOT/bench/live_clients.py" --port "$PORT" --slug "$SLUG" --connections "$CONNECTIONS" \
    --cookie "$SESSION" --csrf "$CSRF" --json >"$TMP/round-$round.json" || rc=$?
  rss=$(( $(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status") / 1024 ))
  "$PYTHON" - "$TMP/round-$round.json" "$round" "$load" "$rss" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print("%-6s %6s %10s %10s %9s %8s %10s %9s %9s %9s %9s %8s %s" % (
    sys.argv[2], sys.argv[3], "%d/%d" % (r["connected"], r["connections"]), r["open_secs"],
    r["post_status"].split(" ")[1] if " " in r["post_status"] else r["post_status"],
    r["received"], r["missing"], r["first_ms"], r["p50_ms"], r["p99_ms"], r["last_ms"], sys.argv[4],
    r["errors"] or "-"))
EOF
  (( rc == 0 )) || failed=1
  sleep 13  # the member may post 5 comments a minute
done
echo
echo "post: the status of the comment form's POST (303 = accepted); times are from just before the POST to each receipt"
(( failed == 0 )) || { log "some connections did not receive the event"; exit 1; }
