#!/usr/bin/env bash
# The conversation's speed targets on a large SQLite site, in one run, against nginx serving the
# same bytes as static files:
#   - an article page with 50 comments, signed out (page cache) and signed in (a real session
#     cookie: rendered each time), against nginx;
#   - the first page of a 5,000-comment thread, signed out and signed in, against the same;
#   - resident memory after that load, and again after a crawl of many different articles
#     (which fills the page cache);
#   - start-up on the existing database (exec -> first /healthz 200), several times.
#
# The site: the demo content, then `broadsheet generate --articles $ARTICLES --comments
# $COMMENTS --thread-article A --thread-comments 50 --thread-article B --thread-comments 5000`,
# A and B being the first two demo articles on the front page.
#
# Usage:  bench/comments.sh                                  # 100,000 articles, 1,000,000 comments
#         ARTICLES=2000 COMMENTS=20000 bench/comments.sh     # a quick try
#         DATA_DIR=/tmp/big bench/comments.sh                # keep the site; later runs reuse it
#
# Settings (environment):
#   SKIP_BUILD=1  BROADSHEET_BIN=…       as in bench/run.sh
#   ARTICLES=100000 COMMENTS=1000000 SMALL=50 BIG=5000
#   REPLY_SHARE=0.3     share of generated comments that are replies (0: every comment is a
#                       thread, so page 1 of both articles shows exactly 50 comments)
#   DATA_DIR=DIR        the site lives in DIR (generated only when DIR/broadsheet.db is missing,
#                       and kept); default: a temp dir removed at the end
#   CONNECTIONS=64 THREADS=2 DURATION=10s WARMUP=2s     wrk settings
#   CRAWL_PAGES=3000 CRAWL_DURATION=20s   the crawl: signed-out GETs over that many articles
#   STARTS=5            start-up measurements
#   GENERATE_ONLY=1     make the site in DATA_DIR and stop (measure later, when the machine is quieter)
#   NGINX=/usr/sbin/nginx WRK=wrk KEEP_TMP=1
#
# Every measurement line carries the 1-minute load average read just before it (the machine
# is shared: compare ratios to nginx from the same run, not absolute figures across runs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD="${SKIP_BUILD:-0}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
ARTICLES="${ARTICLES:-100000}"
COMMENTS="${COMMENTS:-1000000}"
SMALL="${SMALL:-50}"
BIG="${BIG:-5000}"
REPLY_SHARE="${REPLY_SHARE:-0.3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
CRAWL_PAGES="${CRAWL_PAGES:-3000}"
CRAWL_DURATION="${CRAWL_DURATION:-20s}"
STARTS="${STARTS:-5}"
NGINX="${NGINX:-/usr/sbin/nginx}"
WRK="${WRK:-wrk}"
KEEP_TMP="${KEEP_TMP:-0}"

BENCH_NAME=comments
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools curl "$WRK" "$NGINX" ss sqlite3
build_unless_skipped
bench_init
DATA="${DATA_DIR:-$TMP/data}"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
DB="$DATA/broadsheet.db"

# /metrics answers only with the token.
METRICS_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export BROADSHEET_METRICS_TOKEN="$METRICS_TOKEN"
SERVER_ARGS=(--data-dir "$DATA" --database-url "sqlite://$DB")
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"

# --- the site ----------------------------------------------------------------------------------
GEN_NOTE="reused $DB"
if [[ ! -f "$DB" || ! -f "$DATA/bench-slugs.txt" ]]; then
  [[ -f "$DB" ]] && die "$DB exists but was not made by this script (no bench-slugs.txt)"
  log "first start: schema and demo content"
  start_server
  wait_healthy
  # The first two demo articles linked from the front page carry the SMALL and BIG threads.
  curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | sed 's/^href="\/articles\///; s/"$//' \
    | awk '!seen[$0]++' | head -2 >"$TMP/slugs.txt"
  (( $(wc -l <"$TMP/slugs.txt") == 2 )) || die "fewer than two articles on the front page"
  stop_server
  log "generating $ARTICLES articles, $COMMENTS comments, threads of $SMALL and $BIG"
  t0=$(now_ms)
  "$BIN" generate "${SERVER_ARGS[@]}" --articles "$ARTICLES" --comments "$COMMENTS" --reply-share "$REPLY_SHARE" \
    --thread-article "$(sed -n 1p "$TMP/slugs.txt")" --thread-comments "$SMALL" \
    --thread-article "$(sed -n 2p "$TMP/slugs.txt")" --thread-comments "$BIG" \
    >"$TMP/generate.log" 2>&1 &
  CHILD_PID=$!
  rc=0; wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  (( rc == 0 )) || { tail -20 "$TMP/generate.log" >&2; die "generate failed"; }
  GEN_MS=$(( $(now_ms) - t0 ))
  cp "$TMP/slugs.txt" "$DATA/bench-slugs.txt"
  GEN_NOTE="generated in $(awk -v ms="$GEN_MS" 'BEGIN { printf "%.1f", ms / 1000 }') s"
