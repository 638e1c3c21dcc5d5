#!/usr/bin/env bash
# Write benchmark: members posting comments to one article through the no-JS form, measured
# with wrk. Creates members (`broadsheet user create`, then the sign-in form with curl), then for
# each number of concurrent posters in POSTERS has wrk POST comment forms with their session
# cookies and CSRF tokens (one connection per poster, each posting again as soon as answered;
# 1 = sequential). Afterwards it checks that every comment is stored exactly once: each
# accepted answer's comment (its id, from the redirect) is in the comments table, no text was
# stored twice, and the article's "Comments (N)" heading grew by as many as the table.
#
# Usage:  bench/post.sh                       # SQLite, 1 then 16 posters, 10 s each
#         BACKEND=both bench/post.sh          # SQLite, then PostgreSQL
#         BACKEND=postgres POSTERS="16" DURATION=5s bench/post.sh
#
# Settings (environment):
#   SKIP_BUILD=1        use the existing target/release/broadsheet (default: cargo build --release)
#   BROADSHEET_BIN      binary to run (default: target/release/broadsheet)
#   POSTERS="1 16"      the runs: concurrent posters (wrk connections, -c) in each; as many
#                       members as the largest, each request posted by one of them
#   THREADS=2 DURATION=10s    wrk settings (-t, at most the posters; -d)
#   PACE_MS=0           each poster's pause before its next post (wrk's delay(), drawn between
#                       half and one and a half times this, so posters do not move in step):
#                       0 posts again as soon as answered, which measures the server saturated
#                       (latency is then posters / throughput); 100 makes 16 posters send about
#                       150 comments a second, a busy story's peak many times over, and
#                       measures each post
#   ADDRESSES=one       one: every poster posts from 127.0.0.1, so all share one address's
#                       rate counter (posters behind one office's NAT); each: the server trusts
#                       127.0.0.1 as its proxy and each poster's requests are forwarded for an
#                       address of its own (198.51.100.N), as readers across a city post
#   BACKEND=sqlite|postgres|both   (default sqlite: a fresh database file in the temp dir)
#   PG_URL              server for BACKEND=postgres (default postgres://postgres@127.0.0.1:5432/test);
#                       a fresh database bench_post_<timestamp> is created on it and dropped at the end
#   WRK=wrk
#   KEEP_TMP=1          keep the temp dir (logs, Lua script, wrk output, database) for inspection
#
# The server runs with --comments-per-minute and --signups-per-hour raised to 1000000, so the
# rate limits (all requests come from 127.0.0.1) do not refuse the load; the limit checks still
# run (on SQLite in the transaction that stores each comment, on PostgreSQL in a statement of
# their own just before it).
#
# Everything listens on 127.0.0.1 only. All processes and temp files are removed on exit.
# Exit status 1 when fewer comments are stored than wrk saw accepted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD="${SKIP_BUILD:-0}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
POSTERS="${POSTERS:-1 16}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
PACE_MS="${PACE_MS:-0}"
BACKEND="${BACKEND:-sqlite}"
ADDRESSES="${ADDRESSES:-one}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
WRK="${WRK:-wrk}"
KEEP_TMP="${KEEP_TMP:-0}"

BENCH_NAME=post
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for tool in curl "$WRK" ss awk sed grep sort comm uniq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
MEMBERS=0
IN_FLIGHT_MAX=0   # each run can leave as many posts in flight as it has posters
for n in $POSTERS; do
  [[ "$n" =~ ^[0-9]+$ ]] && (( n >= 1 )) || die "POSTERS must be positive numbers"
  if (( n > MEMBERS )); then MEMBERS=$n; fi
  IN_FLIGHT_MAX=$(( IN_FLIGHT_MAX + n ))
done
(( MEMBERS >= 1 )) || die "POSTERS names no run"
[[ "$THREADS" =~ ^[0-9]+$ ]] && (( THREADS >= 1 )) || die "THREADS must be a positive number"
[[ "$PACE_MS" =~ ^[0-9]+$ ]] || die "PACE_MS must be a whole number of milliseconds"
case "$ADDRESSES" in
  one) ;;
  each) (( MEMBERS <= 254 )) || die "ADDRESSES=each gives at most 254 posters an address" ;;
  *) die "ADDRESSES must be one or each" ;;
esac
case "$BACKEND" in
  both)
    BACKEND=sqlite "$0"
    SKIP_BUILD=1 BACKEND=postgres "$0"
    exit ;;
  sqlite) command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed for the count check" ;;
  postgres) command -v psql >/dev/null 2>&1 || die "psql is needed for BACKEND=postgres" ;;
  *) die "BACKEND must be sqlite, postgres or both" ;;
esac

build_unless_skipped
bench_init

