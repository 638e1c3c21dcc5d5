#!/usr/bin/env bash
# The signed-out article page against nginx, as a new site's owner would measure it: a fresh
# site (the demo content), its first article given COMMENTS comments through the API, the
# page's bytes put in nginx's root (with a `gzip -9` copy for gzip_static), then, in one run and
# RUNS times over: wrk against nginx and against Broadsheet without Accept-Encoding, and again
# with `Accept-Encoding: br, gzip` (what browsers send; nginx answers with its gzip -9 copy,
# Broadsheet with brotli), and signed in (another member's session cookie: the page with their
# own controls, against nginx serving that member's bytes). Each pair gives Broadsheet's share
# of nginx's req/s and both p99s.
#
# With VARNISH=1 (PostgreSQL only) a second `broadsheet serve` process joins the first on the
# same database, Varnish runs deploy/varnish/default.vcl in front of both (its backend ports
# rewritten to theirs), and each run adds the page through Varnish, identity and `br, gzip`,
# against the same nginx figures.
#
# Usage:  bench/page.sh
#         BACKEND=postgres bench/page.sh
#         SKIP_BUILD=1 RUNS=1 DURATION=5s bench/page.sh     # a quick try
#
# Settings (environment):
#   SKIP_BUILD=1  BROADSHEET_BIN=…    as in bench/run.sh
#   BACKEND=sqlite|postgres   sqlite: a fresh database file in the temp dir; postgres: a fresh
#                       database bench_page_<time> on PG_URL's server, dropped at the end
#   PG_URL=postgres://postgres@127.0.0.1:5432/test
#   COMMENTS=50 RUNS=3
#   VARNISH=1           also through Varnish in front of two processes (BACKEND=postgres)
#   CONNECTIONS=64 THREADS=2 DURATION=10s WARMUP=2s     wrk settings
#   NGINX=/usr/sbin/nginx WRK=wrk KEEP_TMP=1
#
# Every wrk line carries the 1-minute load average read just before it: on a shared machine
# compare the ratios within a pair, not absolute figures across runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
COMMENTS="${COMMENTS:-50}"
RUNS="${RUNS:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
NGINX="${NGINX:-/usr/sbin/nginx}"
WRK="${WRK:-wrk}"
VARNISH="${VARNISH:-0}"

BENCH_NAME=page
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools curl "$WRK" "$NGINX" ss gzip
[[ "$COMMENTS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "COMMENTS and RUNS must be numbers"
case "$BACKEND" in
  sqlite) ;;
  postgres) need_tools psql ;;
  *) die "BACKEND must be sqlite or postgres" ;;
esac
if [[ "$VARNISH" == 1 ]]; then
  [[ "$BACKEND" == postgres ]] || die "VARNISH=1 needs BACKEND=postgres (two processes on one database)"
  need_tools varnishd
fi
build_unless_skipped
bench_init

# --- a fresh site -------------------------------------------------------------------------------
fresh_database
mkdir -p "$TMP/data"
DB_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL")
# One poster writes every comment: the per-member rate limit would refuse the fiftieth.
SERVER_ARGS=("${DB_ARGS[@]}" --comments-per-minute 1000000)
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
log "starting broadsheet on $URL ($BACKEND, empty: the demo content is loaded)"
start_server
wait_healthy

# The first article linked from the front page.
SLUG="$(curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | head -1 | sed 's/^href="\/articles\///; s/"$//')"
[[ -n "$SLUG" ]] || die "no article on the front page"
PAGE="/articles/$SLUG"

# --- COMMENTS comments through the API, by a member with a token ----------------------------------
EMAIL="bench-reader@example.com"
BROADSHEET_PASSWORD="bench-page-password-$RANDOM$RANDOM" "$BIN" user create "${DB_ARGS[@]}" \
  --email "$EMAIL" --display-name "Bench Reader" >/dev/null 2>>"$TMP/server.log" || die "user create failed"
TOKEN="$("$BIN" user token "${DB_ARGS[@]}" "$EMAIL" --name bench --scopes comment 2>>"$TMP/server.log")" \
  || die "user token failed"
