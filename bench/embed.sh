#!/usr/bin/env bash
# The embedded conversation under load, beside the article page: a fresh site (the demo
# content) with a registered embedding site; one embedded page's thread given COMMENTS comments
# through the frame's own form, 19 more pages loaded once; the first article given COMMENTS
# comments through the API. Then, RUNS times over, wrk against the framed thread page
# (/embed/thread?…, signed out: from the page cache, as the article page), the same thread
# rendered for each request (a frame session cookie that names no session keeps it out of the
# cache, as a signed-in reader's frame is), the counts endpoint (20 pages in one request) and the
# signed-out article page.
#
# Usage:  bench/embed.sh
#         SKIP_BUILD=1 RUNS=1 DURATION=5s bench/embed.sh     # a quick try
#
# Settings (environment):
#   SKIP_BUILD=1  BROADSHEET_BIN=…   use a binary already built (default target/release)
#   COMMENTS=50 RUNS=3
#   CONNECTIONS=64 THREADS=2 DURATION=10s WARMUP=2s WRK=wrk KEEP_TMP=1
#
# Every wrk line carries the 1-minute load average read just before it: on a shared machine
# compare figures within a run, not across runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
COMMENTS="${COMMENTS:-50}"
RUNS="${RUNS:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
WRK="${WRK:-wrk}"

BENCH_NAME=embed
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools curl "$WRK" ss python3
[[ "$COMMENTS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "COMMENTS and RUNS must be numbers"
build_unless_skipped
bench_init

BACKEND=sqlite
fresh_database
mkdir -p "$TMP/data"
DB_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL")
SERVER_ARGS=("${DB_ARGS[@]}" --comments-per-minute 1000000)
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
log "starting broadsheet on $URL (sqlite, the demo content)"
start_server
wait_healthy

HOST="https://blog.example"
SITE="$("$BIN" site add "${DB_ARGS[@]}" "Bench blog" --origin "$HOST" 2>>"$TMP/server.log" \
  | awk '/^id: / { print $2 }')"
[[ -n "$SITE" ]] || die "site add printed no id"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
FRAME="/embed/thread?site=$SITE&page=$(enc "$HOST/2026/benchmarked")&title=Benchmarked"
POST="${FRAME/\/embed\/thread?//embed/thread/comments?}"

# --- COMMENTS comments in the frame, by a signed-in member ------------------------------------------
EMAIL="bench-reader@example.com"
PASSWORD="bench-embed-password-$RANDOM$RANDOM"
BROADSHEET_PASSWORD="$PASSWORD" "$BIN" user create "${DB_ARGS[@]}" --email "$EMAIL" \
  --display-name "Bench Reader" >/dev/null 2>>"$TMP/server.log" || die "user create failed"
SESSION="$(sign_in "$EMAIL" "$PASSWORD")"
COOKIE=(-H "Cookie: bs_session=$SESSION")
curl -sf "${COOKIE[@]}" "$URL$FRAME" -o "$TMP/frame.html" || die "GET the frame failed"
CSRF="$(grep -o 'name="csrf" value="[^"]*"' "$TMP/frame.html" | head -1 | sed 's/.*value="//; s/"$//')"
[[ -n "$CSRF" ]] || die "the frame has no comment form"
BODY="This page's conversation, comment number N. The harbour study matches what fishermen have said for years: the winter storms move the sand bar."
log "posting $COMMENTS comments in the frame"
for i in $(seq "$COMMENTS"); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "${COOKIE[@]}" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "body=${BODY/N/$i}" "$URL$POST")"
  [[ "$code" == 303 ]] || die "POST comment $i in the frame answered $code"
done
SHOWN="$(curl -sf "$URL$FRAME" | grep -o 'Comments ([0-9,]*)' | head -1)"
[[ "$SHOWN" == "Comments ($COMMENTS)" ]] || die "the frame shows \"$SHOWN\", expected $COMMENTS comments"

# --- 19 more pages, and the counts of all 20 in one request ----------------------------------------
COUNTS="/embed/counts?site=$SITE&page=$(enc "$HOST/2026/benchmarked")"
for i in $(seq 19); do
  page="$(enc "$HOST/2026/listed-$i")"
  curl -sf -o /dev/null "$URL/embed/thread?site=$SITE&page=$page" || die "loading page $i failed"
  COUNTS="$COUNTS&page=$page"
done
curl -sf "$URL$COUNTS" -o "$TMP/counts.json" || die "GET the counts failed"
grep -q "\"$HOST/2026/benchmarked\":$COMMENTS" "$TMP/counts.json" || die "the counts are wrong: $(cat "$TMP/counts.json")"

# --- the article page with as many comments, through the API ----------------------------------------
SLUG="$(curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | head -1 | sed 's/^href="\/articles\///; s/"$//')"
[[ -n "$SLUG" ]] || die "no article on the front page"
ARTICLE="/articles/$SLUG"
TOKEN="$("$BIN" user token "${DB_ARGS[@]}" "$EMAIL" --name bench --scopes comment 2>>"$TMP/server.log")" \
  || die "user token failed"
log "posting $COMMENTS comments to $ARTICLE"
for i in $(seq "$COMMENTS"); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data "{\"body\": \"${BODY/N/$i}\"}" \
    "$URL/api/v1/articles/$SLUG/comments")"
  [[ "$code" == 201 ]] || die "POST comment $i to the article answered $code"
done

FRAME_BYTES="$(curl -sf "$URL$FRAME" | wc -c)"
ARTICLE_BYTES="$(curl -sf "$URL$ARTICLE" | wc -c)"
COUNTS_BYTES="$(wc -c <"$TMP/counts.json")"

# --- load ---------------------------------------------------------------------------------------
for run in $(seq "$RUNS"); do
  run_wrk "frame-$run" "$URL$FRAME"
  run_wrk "rendered-$run" "$URL$FRAME" -H "Cookie: bs_embed=bench-names-no-session"
  run_wrk "counts-$run" "$URL$COUNTS"
  run_wrk "article-$run" "$URL$ARTICLE"
done

# --- report --------------------------------------------------------------------------------------
echo "Broadsheet embedded conversation beside the article page — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/^Mem:/ { print $2 }') MiB"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "site:      fresh sqlite site (demo content); the framed thread and $ARTICLE each with $COMMENTS comments"
echo "pages:     frame $FRAME_BYTES bytes (page cache; \"rendered\": with a frame cookie, rendered per request), article $ARTICLE_BYTES bytes (page cache), counts of 20 pages $COUNTS_BYTES bytes"
echo "load:      wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP), signed out, no Accept-Encoding"
echo
printf '%-4s %-26s %6s %11s %9s %9s %7s %9s\n' run what load1 "req/s" p50 p99 errors "/article"
for run in $(seq "$RUNS"); do
  read -r a_rps a_p50 a_p99 a_err < <(parse_wrk "article-$run")
  for name in "article-$run:article page" "frame-$run:framed thread (50)" \
    "rendered-$run:framed thread, rendered" "counts-$run:counts (20 pages)"; do
    IFS=: read -r key what <<<"$name"
    read -r rps p50 p99 err < <(parse_wrk "$key")
    printf '%-4s %-26s %6s %11s %9s %9s %7s %9s\n' "$run" "$what" "${LOAD[$key]}" "$rps" \
      "$(to_ms "$p50")ms" "$(to_ms "$p99")ms" "$err" "$(pct "$rps" "$a_rps")"
  done
done
