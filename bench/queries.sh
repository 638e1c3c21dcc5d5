#!/usr/bin/env bash
# Shows that a page costs a fixed number of indexed queries whatever the size of the site:
# builds a SQLite site with ARTICLES synthetic articles (default 100,000) and comments on one
# article, then reads the server's own query counter (/metrics) around single requests, and
# prints SQLite's query plans for the article page's statements.
#
# Usage: bench/queries.sh             ARTICLES=1000 bench/queries.sh     SKIP_BUILD=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTICLES="${ARTICLES:-100000}"
BIN="${BROADSHEET_BIN:-$ROOT/target/release/broadsheet}"
[ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release --quiet)
TMP="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
DB="$TMP/site.db"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
# /metrics answers only with the token.
METRICS_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export BROADSHEET_METRICS_TOKEN="$METRICS_TOKEN"

start() {
  NO_COLOR=1 "$BIN" --database-url "sqlite://$DB" --addr "127.0.0.1:$PORT" --data-dir "$TMP" "$@" serve >>"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; cat "$TMP/server.log" >&2; exit 1
}
queries() { curl -s -H "Authorization: Bearer $METRICS_TOKEN" "$URL/metrics" | awk '/^broadsheet_db_queries_total/ {print $2}'; }
cost() {
  local before after
  before=$(queries); curl -sf -o /dev/null "$URL$1"; after=$(queries)
  echo $((after - before))
}

start
SLUG=$(curl -s "$URL/" | grep -o 'href="/articles/[a-z0-9-]*"' | head -1 | sed 's/href="\/articles\///; s/"//')
printf 'site: %s demo articles; measuring /articles/%s\n' "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM articles')" "$SLUG"
small_article=$(cost "/articles/$SLUG"); small_front=$(cost "/"); small_section=$(cost "/sections/science")
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

start_gen=$(date +%s)
"$BIN" --database-url "sqlite://$DB" generate --articles "$ARTICLES" >/dev/null
gen_secs=$(( $(date +%s) - start_gen ))
start
printf 'site: %s articles after generate (%s s)\n' "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM articles')" "$gen_secs"
big_article=$(cost "/articles/$SLUG"); big_front=$(cost "/"); big_section=$(cost "/sections/science")

printf '\n%-28s %12s %14s\n' "page" "18 articles" "$ARTICLES more"
printf '%-28s %12s %14s\n' "/articles/$SLUG" "$small_article" "$big_article"
printf '%-28s %12s %14s\n' "/" "$small_front" "$big_front"
printf '%-28s %12s %14s\n' "/sections/science" "$small_section" "$big_section"
printf '(queries per request; /metrics itself is not counted: it reads an in-memory counter)\n\n'

echo "SQLite query plans for the article page's statements:"
ID=$(sqlite3 "$DB" "SELECT id FROM articles WHERE slug = '$SLUG'")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sqlite3 "$DB" <<SQL
.print '-- the article with its section'
EXPLAIN QUERY PLAN SELECT a.id, s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.slug = '$SLUG' AND a.published_at <= '$now';
.print '-- its bylines and tags'
EXPLAIN QUERY PLAN SELECT aa.article_id, au.slug FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id IN ($ID) UNION ALL SELECT at.article_id, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN ($ID);
.print '-- a page of threads'
EXPLAIN QUERY PLAN SELECT c.id FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.article_id = $ID AND c.parent_id IS NULL AND c.status = 'visible' ORDER BY c.created_at, c.id LIMIT 51;
.print '-- their replies'
EXPLAIN QUERY PLAN SELECT c.id FROM comments c WHERE c.thread_id IN (1, 2, 3) AND c.parent_id IS NOT NULL ORDER BY c.created_at, c.id LIMIT 2000;
.print '-- a section page'
EXPLAIN QUERY PLAN SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.published_at <= '$now' AND (a.published_at, a.id) < ('$now', 9223372036854775807) AND a.section_id = 3 ORDER BY a.published_at DESC, a.id DESC LIMIT 21;
SQL