log "posting $COMMENTS comments to $PAGE"
for i in $(seq "$COMMENTS"); do
  body="Comment $i on this story. The harbour study matches what fishermen have said for years: the winter storms move the sand bar, and the channel the boats use shifts with it. Worth a follow-up next spring."
  code="$(curl -s -o "$TMP/post.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data "{\"body\": \"$body\"}" "$URL/api/v1/articles/$SLUG/comments")"
  [[ "$code" == 201 ]] || { cat "$TMP/post.json" >&2; die "POST comment $i answered $code"; }
done

# --- the page's bytes, for nginx --------------------------------------------------------------
mkdir -p "$TMP/www/articles"
STATIC="$TMP/www$PAGE"
curl -sf "$URL$PAGE" -o "$STATIC" || die "GET $PAGE failed"
curl -sf -D "$TMP/headers.txt" "$URL$PAGE" -o "$TMP/again.html" || die "GET $PAGE failed"
grep -qi '^x-cache: hit' "$TMP/headers.txt" || log "warning: the second GET of $PAGE was not a cache hit"
cmp -s "$STATIC" "$TMP/again.html" || die "two GETs of $PAGE gave different pages"
SHOWN="$(grep -o 'Comments ([0-9,]*)' "$STATIC" | head -1)"
[[ "$SHOWN" == "Comments ($COMMENTS)" ]] || die "the page shows \"$SHOWN\", expected $COMMENTS comments"
gzip -9 -n -c "$STATIC" >"$STATIC.gz"
BR_BYTES="$(curl -sf -H 'Accept-Encoding: br, gzip' -D "$TMP/headers-br.txt" "$URL$PAGE" | wc -c)"
grep -qi '^content-encoding: br' "$TMP/headers-br.txt" || die "broadsheet did not answer br"

start_nginx "$PAGE" "gzip_static on;"
cmp -s <(curl -s "$NGINX_URL$PAGE") "$STATIC" || die "nginx does not serve the page"
curl -s -H 'Accept-Encoding: br, gzip' -D "$TMP/headers-nginx-gz.txt" "$NGINX_URL$PAGE" -o "$TMP/nginx.gz"
grep -qi '^content-encoding: gzip' "$TMP/headers-nginx-gz.txt" || die "nginx did not answer with its gzip copy"
cmp -s "$TMP/nginx.gz" "$STATIC.gz" || die "nginx's gzip answer is not the gzip -9 copy"

# --- a member's page: signed in as a member who wrote none of the comments --------------------------
MEMBER_EMAIL="bench-member@example.com"
MEMBER_PASSWORD="bench-member-password-$RANDOM$RANDOM"
BROADSHEET_PASSWORD="$MEMBER_PASSWORD" "$BIN" user create "${DB_ARGS[@]}" \
  --email "$MEMBER_EMAIL" --display-name "Bench Member" >/dev/null 2>>"$TMP/server.log" || die "user create failed"
SESSION="$(sign_in "$MEMBER_EMAIL" "$MEMBER_PASSWORD")"
COOKIE=(-H "Cookie: bs_session=$SESSION")
MEMBER_STATIC="$TMP/www$PAGE-member"
curl -sf "${COOKIE[@]}" "$URL$PAGE" -o "$MEMBER_STATIC" || die "GET $PAGE signed in failed"
grep -q '>Post comment<' "$MEMBER_STATIC" || die "the signed-in page has no comment form"
grep -q '>Sign out<' "$MEMBER_STATIC" || die "the signed-in page does not show the member signed in"

