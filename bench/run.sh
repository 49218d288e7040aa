#!/usr/bin/env bash
# The register at national scale: generates a synthetic register (`aireg synth`: 300
# organisations, N records, 4 in 5 published), loads it with the bulk import, serves it and
# drives the public endpoints with wrk from a second process on loopback. Prints a table per
# size: req/s, p50, p99, errors, the server's memory, the database's size, the import's time;
# with two sizes, the growth of p50 from the first to the second; and nginx serving one of the
# same responses as a static file, as the ceiling. Figures are read, never asserted.
#
#   bench/run.sh                      # 10,000 and 100,000 records on SQLite
#   bench/run.sh 1000                 # one size
#   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres bench/run.sh 10000
#   BENCH_SECONDS=5 BENCH_CACHE=off bench/run.sh 10000   # every request computed afresh
#   BENCH_SECONDS=1 BENCH_BUILD=debug bench/run.sh 300    # what CI runs
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light) and a release build, which it
# makes; with Datasette installed (pip install datasette) it also serves the same SQLite file
# with Datasette, for comparison. Keep other heavy work off the machine while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
SECONDS_PER=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-18080}
NGINX_PORT=$((PORT + 1))
# BENCH_BUILD=debug measures the debug build (CI runs the benchmark small so that it cannot rot;
# its figures mean nothing).
if [ "${BENCH_BUILD:-release}" = debug ]; then
  BIN=target/debug/aireg
  cargo build --locked -q -p aireg
else
  BIN=target/release/aireg
  cargo build --release --locked -q -p aireg
fi

for tool in wrk nginx curl bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install wrk nginx-light curl bc)" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER=""
NGINX_PID=""
DATASETTE=""
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    # What the server said, to see why the run stopped.
    for log in "$WORK"/data-*/serve.log; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
    done
  fi
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$DATASETTE" ] && kill "$DATASETTE" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
    for db in $(ls "$WORK" | grep '^pgdb-' || true); do
      psql -q "$BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS ${db#pgdb-} WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# wrk's figures for one URL: "req/s p50 p99 errors".
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER}s" --latency "$1" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
  echo "$rps $p50 $p99 $errors"
}

rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