# --- database --------------------------------------------------------------------------------
fresh_database
export NO_COLOR=1
SERVER_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL"
  --comments-per-minute 1000000 --signups-per-hour 1000000)
if [[ "$ADDRESSES" == each ]]; then SERVER_ARGS+=(--trusted-proxies 127.0.0.1/32); fi

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"

# First start on the empty database: creates the schema and loads the demo articles.
log "starting broadsheet on $URL ($BACKEND)"
t0=$(now_ms)
start_server
wait_healthy
FIRST_START_MS=$(( $(now_ms) - t0 ))

# --- the article -------------------------------------------------------------------------------
curl -sf "$URL/" -o "$TMP/front.html" || die "front page failed"
ARTICLE_PATH="$(grep -o 'href="/articles/[^"#?]*"' "$TMP/front.html" | head -1 | sed 's/^href="//; s/"$//')"
[[ -n "$ARTICLE_PATH" ]] || die "no /articles/ link on the front page"
ARTICLE_SLUG="${ARTICLE_PATH#/articles/}"
POST_PATH="$ARTICLE_PATH/comments"

# The number in the article page's "Comments (N)" heading.
heading_count() {
  curl -sf "$URL$ARTICLE_PATH" -o "$TMP/article.html" || die "article page failed"
  grep -o 'Comments ([0-9,]*)' "$TMP/article.html" | head -1 | tr -d , | grep -o '[0-9][0-9]*' \
    || die "no \"Comments (N)\" heading on $ARTICLE_PATH"
}

# Runs a query on the site's database: one row a line, columns split by |.
sql() {
  if [[ "$BACKEND" == postgres ]]; then
    psql "${PG_URL%/*}/$PG_DB" -At -v ON_ERROR_STOP=1 -c "$1"
  else
    sqlite3 -readonly -cmd ".timeout 5000" "$TMP/data/broadsheet.db" "$1"
  fi
}
ARTICLE_ROWS="FROM comments WHERE article_id = (SELECT id FROM articles WHERE slug = '$ARTICLE_SLUG')"
table_count() { sql "SELECT COUNT(*) $ARTICLE_ROWS"; }

# --- members -------------------------------------------------------------------------------------
# One line per member in $TMP/members.txt: "<bs_session cookie value> <csrf token>".
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
cookie_of() { awk -v n="$2" '$6 == n { v = $7 } END { if (v != "") print v }' "$1"; }

# Accounts are made with `broadsheet user create` (sign-up through the form waits for the
# mailed link), then signed in through the real form.
log "creating and signing in $MEMBERS members"
t0=$(now_ms)
: >"$TMP/members.txt"
for i in $(seq "$MEMBERS"); do
  email="bench-poster-$i@example.test"
  password="bench-password-$i-long"
  BROADSHEET_PASSWORD="$password" "$BIN" user create "${SERVER_ARGS[@]:0:4}" --email "$email" \
    --display-name "Bench Poster $i" >>"$TMP/users.log" 2>&1 || { tail -5 "$TMP/users.log" >&2; die "user create failed for member $i"; }
  jar="$TMP/jar-$i.txt"
  curl -sf -c "$jar" -b "$jar" "$URL/signin" -o "$TMP/signin.html" || die "GET /signin failed"
  csrf="$(csrf_of "$TMP/signin.html")"
  [[ -n "$csrf" ]] || die "no csrf field on /signin"
  code="$(curl -s -o "$TMP/signin-post.html" -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode "email=$email" \
    --data-urlencode "password=$password" "$URL/signin")"
  [[ "$code" == 303 ]] || { head -c 2000 "$TMP/signin-post.html" >&2; die "POST /signin answered $code for member $i"; }
  session="$(cookie_of "$jar" bs_session)"
  [[ -n "$session" ]] || die "no bs_session cookie after signing in member $i"
  curl -sf -b "bs_session=$session" "$URL/settings" -o "$TMP/settings.html" || die "GET /settings failed for member $i"
  csrf="$(csrf_of "$TMP/settings.html")"
  [[ -n "$csrf" ]] || die "no csrf field on /settings for member $i"
  printf '%s %s\n' "$session" "$csrf" >>"$TMP/members.txt"
  rm -f "$jar"
done
SIGNUP_MS=$(( $(now_ms) - t0 ))

# One comment by hand first: the request wrk repeats must be accepted.
read -r s1 c1 < <(head -1 "$TMP/members.txt")
code="$(curl -s -o "$TMP/probe.html" -w '%{http_code}' -b "bs_session=$s1" \
  --data-urlencode "csrf=$c1" --data-urlencode "body=Bench probe comment" "$URL$POST_PATH")"
[[ "$code" == 303 ]] || { head -c 2000 "$TMP/probe.html" >&2; die "the probe comment was answered $code"; }

HEADING_BEFORE="$(heading_count)"
TABLE_BEFORE="$(table_count)"

# --- the wrk script ------------------------------------------------------------------------------
# Thread t (0-based) posts as members t+1, t+1+THREADS, ... (of the first CONNS) in turn, one per
# request; the text carries the run, the thread and a per-thread counter, so every request's
# text is distinct. response() tallies the status codes and keeps the id of each comment
# accepted (from the redirect's #comment-ID), which done() prints as "status CODE COUNT" and
# "posted ID" lines.
write_lua() { # run threads connections
  {
    echo "local members = {"
    while read -r session csrf; do
      # Tokens go into Lua string literals: allow only characters that need no escaping.
      [[ "$session$csrf" =~ ^[A-Za-z0-9._~+/=%-]+$ ]] || die "unexpected characters in a session or csrf token"
      printf '  { "%s", "%s" },\n' "$session" "$csrf"
    done < <(head -n "$3" "$TMP/members.txt")
    echo "}"
    cat <<LUA
local nthreads = $2
local run = "$1"
local path = "$POST_PATH"
local pace_ms = $PACE_MS
local address_each = $([[ "$ADDRESSES" == each ]] && echo true || echo false)
LUA
    cat <<'LUA'
local threads = {}
local counter = 0

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  mine = {}
  for i = id + 1, #members, nthreads do
    local m = members[i]
    local headers = {
      ["Cookie"] = "bs_session=" .. m[1],
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    if address_each then headers["X-Forwarded-For"] = "198.51.100." .. i end
    table.insert(mine, { headers = headers, csrf = "csrf=" .. urlencode(m[2]) })
  end
  statuses = {}
  posted = {}
end

function request()
  counter = counter + 1
  local m = mine[(counter - 1) % #mine + 1]
  local text = "Bench comment " .. run .. "-" .. id .. "-" .. counter .. " from wrk."
  return wrk.format("POST", path, m.headers, m.csrf .. "&body=" .. urlencode(text))
end

-- wrk waits this long before each request; its latency figures start when the request is sent.
-- The pause is drawn at random between half and one and a half times PACE_MS: with the same
-- pause everywhere, posters that started together would stay in step and arrive all at once.
if pace_ms > 0 then
  function delay() return math.random(math.floor(pace_ms / 2), math.floor(pace_ms * 3 / 2)) end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local location = headers["location"] or headers["Location"] or ""
  local posted_id = location:match("#comment%-(%d+)$")
  if status == 303 and posted_id then table.insert(posted, posted_id) end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
    end
    local p = t:get("posted")
    if p then
      for _, v in ipairs(p) do io.write("posted " .. v .. "\n") end
    end
  end
  local codes = {}
  for code in pairs(total) do table.insert(codes, code) end
  table.sort(codes)
  for _, code in ipairs(codes) do io.write(string.format("status %d %d\n", code, total[code])) end
end
LUA
  } >"$TMP/post-$1.lua"
}

# --- load --------------------------------------------------------------------------------------
# "req/s p50 p99 requests non2xx3xx socket_errors" from a wrk output.
parse_wrk() {
  awk '
    /^Requests\/sec:/ { rps = $2 }
    /^[ \t]+50%/ { p50 = $2 }
    /^[ \t]+99%/ { p99 = $2 }
    / requests in / { reqs = $1 }
    /Non-2xx or 3xx responses:/ { non += $NF }
    /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(",", "", v); sock += v } }
    END { if (rps == "") exit 1; printf "%s %s %s %d %d %d\n", rps, p50, p99, reqs, non, sock }
  ' "$1"
}
load1() { cut -d' ' -f1 /proc/loadavg; }

declare -A LOAD
: >"$TMP/posted.txt"
for conns in $POSTERS; do
  threads=$(( THREADS < conns ? THREADS : conns ))
  write_lua "$conns" "$threads" "$conns"
  LOAD[$conns]="$(load1)"
  log "wrk -t$threads -c$conns -d$DURATION --latency -s post-$conns.lua POST $POST_PATH (load ${LOAD[$conns]})"
  rc=0
  "$WRK" -t "$threads" -c "$conns" -d "$DURATION" --latency -s "$TMP/post-$conns.lua" "$URL$POST_PATH" \
    >"$TMP/wrk-$conns.txt" 2>&1 &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  (( rc == 0 )) || { cat "$TMP/wrk-$conns.txt" >&2; die "wrk failed with $conns posters"; }
  parse_wrk "$TMP/wrk-$conns.txt" >/dev/null || { cat "$TMP/wrk-$conns.txt" >&2; die "cannot read the wrk output"; }
  awk '/^posted [0-9]+$/ { print $2 }' "$TMP/wrk-$conns.txt" >>"$TMP/posted.txt"
done
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")

# Let requests that were in flight when wrk stopped finish before counting.
sleep 1
HEADING_AFTER="$(heading_count)"
TABLE_AFTER="$(table_count)"
HEADING_NEW=$(( HEADING_AFTER - HEADING_BEFORE ))
TABLE_NEW=$(( TABLE_AFTER - TABLE_BEFORE ))

# --- exactly once --------------------------------------------------------------------------------
sort "$TMP/posted.txt" >"$TMP/posted-sorted.txt"
sql "SELECT id $ARTICLE_ROWS AND body_source LIKE 'Bench comment %'" | sort >"$TMP/stored.txt"
ACCEPTED=$(wc -l <"$TMP/posted-sorted.txt")
REPEATED_IDS=$(uniq -d "$TMP/posted-sorted.txt" | wc -l)
LOST=$(comm -23 "$TMP/posted-sorted.txt" "$TMP/stored.txt" | wc -l)
UNANSWERED=$(comm -13 "$TMP/posted-sorted.txt" "$TMP/stored.txt" | wc -l)
TWICE=$(sql "SELECT COUNT(*) FROM (SELECT body_source $ARTICLE_ROWS GROUP BY body_source HAVING COUNT(*) > 1) t" | tail -1)
# The addresses the posts were counted against (the rate limit's own counters), and among them
# the posters' own forwarded ones.
ADDRESSES_SEEN=$(sql "SELECT COUNT(DISTINCT key) FROM rate_windows WHERE key LIKE 'comment:address:%'" | tail -1)
FORWARDED_SEEN=$(sql "SELECT COUNT(DISTINCT key) FROM rate_windows WHERE key LIKE 'comment:address:198.51.100.%'" | tail -1)

# --- report ------------------------------------------------------------------------------------
echo "Broadsheet posting benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "binary:    $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "backend:   $BACKEND, 18 demo articles, $MEMBERS members (made and signed in in ${SIGNUP_MS} ms)"
echo "request:   POST $POST_PATH (form: csrf, body; bs_session cookie; answered 303)"
echo "load:      wrk --latency -d$DURATION (no warm-up), one run per number of posters, each pausing ${PACE_MS} ms before its next post"
echo "addresses: $ADDRESSES ($ADDRESSES_SEEN counted by the rate limit, $FORWARDED_SEEN of them forwarded)"
echo
printf '%-8s %6s %12s %10s %10s %9s %8s %8s  %s\n' posters load1 "comments/s" p50 p99 requests non-3xx sockerr statuses
for conns in $POSTERS; do
  read -r rps p50 p99 reqs non sock < <(parse_wrk "$TMP/wrk-$conns.txt")
  statuses="$(awk '/^status [0-9]+ [0-9]+$/ { printf "%s%s×%s", sep, $2, $3; sep = ", " }' "$TMP/wrk-$conns.txt")"
  printf '%-8s %6s %12s %10s %10s %9s %8s %8s  %s\n' "$conns" "${LOAD[$conns]}" "$rps" "$p50" "$p99" "$reqs" "$non" "$sock" "${statuses:-?}"
done
echo
echo "memory:    broadsheet VmRSS $(( RSS_KB / 1024 )) MiB after the load (peak VmHWM $(( HWM_KB / 1024 )) MiB)"
echo "start-up:  ${FIRST_START_MS} ms from exec to the first /healthz 200 on the empty database (schema + demo content)"
echo
echo "stored:    $TABLE_NEW new rows in the comments table ($TABLE_BEFORE -> $TABLE_AFTER), $HEADING_NEW by the \"Comments (N)\" heading"
echo "accepted:  $ACCEPTED answers 303 with a comment id; $UNANSWERED stored comments had no answer (in flight when wrk stopped)"
failed=0
(( LOST == 0 )) || { echo "check:     FAILED, $LOST accepted comments are not stored"; failed=1; }
(( REPEATED_IDS == 0 )) || { echo "check:     FAILED, $REPEATED_IDS ids were answered twice"; failed=1; }
(( TWICE == 0 )) || { echo "check:     FAILED, $TWICE texts are stored more than once"; failed=1; }
(( HEADING_NEW == TABLE_NEW )) || { echo "check:     FAILED, the heading grew by $HEADING_NEW, the table by $TABLE_NEW"; failed=1; }
if [[ "$ADDRESSES" == each ]]; then
  (( FORWARDED_SEEN == MEMBERS )) || { echo "check:     FAILED, the $MEMBERS posters' posts were counted against $FORWARDED_SEEN forwarded addresses, not one each"; failed=1; }
fi
(( UNANSWERED <= IN_FLIGHT_MAX )) || { echo "check:     FAILED, $UNANSWERED stored comments had no answer, more than were in flight"; failed=1; }
(( failed == 0 )) || exit 1
echo "check:     OK, every accepted comment is stored exactly once"
