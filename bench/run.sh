#!/usr/bin/env bash
# Benchmarks the real jar on every store against an nginx baseline and writes
# bench/results/<date>.md and a PNG chart. See the "Benchmark" section of README.md.
#
#   bench/run.sh            full run: N = 1000 and 100000, memory, sqlite, postgres when reachable
#   bench/run.sh --quick    N = 1000, memory and sqlite, one run of 5 s each: about a minute
#
# Environment: BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_RUNS (2), BENCH_SIZES ("1000 100000"),
# BENCH_STORES ("memory sqlite postgres"), BENCH_CONNECTIONS ("16 64"), BENCH_THREADS (2),
# BENCH_PORT / BENCH_ADMIN_PORT / BENCH_NGINX_PORT (18080 / 18081 / 18090),
# ADDRSERVICE_BENCH_POSTGRES_URL (a JDBC URL of a server where a throw-away database may be created;
# without it, 127.0.0.1:5432 as user postgres is tried), BENCH_RESULTS (bench/results/<date>.md).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
COMMAND="bench/run.sh $*"

QUICK=false
for arg in "$@"; do
  case $arg in
    --quick) QUICK=true ;;
    *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
  esac
done

if $QUICK; then
  : "${BENCH_DURATION:=5s}" "${BENCH_WARMUP:=2s}" "${BENCH_RUNS:=1}"
  : "${BENCH_SIZES:=1000}" "${BENCH_STORES:=memory sqlite}"
fi
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
RUNS=${BENCH_RUNS:-2}
SIZES=${BENCH_SIZES:-1000 100000}
STORES=${BENCH_STORES:-memory sqlite postgres}
CONNECTIONS=${BENCH_CONNECTIONS:-16 64}
THREADS=${BENCH_THREADS:-2}
OPERATIONS="get page put post"
# The JVM options every deployment under ops/ runs with, but the class archive.
JAVA_HEAP=(-Xms64m -Xmx128m -XX:+UseSerialGC)
export JAVA_OPTIONS_USED="${JAVA_HEAP[*]}"

export BENCH_PORT=${BENCH_PORT:-18080}
export BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}
NGINX_PORT=${BENCH_NGINX_PORT:-18090}
export BENCH_WRK_DIR="$BENCH_DIR/wrk"
API="http://127.0.0.1:$BENCH_PORT"
ADMIN="http://127.0.0.1:$BENCH_ADMIN_PORT"

DATE=$(date -u +%Y-%m-%d)
RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results/$DATE.md}
CHART="${RESULTS%.md}.png"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/addrservice-bench.XXXXXX")
DATA="$WORK/results.tsv"
SERVER_PID=""
NGINX_PID=""
PG_ADMIN_URL=""
PG_DB=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  stop_server
  if [[ -n $NGINX_PID ]]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  drop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian"
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# Starts the jar on $1's bench config; sets SERVER_PID and STARTUP_MS (java -jar to the first
# healthy answer on the admin port).
start_server() {
  local store=$1
  for port in "$BENCH_PORT" "$BENCH_ADMIN_PORT"; do
    port_free "$port" || { echo "port $port is in use; set BENCH_PORT / BENCH_ADMIN_PORT" >&2; exit 1; }
  done
  local started
  started=$(now_ms)
  java "${JAVA_HEAP[@]}" -jar "$ROOT/target/addrservice.jar" server "$BENCH_DIR/configs/$store.yml" \
    >"$WORK/server-$store.log" 2>&1 &
  SERVER_PID=$!
  until curl -fs -o /dev/null "$ADMIN/health-check?type=ready" \
    || curl -fs -o /dev/null "$ADMIN/healthcheck"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$WORK/server-$store.log" >&2
      echo "the service did not start on the $store store" >&2
      exit 1
    fi
    if (($(now_ms) - started > 60000)); then echo "no healthy answer within 60 s" >&2; exit 1; fi
    sleep 0.02
  done
  STARTUP_MS=$(($(now_ms) - started))
}

stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

# The highest resident set size the server has had so far, in MiB.
peak_rss_mib() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