fi
if [[ "${GENERATE_ONLY:-0}" == 1 ]]; then
  log "site ready in $DATA ($GEN_NOTE)"
  cat "$TMP/generate.log" 2>/dev/null || true
  exit 0
fi
SMALL_SLUG="$(sed -n 1p "$DATA/bench-slugs.txt")"
BIG_SLUG="$(sed -n 2p "$DATA/bench-slugs.txt")"
N_ARTICLES=$(sqlite3 -readonly "$DB" 'SELECT COUNT(*) FROM articles')
N_COMMENTS=$(sqlite3 -readonly "$DB" 'SELECT COUNT(*) FROM comments')
DB_MB=$(( $(stat -c %s "$DB") / 1048576 ))

log "starting broadsheet on $URL"
start_server
wait_healthy

# --- signing in as a generated member -----------------------------------------------------------
SESSION="$(sign_in member-1@synthetic.example synthetic-member-password)"

# --- the pages -----------------------------------------------------------------------------------
mkdir -p "$TMP/www/articles"
for slug in "$SMALL_SLUG" "$BIG_SLUG"; do
  curl -sf "$URL/articles/$slug" -o /dev/null || die "GET /articles/$slug failed"
  curl -sf -D "$TMP/headers-$slug.txt" "$URL/articles/$slug" -o "$TMP/www/articles/$slug" \
    || die "GET /articles/$slug failed"
  grep -qi '^x-cache: hit' "$TMP/headers-$slug.txt" || log "warning: the second signed-out GET of $slug was not a cache hit"
  curl -sf -H "Cookie: bs_session=$SESSION" -D "$TMP/headers-in-$slug.txt" "$URL/articles/$slug" \
    -o "$TMP/in-$slug.html" || die "signed-in GET /articles/$slug failed"
  grep -q 'name="body"' "$TMP/in-$slug.html" || die "the signed-in page of $slug has no comment form: not signed in?"
  grep -qi '^x-cache:' "$TMP/headers-in-$slug.txt" && die "a signed-in page came from the cache"
  # Members are served from the members' copy (filled for each); it must be the full render.
  curl -sf -H "Cookie: bs_session=$SESSION" -D "$TMP/headers-in2-$slug.txt" "$URL/articles/$slug" \
    -o "$TMP/in2-$slug.html" || die "signed-in GET /articles/$slug failed"
  curl -sf -H "Cookie: bs_session=$SESSION" "$URL/articles/$slug?full=1" -o "$TMP/in-full-$slug.html" \
    || die "signed-in GET /articles/$slug?full=1 failed"
  log "signed-in $slug: $(grep -i '^x-member-cache:' "$TMP/headers-in2-$slug.txt" | tr -d '\r')"
  cmp -s "$TMP/in2-$slug.html" "$TMP/in-full-$slug.html" \
    || die "the members' copy of $slug differs from the full render"
done
heading() { grep -o 'Comments ([0-9,]*)' "$1" | head -1 | grep -o '[0-9][0-9,]*' | tr -d ,; }
shown() { grep -o 'data-comment-id="[0-9]*"' "$1" | sort -u | wc -l; }
SMALL_HEAD="$(heading "$TMP/www/articles/$SMALL_SLUG")"
BIG_HEAD="$(heading "$TMP/www/articles/$BIG_SLUG")"
[[ "$SMALL_HEAD" == "$SMALL" ]] || log "warning: $SMALL_SLUG shows \"Comments ($SMALL_HEAD)\", expected $SMALL"
[[ "$BIG_HEAD" == "$BIG" ]] || log "warning: $BIG_SLUG shows \"Comments ($BIG_HEAD)\", expected $BIG"

