#!/usr/bin/env bash
# Newsletter throughput: N subscribers, one edition sent to all of them through the job queue
# to a local SMTP receiver (bench/smtp_sink.py, standard-library Python). The subscribers are
# written straight into the database (their sign-ups are not what is measured); the newsletter,
# the edition and "Send" go through the newsroom's real forms as an editor. Reports how long the
# fan-out took to queue every mail, how long until the receiver had them all, the rate, and the
# server's peak resident memory (VmHWM).
#
# Usage:  bench/newsletter.sh                      # SQLite, 100,000 subscribers
#         SUBSCRIBERS=500 SKIP_BUILD=1 bench/newsletter.sh
#         BACKEND=postgres bench/newsletter.sh
#
# Settings (environment):
#   SUBSCRIBERS=100000
#   SKIP_BUILD=1        use the existing target/release/broadsheet (default: cargo build --release)
#   BROADSHEET_BIN      binary to run (default: target/release/broadsheet)
#   BACKEND=sqlite|postgres   (default sqlite: a fresh database file in the temp dir)
#   PG_URL              server for BACKEND=postgres (default postgres://postgres@127.0.0.1:5432/test)
#   TIMEOUT=3600        seconds to wait for every mail before giving up
#   KEEP_TMP=1          keep the temp dir
#
# Everything listens on 127.0.0.1 only; processes and temp files are removed on exit. Exit
# status 1 when the receiver did not get exactly one mail per subscriber.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
SUBSCRIBERS="${SUBSCRIBERS:-100000}"
BACKEND="${BACKEND:-sqlite}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
TIMEOUT="${TIMEOUT:-3600}"

BENCH_NAME=newsletter
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

need_tools curl python3 awk grep sed
[[ "$SUBSCRIBERS" =~ ^[0-9]+$ ]] && (( SUBSCRIBERS >= 1 )) || die "SUBSCRIBERS must be a positive number"
case "$BACKEND" in
  sqlite) need_tools sqlite3 ;;
  postgres) need_tools psql ;;
  *) die "BACKEND must be sqlite or postgres" ;;
esac

build_unless_skipped
bench_init
fresh_database

sql() {
  if [[ "$BACKEND" == postgres ]]; then
    psql "$DB_URL" -At -v ON_ERROR_STOP=1 -c "$1"
  else
    sqlite3 -cmd ".timeout 10000" "$TMP/data/broadsheet.db" "$1"
  fi
}

SMTP_PORT="$(free_port)"
python3 "$ROOT/bench/smtp_sink.py" "$SMTP_PORT" "$TMP/received" &
EXTRA_PIDS+=($!)

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
SERVER_ARGS=(--data-dir "$TMP/data" --database-url "$DB_URL" --smtp-url "smtp://127.0.0.1:$SMTP_PORT"
  --mail-from "Bench <bench@example.test>")
log "starting broadsheet on $URL ($BACKEND), SMTP receiver on $SMTP_PORT"
start_server
wait_healthy

EDITOR=bench-editor@example.test
PASSWORD=bench-editor-password
BROADSHEET_PASSWORD="$PASSWORD" "$BIN" user create "${SERVER_ARGS[@]:0:4}" --email "$EDITOR" \
  --role editor >>"$TMP/users.log" 2>&1 || { tail -5 "$TMP/users.log" >&2; die "user create failed"; }
SESSION="$(sign_in "$EDITOR" "$PASSWORD")"
JAR=(-b "bs_session=$SESSION")
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# The newsletter and an edition carrying the front page's first article.
curl -sf "${JAR[@]}" "$URL/admin/newsletters" -o "$TMP/admin.html" || die "GET /admin/newsletters failed"
CSRF="$(csrf_of "$TMP/admin.html")"
LOCATION="$(curl -s -o /dev/null -w '%{redirect_url}' "${JAR[@]}" --data-urlencode "csrf=$CSRF" \
  --data-urlencode "name=Bench briefing" --data-urlencode "sender_name=The Bench Desk" \
  --data-urlencode "source=picked" --data-urlencode "hour=7" "$URL/admin/newsletters")"