# --- Varnish in front of two processes ------------------------------------------------------------
if [[ "$VARNISH" == 1 ]]; then
  PORT2="$(free_port)"
  "$BIN" serve "${SERVER_ARGS[@]}" --addr "127.0.0.1:$PORT2" >>"$TMP/server2.log" 2>&1 &
  EXTRA_PIDS+=($!)
  VARNISH_PORT="$(free_port)"
  sed -e "s/\.port = \"3001\"/.port = \"$PORT\"/" -e "s/\.port = \"3002\"/.port = \"$PORT2\"/" \
    "$ROOT/deploy/varnish/default.vcl" >"$TMP/varnish.vcl"
  grep -q "\"$PORT2\"" "$TMP/varnish.vcl" || die "could not point the VCL at the second process"
  jail=()
  [[ "$(id -u)" == 0 ]] && jail=(-j none)
  varnishd -F "${jail[@]}" -n "$TMP/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$TMP/varnish.vcl" \
    -s malloc,256m >>"$TMP/varnish.log" 2>&1 &
  EXTRA_PIDS+=($!)
  VARNISH_URL="http://127.0.0.1:$VARNISH_PORT"
  for _ in $(seq 200); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$VARNISH_URL$PAGE" 2>/dev/null)" == 200 ]] && break
    sleep 0.1
  done
  curl -s -D "$TMP/headers-varnish.txt" "$VARNISH_URL$PAGE" -o "$TMP/varnish.html"
  grep -qi '^x-shared-cache: hit' "$TMP/headers-varnish.txt" || { cat "$TMP/varnish.log" >&2; die "the page is not a Varnish hit"; }
  cmp -s "$TMP/varnish.html" "$STATIC" || die "Varnish serves other bytes than the page"
  for _ in 1 2; do
    curl -s -o /dev/null -D "$TMP/headers-varnish-br.txt" -H 'Accept-Encoding: br, gzip' "$VARNISH_URL$PAGE"
  done
  grep -qi '^content-encoding: br' "$TMP/headers-varnish-br.txt" || die "Varnish does not answer br"
  grep -qi '^x-shared-cache: hit' "$TMP/headers-varnish-br.txt" || die "the br page is not a Varnish hit"
fi

# --- load ---------------------------------------------------------------------------------------
AE=(-H 'Accept-Encoding: br, gzip')
for run in $(seq "$RUNS"); do
  run_wrk "nginx-$run" "$NGINX_URL$PAGE"
  run_wrk "broadsheet-$run" "$URL$PAGE"
  run_wrk "nginx-gz-$run" "$NGINX_URL$PAGE" "${AE[@]}"
  run_wrk "broadsheet-br-$run" "$URL$PAGE" "${AE[@]}"
  run_wrk "nginx-member-$run" "$NGINX_URL$PAGE-member"
  run_wrk "broadsheet-member-$run" "$URL$PAGE" "${COOKIE[@]}"
  if [[ "$VARNISH" == 1 ]]; then
    run_wrk "varnish-$run" "$VARNISH_URL$PAGE"
    run_wrk "varnish-br-$run" "$VARNISH_URL$PAGE" "${AE[@]}"
  fi
done

# --- report --------------------------------------------------------------------------------------
echo "Broadsheet article page against nginx — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/^Mem:/ { print $2 }') MiB"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "site:      fresh $BACKEND site (demo content), $PAGE given $COMMENTS comments through the API"
echo "page:      $(wc -c <"$STATIC") bytes signed out, $(wc -c <"$MEMBER_STATIC") signed in; brotli from broadsheet $BR_BYTES; gzip -9 for nginx $(wc -c <"$STATIC.gz")"
echo "load:      wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP); nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'), worker_processes 2, sendfile, gzip_static"
echo
printf '%-4s %-22s %6s %11s %9s %9s %7s %8s\n' run pair load1 "req/s" p50 p99 errors "/nginx"
for run in $(seq "$RUNS"); do
  pairs=("identity:nginx-$run:broadsheet-$run" "br, gzip:nginx-gz-$run:broadsheet-br-$run"
    "signed in:nginx-member-$run:broadsheet-member-$run")
  if [[ "$VARNISH" == 1 ]]; then
    pairs+=("identity:nginx-$run:varnish-$run" "br, gzip:nginx-gz-$run:varnish-br-$run")
  fi
  for pair in "${pairs[@]}"; do
    IFS=: read -r what ng bs <<<"$pair"
    read -r ng_rps ng_p50 ng_p99 ng_err < <(parse_wrk "$ng")
    read -r bs_rps bs_p50 bs_p99 bs_err < <(parse_wrk "$bs")
    printf '%-4s %-22s %6s %11s %9s %9s %7s %8s\n' "$run" "nginx, $what" "${LOAD[$ng]}" "$ng_rps" \
      "$(to_ms "$ng_p50")ms" "$(to_ms "$ng_p99")ms" "$ng_err" ""
    printf '%-4s %-22s %6s %11s %9s %9s %7s %8s\n' "$run" "${bs%%-*}, $what" "${LOAD[$bs]}" "$bs_rps" \
      "$(to_ms "$bs_p50")ms" "$(to_ms "$bs_p99")ms" "$bs_err" "$(pct "$bs_rps" "$ng_rps")"
  done
done