# --- nginx serving the signed-out bytes ------------------------------------------------------------
start_nginx "/articles/$SMALL_SLUG"
for slug in "$SMALL_SLUG" "$BIG_SLUG"; do
  cmp -s <(curl -s "$NGINX_URL/articles/$slug") "$TMP/www/articles/$slug" || die "nginx does not serve $slug"
done

# --- load ----------------------------------------------------------------------------------------
COOKIE=(-H "Cookie: bs_session=$SESSION")
run_wrk nginx-small "$NGINX_URL/articles/$SMALL_SLUG"
run_wrk out-small "$URL/articles/$SMALL_SLUG"
run_wrk in-small "$URL/articles/$SMALL_SLUG" "${COOKIE[@]}"
run_wrk nginx-big "$NGINX_URL/articles/$BIG_SLUG"
run_wrk out-big "$URL/articles/$BIG_SLUG"
run_wrk in-big "$URL/articles/$BIG_SLUG" "${COOKIE[@]}"
run_wrk nginx-small-again "$NGINX_URL/articles/$SMALL_SLUG"
# VmRSS counts the database pages SQLite reads through mmap (RssFile: the kernel's page cache,
# mapped once per connection, dropped under memory pressure) as well as the heap (RssAnon).
mem() { awk '/^(VmRSS|VmHWM|RssAnon|RssFile):/ { printf "%s %d MiB, ", $1, $2 / 1024 }' "/proc/$SERVER_PID/status" | sed 's/, $//'; }
RSS_HOT_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_HOT_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
MEM_HOT="$(mem)"

# The crawl: signed-out GETs rotating over CRAWL_PAGES random articles (the page cache fills up
# to its bound), then the memory again.
sqlite3 -readonly "$DB" "SELECT slug FROM articles WHERE published_at IS NOT NULL ORDER BY random() LIMIT $CRAWL_PAGES" \
  | awk 'BEGIN { print "local paths = {" } { printf "  \"/articles/%s\",\n", $0 } END { print "}" }' >"$TMP/crawl.lua"
cat >>"$TMP/crawl.lua" <<'EOF'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
EOF
LOAD[crawl]="$(load1)"
log "crawl (load ${LOAD[crawl]}): $CRAWL_PAGES articles for $CRAWL_DURATION"
"$WRK" -t "$THREADS" -c "$CONNECTIONS" -d "$CRAWL_DURATION" --latency -s "$TMP/crawl.lua" "$URL" >"$TMP/wrk-crawl.txt" 2>&1 &
CHILD_PID=$!
rc=0; wait "$CHILD_PID" || rc=$?
CHILD_PID=""
(( rc == 0 )) || { cat "$TMP/wrk-crawl.txt" >&2; die "wrk failed: crawl"; }
RSS_CRAWL_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_CRAWL_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
MEM_CRAWL="$(mem)"
read -r CRAWL_RPS CRAWL_P50 CRAWL_P99 CRAWL_ERR < <(parse_wrk crawl)
CRAWL_CACHED=$(curl -s -H "Authorization: Bearer $METRICS_TOKEN" "$URL/metrics" | awk '/^broadsheet_page_cache_entries/ { print $2 }' || true)

# --- start-up on the existing database --------------------------------------------------------------
LOAD[startup]="$(load1)"
STARTUP=()
for _ in $(seq "$STARTS"); do
  stop_server
  t0=$(now_ms)
  start_server
  wait_healthy
  STARTUP+=($(( $(now_ms) - t0 )))