NEWSLETTER="${LOCATION##*/}"
[[ "$NEWSLETTER" =~ ^[0-9]+$ ]] || die "creating the newsletter answered $LOCATION"
SLUG="$(curl -sf "$URL/" | grep -o 'href="/articles/[^"#?]*"' | head -1 | sed 's|^href="/articles/||; s/"$//')"
LOCATION="$(curl -s -o /dev/null -w '%{redirect_url}' "${JAR[@]}" --data-urlencode "csrf=$CSRF" \
  --data-urlencode "subject=Bench edition" --data-urlencode "intro=Good morning." \
  --data-urlencode "articles=$SLUG" "$URL/admin/newsletters/$NEWSLETTER/editions")"
EDITION="${LOCATION##*/}"
[[ "$EDITION" =~ ^[0-9]+$ ]] || die "creating the edition answered $LOCATION"

log "writing $SUBSCRIBERS subscribers"
NOW="$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)"
if [[ "$BACKEND" == postgres ]]; then
  sql "INSERT INTO users (email, display_name, password_hash, role, created_at, email_verified_at)
       SELECT 'sub' || n || '@example.test', 'Subscriber', '', 'member', now() - interval '1 minute', now()
       FROM generate_series(1, $SUBSCRIBERS) n;
       INSERT INTO newsletter_subscriptions (newsletter_id, user_id, created_at)
       SELECT $NEWSLETTER, id, now() - interval '1 minute' FROM users WHERE email LIKE 'sub%@example.test';" >/dev/null
else
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SUBSCRIBERS)
       INSERT INTO users (email, display_name, password_hash, role, created_at, email_verified_at)
       SELECT 'sub' || i || '@example.test', 'Subscriber', '', 'member', '$NOW', '$NOW' FROM n;
       INSERT INTO newsletter_subscriptions (newsletter_id, user_id, created_at)
       SELECT $NEWSLETTER, id, '$NOW' FROM users WHERE email LIKE 'sub%@example.test';"
fi

log "sending edition $EDITION to $SUBSCRIBERS subscribers"
t0=$(now_ms)
code="$(curl -s -o /dev/null -w '%{http_code}' "${JAR[@]}" --data-urlencode "csrf=$CSRF" \
  "$URL/admin/newsletters/editions/$EDITION/send")"
[[ "$code" == 303 ]] || die "sending answered $code"

QUEUED_MS=""
deadline=$(( t0 + TIMEOUT * 1000 ))
while :; do
  received="$(cat "$TMP/received" 2>/dev/null || echo 0)"
  if [[ -z "$QUEUED_MS" && "$(sql "SELECT status FROM newsletter_editions WHERE id = $EDITION")" == sent ]]; then
    QUEUED_MS=$(( $(now_ms) - t0 ))
    log "every mail queued after ${QUEUED_MS} ms"
  fi
  (( received >= SUBSCRIBERS )) && break
  (( $(now_ms) < deadline )) || die "only $received of $SUBSCRIBERS mails after ${TIMEOUT}s"
  sleep 0.2
done
DELIVERED_MS=$(( $(now_ms) - t0 ))
sleep 1
received="$(cat "$TMP/received")"
RSS_KB="$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")"
RATE="$(awk -v n="$SUBSCRIBERS" -v ms="$DELIVERED_MS" 'BEGIN { printf "%.0f", n * 1000 / ms }')"

printf '\nnewsletter benchmark (%s, %s subscribers)\n' "$BACKEND" "$SUBSCRIBERS"
printf '  queued (fan-out done):  %s ms\n' "${QUEUED_MS:-?}"
printf '  delivered to receiver:  %s ms (%s mails/s)\n' "$DELIVERED_MS" "$RATE"
printf '  mails received:         %s\n' "$received"
printf '  server peak RSS:        %s MiB\n' "$(( RSS_KB / 1024 ))"
(( received == SUBSCRIBERS )) || { log "expected exactly $SUBSCRIBERS mails, got $received"; exit 1; }