# Sets BENCH_POSTGRES_URL to a new, empty database; false when no server answers.
create_postgres() {
  local url=${ADDRSERVICE_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
  # psql takes the same URL without the jdbc: prefix.
  PG_ADMIN_URL=${url#jdbc:}
  command -v psql >/dev/null || return 1
  psql -qAt "$PG_ADMIN_URL" -c 'select 1' >/dev/null 2>&1 || return 1
  PG_DB="addrservice_bench_$$"
  psql -q "$PG_ADMIN_URL" -c "create database $PG_DB" >/dev/null
  local base=${url%%\?*} query=""
  [[ $url == *\?* ]] && query="?${url#*\?}"
  export BENCH_POSTGRES_URL="${base%/*}/$PG_DB$query"
}

drop_postgres() {
  if [[ -n $PG_DB ]]; then
    psql -q "$PG_ADMIN_URL" -c "drop database if exists $PG_DB" >/dev/null 2>&1 || true
    PG_DB=""
  fi
}

# Fills the book to $1 entries through POST /addresses with wrk (the same path clients take).
load_book() {
  local n=$1 have per_thread
  have=$(count_entries)
  ((n > have)) || return 0
  per_thread=$(((n - have + THREADS - 1) / THREADS))
  rm -f "$WORK/load-done".*
  BENCH_LOAD_PER_THREAD=$per_thread BENCH_LOAD_DONE="$WORK/load-done" \
    wrk -t"$THREADS" -c16 -d3600s -s "$BENCH_WRK_DIR/load.lua" "$API" >"$WORK/load.out" &
  local wrk_pid=$!
  until (($(find "$WORK" -maxdepth 1 -name 'load-done.*' | wc -l) >= THREADS)); do
    kill -0 "$wrk_pid" 2>/dev/null || { cat "$WORK/load.out" >&2; exit 1; }
    sleep 0.2
  done
  kill "$wrk_pid"
  wait "$wrk_pid" 2>/dev/null || true
}

# Walks the whole book a page at a time: writes every id to $WORK/ids and, for the page benchmark,
# the first page and the pages after a sample of the cursors to $WORK/pages. Prints the count.
walk_book() {
  local size=$1
  local next="/addresses?limit=$size" headers="$WORK/headers" body="$WORK/page.json"
  : >"$WORK/ids"
  echo "/addresses?limit=100" >"$WORK/pages"
  while [[ -n $next ]]; do
    curl -fsS -D "$headers" -o "$body" "$API$next"
    jq -r 'keys[]' "$body" >>"$WORK/ids"
    next=$(tr -d '\r' <"$headers" | sed -n 's/^[Ll]ink: <\(.*\)>; rel="next"$/\1/p')
    [[ -n $next ]] && echo "${next/limit=$size/limit=100}" >>"$WORK/pages"
  done
  wc -l <"$WORK/ids"
}

count_entries() {
  local next="/addresses?limit=1000" count=0 headers="$WORK/headers"
  while [[ -n $next ]]; do
    count=$((count + $(curl -fsS -D "$headers" "$API$next" | jq 'length')))
    next=$(tr -d '\r' <"$headers" | sed -n 's/^[Ll]ink: <\(.*\)>; rel="next"$/\1/p')
  done
  echo "$count"
}

# Runs wrk once; prints "rps p50 p99 p999 non2xx socket_errors".
run_wrk() {
  local script=$1 connections=$2 duration=$3 url=$4 out
  out=$(BENCH_IDS="$WORK/ids" BENCH_PAGES="$WORK/pages" \
    wrk -t"$THREADS" -c"$connections" -d"$duration" -s "$BENCH_WRK_DIR/$script.lua" "$url")
  sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) p999_ms=\([^ ]*\) non2xx=\([^ ]*\) socket_errors=\([^ ]*\) .*/\1 \2 \3 \4 \5 \6/p' <<<"$out"
}

# Warm-up, then BENCH_RUNS measured runs; appends rows to the data file.
measure() {
  local target=$1 store=$2 n=$3 op=$4 connections=$5 url=$6 run
  run_wrk "$op" "$connections" "$WARMUP" "$url" >/dev/null
  for ((run = 1; run <= RUNS; run++)); do
    local figures
    figures=$(run_wrk "$op" "$connections" "$DURATION" "$url")
    log "$target $store N=$n c=$connections $op run $run: $figures"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$store" "$n" "$op" "$connections" "$run" \
      "${figures// /$'\t'}" >>"$DATA"
  done
}

start_nginx() {
  local root="$WORK/nginx"
  mkdir -p "$root/html" "$root/logs"
  cp "$WORK/entry.json" "$root/html/entry.json"
  chmod -R a+rX "$WORK"
  cat >"$root/nginx.conf" <<EOF
worker_processes auto;
error_log $root/logs/error.log warn;
pid $root/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  default_type application/json;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $root/html;
  }
}
EOF
  port_free "$NGINX_PORT" || { echo "port $NGINX_PORT is in use; set BENCH_NGINX_PORT" >&2; exit 1; }
  nginx -p "$root" -c "$root/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/entry.json"; do sleep 0.05; done
}

install_tools
log "building the jar"
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -DskipTests package)

: >"$DATA"
: >"$WORK/servers.tsv"
SKIPPED=""
for store in $STORES; do
  for n in $SIZES; do
    if [[ $store == postgres ]]; then
      if ! create_postgres; then SKIPPED="PostgreSQL was not reachable, so the postgres store was not measured."; continue; fi
    fi
    export BENCH_SQLITE_FILE="$WORK/bench-$n.db"
    rm -f "$BENCH_SQLITE_FILE"*
    start_server "$store"
    log "$store N=$n: healthy after $STARTUP_MS ms; loading"
    load_started=$(now_ms)
    load_book "$n"
    have=$(walk_book "$( ((n > 10000)) && echo 1000 || echo 100)")
    load_ms=$(($(now_ms) - load_started))
    log "$store N=$n: $have entries in $load_ms ms"
    if [[ ! -f $WORK/entry.json ]]; then
      curl -fsS -o "$WORK/entry.json" "$API/addresses/$(head -1 "$WORK/ids")"
    fi
    for connections in $CONNECTIONS; do
      for op in $OPERATIONS; do
        measure service "$store" "$n" "$op" "$connections" "$API"
      done
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$n" "$have" "$STARTUP_MS" "$(peak_rss_mib)" "$load_ms" \
      >>"$WORK/servers.tsv"
    stop_server
    [[ $store == postgres ]] && drop_postgres
    rm -f "$BENCH_SQLITE_FILE"*
  done
done

log "nginx baseline"
start_nginx
for connections in $CONNECTIONS; do
  measure nginx nginx - static "$connections" "http://127.0.0.1:$NGINX_PORT"
done

mkdir -p "$(dirname "$RESULTS")"
"$BENCH_DIR/report.sh" "$DATA" "$WORK/servers.tsv" "$RESULTS" "$CHART" "$COMMAND" \
  "$DURATION" "$WARMUP" "$RUNS" "$THREADS" "$(wc -c <"$WORK/entry.json")" "$SKIPPED"
log "wrote $RESULTS and $CHART"