done
stop_server
STARTUP_SORTED=($(printf '%s\n' "${STARTUP[@]}" | sort -n))
STARTUP_MEDIAN=${STARTUP_SORTED[$(( ${#STARTUP_SORTED[@]} / 2 ))]}
LOGGED=$(grep -o 'startup_ms=[0-9]*' "$TMP/server.log" | tail -"$STARTS" | cut -d= -f2 | paste -sd' ' || true)

# --- report ---------------------------------------------------------------------------------------
read -r NG_RPS _ _ _ < <(parse_wrk nginx-small)
read -r NG2_RPS _ _ _ < <(parse_wrk nginx-small-again)
read -r NGB_RPS _ _ _ < <(parse_wrk nginx-big)

echo "Broadsheet conversation benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/^Mem:/ { print $2 }') MiB"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "site:      SQLite, $N_ARTICLES articles, $N_COMMENTS comments, $DB_MB MiB database ($GEN_NOTE)"
echo "pages:     small /articles/$SMALL_SLUG: \"Comments ($SMALL_HEAD)\", $(shown "$TMP/www/articles/$SMALL_SLUG") comments shown, $(wc -c <"$TMP/www/articles/$SMALL_SLUG") bytes signed out, $(wc -c <"$TMP/in-$SMALL_SLUG.html") signed in"
echo "           big   /articles/$BIG_SLUG: \"Comments ($BIG_HEAD)\", $(shown "$TMP/www/articles/$BIG_SLUG") comments shown on page 1, $(wc -c <"$TMP/www/articles/$BIG_SLUG") bytes signed out, $(wc -c <"$TMP/in-$BIG_SLUG.html") signed in"
echo "load:      wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP), no Accept-Encoding; nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') worker_processes 2 serving the signed-out bytes"
echo
printf '%-34s %6s %12s %10s %10s %7s %9s\n' run load1 "req/s" p50 p99 errors "/nginx"
for name in nginx-small out-small in-small nginx-big out-big in-big nginx-small-again; do
  read -r rps p50 p99 errs < <(parse_wrk "$name")
  case "$name" in
    *-small) ref=$NG_RPS ;;
    *-big) ref=$NGB_RPS ;;
    *) ref=$NG_RPS ;;
  esac
  label="$name"
  case "$name" in
    out-small) label="broadsheet signed out, $SMALL" ;;
    in-small) label="broadsheet signed in, $SMALL" ;;
    out-big) label="broadsheet signed out, $BIG (page 1)" ;;
    in-big) label="broadsheet signed in, $BIG (page 1)" ;;
    nginx-small) label="nginx, $SMALL page" ;;
    nginx-big) label="nginx, $BIG page" ;;
    nginx-small-again) label="nginx, $SMALL page (again, last)" ;;
  esac
  printf '%-34s %6s %12s %10s %10s %7s %9s\n' "$label" "${LOAD[$name]}" "$rps" "$(to_ms "$p50")ms" "$(to_ms "$p99")ms" "$errs" "$(pct "$rps" "$ref")"
done
echo
read -r a _ _ _ < <(parse_wrk out-small); read -r b _ _ _ < <(parse_wrk out-big)
read -r c _ _ _ < <(parse_wrk in-small); read -r d _ _ _ < <(parse_wrk in-big)
echo "big/small: signed out $(pct "$b" "$a"), signed in $(pct "$d" "$c") (req/s of the $BIG thread's page 1 over the $SMALL-comment page)"
echo "nginx:     the two $SMALL-page runs differ by $(pct "$(awk -v a="$NG2_RPS" -v b="$NG_RPS" 'BEGIN { print (a > b ? a - b : b - a) }')" "$NG_RPS") (first vs last): the noise of this machine"
echo
echo "memory:    VmRSS $(( RSS_HOT_KB / 1024 )) MiB after the page runs (peak VmHWM $(( HWM_HOT_KB / 1024 )) MiB)"
echo "           VmRSS $(( RSS_CRAWL_KB / 1024 )) MiB after the crawl (peak $(( HWM_CRAWL_KB / 1024 )) MiB): $CRAWL_PAGES articles signed out for $CRAWL_DURATION at load ${LOAD[crawl]}, $CRAWL_RPS req/s, p99 $CRAWL_P99, $CRAWL_ERR errors${CRAWL_CACHED:+, $CRAWL_CACHED pages cached}"
echo "           after the page runs: $MEM_HOT"
echo "           after the crawl:     $MEM_CRAWL"
echo "start-up:  median ${STARTUP_MEDIAN} ms exec -> first /healthz 200 on the existing database, runs: ${STARTUP[*]} ms (load ${LOAD[startup]}; server logged startup_ms: ${LOGGED:-?})"