declare -A P50
for N in "${SIZES[@]}"; do
  DATA="$WORK/data-$N"
  mkdir -p "$DATA"
  if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
    DB="aireg_bench_${N}_$$"
    touch "$WORK/pgdb-$DB"
    psql -q "$BENCH_POSTGRES_URL" -c "CREATE DATABASE $DB" >/dev/null
    DATABASE="${BENCH_POSTGRES_URL%/*}/$DB"
    ENGINE=PostgreSQL
  else
    DATABASE="sqlite:$DATA/aireg.db"
    ENGINE=SQLite
  fi
  export DATABASE_URL="$DATABASE"
  "$BIN" migrate >/dev/null
  "$BIN" synth --records "$N" --output "$DATA/register.csv" 2>/dev/null
  start=$(date +%s.%N)
  "$BIN" import --format csv "$DATA/register.csv" --org synth >"$DATA/import.log" 2>"$DATA/import.err" \
    || { tail -5 "$DATA/import.log" "$DATA/import.err" >&2; exit 1; }
  import_s=$(echo "$(date +%s.%N) - $start" | bc)
  if [ "$ENGINE" = SQLite ]; then
    sqlite3 "$DATA/aireg.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null 2>&1 || true
    db_bytes=$(stat -c %s "$DATA/aireg.db")
  else
    db_bytes=$(psql -tA "$BENCH_POSTGRES_URL" -c "SELECT pg_database_size('$DB')")
  fi

  AIREG_PUBLIC_CACHE_MB=$([ "${BENCH_CACHE:-on}" = off ] && echo 0 || echo 32) "$BIN" serve --port "$PORT" >"$DATA/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/api/v1/public/systems?per_page=1" >/dev/null && break; sleep 0.2; done
  sleep 1
  idle=$(rss_mb "$SERVER")

  base="http://127.0.0.1:$PORT"
  one=$(curl -sf "$base/api/v1/public/systems?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  deep=$((N * 4 / 5 / 20 / 2))
  [ "$deep" -ge 1 ] || deep=1
  declare -a ENDPOINTS=(
    "list|/api/v1/public/systems?per_page=20"
    "one organisation|/api/v1/public/systems?per_page=20&org=synth-kunta-7"
    "a region|/api/v1/public/systems?per_page=20&org=synth-alue-3"
    "deep page|/api/v1/public/systems?per_page=20&page=$deep"
    "q=chatbot|/api/v1/public/systems?per_page=20&q=chatbot"
    "q=kirjastot|/api/v1/public/systems?per_page=20&q=kirjastot"
    "q=a rare word|/api/v1/public/systems?per_page=20&q=ruttoptimering"
    "filter: theme + personal data|/api/v1/public/systems?per_page=20&theme=health&personal_data=yes"
    "per_page=100|/api/v1/public/systems?per_page=100"
    "one record|/api/v1/public/systems/$one"
    "/fi/|/fi/"
    "/fi/?q=chatbot|/fi/?q=chatbot"
    "/fi/ a region, filtered|/fi/?org=synth-alue-3&theme=health"
    "/fi/systems/{id}|/fi/systems/$one"
  )
  peak="$WORK/peak-$N"
  echo 0 >"$peak"
  ( while kill -0 "$SERVER" 2>/dev/null; do
      r=$(rss_mb "$SERVER" 2>/dev/null || echo 0)
      [ "$r" -gt "$(cat "$peak")" ] && echo "$r" >"$peak"
      sleep 0.5
    done ) &
  SAMPLER=$!

  printf '\n%s, %s records (%s published), %s s per endpoint, %s connections, cache %s\n' \
    "$ENGINE" "$N" "$((N * 4 / 5))" "$SECONDS_PER" "$CONNECTIONS" "${BENCH_CACHE:-on}"
  printf '%-34s %9s %10s %10s %7s\n' endpoint "req/s" p50 p99 errors
  for e in "${ENDPOINTS[@]}"; do
    name=${e%%|*}
    path=${e#*|}
    read -r rps p50 p99 errors < <(measure "$base$path")
    printf '%-34s %9s %10s %10s %7s\n' "$name" "$rps" "$p50" "$p99" "$errors"
    P50["$N|$name"]=$p50
  done
  # Creates through the API, 8 clients, each a draft with a name of its own: the write path
  # (checks, row, index, first version, audited event, one transaction each). After the reads:
  # every create moves the register on, so the kept answers are made afresh.
  echo "bench-password-$$" | "$BIN" user add --email "bench-$$@example.fi" --name Bench \
    --role synth:editor --password-stdin >/dev/null 2>&1
  token=$("$BIN" token create --user "bench-$$@example.fi" 2>/dev/null | tail -1)
  out=$(BENCH_TOKEN="$token" BENCH_ORG=synth wrk -t2 -c8 -d"${SECONDS_PER}s" --latency \
    -s bench/create.lua "$base" 2>&1)
  printf '%-34s %9s %10s %10s %7s\n' "API create, 8 clients" \
    "$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx or 3xx responses:/ {n += $NF} END {print n + 0}' <<<"$out")"
  # The memory of the public load and the creates, before the staff pages below.
  loaded=$(cat "$peak")
  # The working group's overview (staff, signed in): the whole register, then one region
  # (a twentieth of it); it is counted in SQL and reads only what its lists show.
  jar="$DATA/cookies"
  curl -sf -o /dev/null -c "$jar" --data-urlencode "email=bench-$$@example.fi" \
    --data-urlencode "password=bench-password-$$" "$base/en/login" || true
  cookie=$(awk '$6 ~ /session/ {print $6 "=" $7}' "$jar" 2>/dev/null | sed -n 1p)
  for e in "overview: the whole register|/fi/staff/orgs/synth/governance" \
    "overview: a region|/fi/staff/orgs/synth-alue-3/governance"; do
    out=$(wrk -t1 -c1 -d"${SECONDS_PER}s" --latency -H "Cookie: $cookie" "$base${e#*|}" 2>&1)
    printf '%-34s %9s %10s %10s %7s\n' "${e%%|*}" \
      "$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' <<<"$out")" \
      "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
      "$(awk '/Non-2xx or 3xx responses:/ {n += $NF} END {print n + 0}' <<<"$out")"
  done
  kill "$SAMPLER" 2>/dev/null || true
  printf 'server memory: %s MB idle, %s MB at most under the public load and the creates, %s MB at most after the overviews too\n' \
    "$idle" "$loaded" "$(cat "$peak")"
  printf 'database: %s MB, %s bytes per record\n' "$((db_bytes / 1048576))" "$((db_bytes / N))"
  printf 'bulk import (aireg import, one transaction, audited per record): %.1f s, %.0f records/s\n' \
    "$import_s" "$(echo "$N / $import_s" | bc -l)"

  if [ -z "$NGINX_PID" ]; then
    mkdir -p "$WORK/static"
    chmod 755 "$WORK"
    curl -sf "$base/api/v1/public/systems?per_page=20" >"$WORK/static/systems.json"
    cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
  }
}
EOF
    nginx -c "$WORK/nginx.conf" &
    NGINX_PID=$!
    sleep 0.5
    read -r rps p50 p99 errors < <(measure "http://127.0.0.1:$NGINX_PORT/systems.json")
    printf '%-34s %9s %10s %10s %7s\n' "nginx: the list as a static file" "$rps" "$p50" "$p99" "$errors"
  fi
  kill "$SERVER" 2>/dev/null || { echo "bench: the server had stopped:" >&2; tail -20 "$DATA/serve.log" >&2; }
  wait "$SERVER" 2>/dev/null || true
  SERVER=""

  # Datasette over the same SQLite file, when it is installed (pip install datasette): the
  # records table as JSON and as a page, whole and narrowed to one organisation.
  if [ "$ENGINE" = SQLite ] && command -v datasette >/dev/null; then
    DS_PORT=$((PORT + 2))
    datasette serve --immutable "$DATA/aireg.db" -p "$DS_PORT" >"$DATA/datasette.log" 2>&1 &
    DATASETTE=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$DS_PORT/-/versions.json" >/dev/null && break; sleep 0.2; done
    kunta=$(sqlite3 "$DATA/aireg.db" "SELECT id FROM organisation WHERE slug = 'synth-kunta-7'" || true)
    for e in "datasette: 20 records (JSON)|/aireg/ai_system.json?_size=20" \
      "datasette: one organisation (JSON)|/aireg/ai_system.json?_size=20&org_id=$kunta" \
      "datasette: 20 records (page)|/aireg/ai_system?_size=20"; do
      read -r rps p50 p99 errors < <(measure "http://127.0.0.1:$DS_PORT${e#*|}")
      printf '%-34s %9s %10s %10s %7s\n' "${e%%|*}" "$rps" "$p50" "$p99" "$errors"
    done
    kill "$DATASETTE" 2>/dev/null || true
    wait "$DATASETTE" 2>/dev/null || true
    DATASETTE=""
  fi
done

if [ ${#SIZES[@]} -ge 2 ]; then
  a=${SIZES[0]}
  b=${SIZES[${#SIZES[@]} - 1]}
  printf '\np50 at %s records / p50 at %s records\n' "$b" "$a"
  to_ms() { awk '{v=$1; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) sub("ms","",v); else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' <<<"$1"; }
  for key in "${!P50[@]}"; do
    [ "${key%%|*}" = "$a" ] || continue
    name=${key#*|}
    x=$(to_ms "${P50[$a|$name]}")
    y=$(to_ms "${P50[$b|$name]:-0}")
    printf '%-34s %6.2f\n' "$name" "$(echo "$y / $x" | bc -l)"
  done
fi
