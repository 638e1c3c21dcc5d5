# Helpers shared by the benchmark scripts (sourced, not run): logging, ports, the server's and
# nginx's lives, wrk runs and their figures. A script sets BENCH_NAME (its log prefix), ROOT,
# BIN, NGINX, WRK, THREADS, CONNECTIONS, DURATION, WARMUP and KEEP_TMP, calls bench_init, and
# sets SERVER_ARGS, PORT and URL before starting the server. Cleanup (processes, the temp dir,
# a PostgreSQL database named in PG_DB) runs on exit.

log() { printf '[%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
  done
}

build_unless_skipped() {
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet)
  fi
  [[ -x "$BIN" ]] || die "no binary at $BIN (build it, or unset SKIP_BUILD)"
}

# Makes the temp dir ($TMP) and installs the cleanup.
bench_init() {
  TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-${BENCH_NAME:-bench}.XXXXXX")"
  SERVER_PID="" NGINX_PID="" CHILD_PID="" PG_DB="" PG_ADMIN_URL=""
  EXTRA_PIDS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  export NO_COLOR=1
}

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

stop_nginx() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}

bench_cleanup() {
  local rc=$?
  if [[ -n "$CHILD_PID" ]]; then kill -TERM "$CHILD_PID" 2>/dev/null || true; wait "$CHILD_PID" 2>/dev/null || true; fi
  stop_server
  stop_nginx
  # Anything else a script started (a second server, Varnish): TERM, then wait for it.
  local pid
  for pid in "${EXTRA_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${EXTRA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$PG_DB" ]]; then
    psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 \
      || log "could not drop database $PG_DB"
  fi
  if [[ "${KEEP_TMP:-0}" == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}

free_port() {
  local port
  for _ in $(seq 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! ss -Htan "( sport = :$port )" 2>/dev/null | grep -q .; then echo "$port"; return 0; fi
  done
  die "no free port found"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load1() { cut -d' ' -f1 /proc/loadavg; }

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
    sleep 0.005
  done
}

# Starts nginx serving $TMP/www on a free port (NGINX_URL), two workers, no access log, keeping
# a wrk connection open for the whole run. Arguments: extra directives for the `http` block.
# Waits until it answers `probe` (a path) with 200.
start_nginx() { # probe [directive…]
  local probe=$1 extra
  shift
  extra="$(printf '  %s\n' "$@")"
  NGINX_PORT="$(free_port)"
  while [[ "$NGINX_PORT" == "$PORT" ]]; do NGINX_PORT="$(free_port)"; done
  NGINX_URL="http://127.0.0.1:$NGINX_PORT"
  mkdir -p "$TMP/nginx-tmp"/{client_body,proxy,fastcgi,uwsgi,scgi}
  # nginx's workers drop to "nobody" when started as root: let them read the pages.
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
  keepalive_requests 1000000;
  default_type text/html;
$extra
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location /articles/ { default_type text/html; }
    location / { return 404; }
  }
}
EOF
  "$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -t -q 2>>"$TMP/nginx-error.log" \
    || { cat "$TMP/nginx-error.log" >&2; die "nginx config test failed"; }
  "$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" 2>>"$TMP/nginx-error.log" &
  NGINX_PID=$!
  for _ in $(seq 100); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL$probe" 2>/dev/null)" == 200 ]] && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx-error.log" >&2; die "nginx exited"; }
    sleep 0.05
  done
  die "nginx did not answer $probe"
}

# The database a run starts from, in DB_URL: with BACKEND=postgres a new database on PG_URL's
# server (named after BENCH_NAME, dropped at exit), else a SQLite file in the temp dir.
fresh_database() {
  if [[ "$BACKEND" == postgres ]]; then
    PG_DB="bench_${BENCH_NAME:-bench}_$(date +%Y%m%d%H%M%S)_$$"
    PG_ADMIN_URL="$PG_URL"
    log "creating database $PG_DB"
    psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
    DB_URL="${PG_URL%/*}/$PG_DB"
  else
    DB_URL="sqlite://$TMP/data/broadsheet.db"
  fi
}

# Signs in through the real /signin form at $URL and prints the session cookie's value.
sign_in() { # email password
  local jar="$TMP/jar-$RANDOM.txt" csrf code session
  curl -sf -c "$jar" -b "$jar" "$URL/signin" -o "$TMP/signin.html" || die "GET /signin failed"
  csrf="$(grep -o 'name="csrf" value="[^"]*"' "$TMP/signin.html" | head -1 | sed 's/.*value="//; s/"$//')"
  [[ -n "$csrf" ]] || die "no csrf field on /signin"
  code="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=$1" --data-urlencode "password=$2" "$URL/signin")"
  [[ "$code" == 303 ]] || die "POST /signin as $1 answered $code"
  session="$(awk '$6 == "bs_session" { v = $7 } END { print v }' "$jar")"
  [[ -n "$session" ]] || die "no bs_session cookie after signing in as $1"
  echo "$session"
}

# wrk after a warm-up, in the background (so a signal stops it through the EXIT trap), into
# $TMP/wrk-NAME.txt; the 1-minute load average just before it in LOAD[NAME].
declare -A LOAD
run_wrk() { # name url [wrk args…]
  local name=$1 url=$2 out="$TMP/wrk-$1.txt" rc=0
  shift 2
  if [[ "$WARMUP" != 0 ]]; then
    "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" "$@" "$url" >/dev/null 2>&1 &
    CHILD_PID=$!
    wait "$CHILD_PID" || true
  fi
  LOAD[$name]="$(load1)"
  log "wrk $name (load ${LOAD[$name]}): -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
  "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency "$@" "$url" >"$out" 2>&1 &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  (( rc == 0 )) || { cat "$out" >&2; die "wrk failed: $name"; }
}

# "req/s p50 p99 errors" of a run_wrk run (latencies as wrk prints them).
parse_wrk() { # name
  awk '
    /^Requests\/sec:/ { rps = $2 }
    /^[ \t]+50%/ { p50 = $2 }
    /^[ \t]+99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { errs += $NF }
    /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(",", "", v); errs += v } }
    END { if (rps == "") exit 1; printf "%s %s %s %d\n", rps, p50, p99, errs }
  ' "$TMP/wrk-$1.txt"
}

# A wrk latency ("812.00us", "1.23ms", "1.02s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }'; }
