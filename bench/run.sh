#!/usr/bin/env bash
# Benchmarks the real jar on every store against an nginx baseline and writes
# bench/results/<date>.md and a PNG chart. See the "Benchmark" section of README.md.
#
#   bench/run.sh            full run: N = 1000 and 100000, memory, sqlite, postgres when reachable
#   bench/run.sh --quick    N = 1000, sqlite only, get, page and post, one run of 5 s each
#
# Every store/N is a round: after the store's runs, the framework floor (bench/floor: Dropwizard
# alone answering GET /addresses/{id} with the same bytes) with its request log off and on, and
# nginx serving those bytes, are measured at the same connections, so that each figure has a ratio
# to nginx and to the floor of its own round. Each measured wrk run also records the server's CPU
# time (all nginx workers for nginx) per request.
#
# Environment: BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_RUNS (2), BENCH_SIZES ("1000 100000"),
# BENCH_STORES ("memory sqlite postgres"), BENCH_CONNECTIONS ("16 64"), BENCH_THREADS (2),
# BENCH_PORT / BENCH_ADMIN_PORT / BENCH_NGINX_PORT (18080 / 18081 / 18090),
# ADDRSERVICE_BENCH_POSTGRES_URL (a JDBC URL of a server where a throw-away database may be created;
# without it, 127.0.0.1:5432 as user postgres is tried), BENCH_RESULTS (bench/results/<date>.md),
# BENCH_STARTS (5: starts of config.yml timed without and with the class archive each),
# BENCH_MEMORY_HEAP (-Xmx1g: the memory store's heap; the other stores get the ops options').
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
  : "${BENCH_SIZES:=1000}" "${BENCH_STORES:=sqlite}" "${BENCH_STARTS:=2}"
  : "${BENCH_OPERATIONS:=get page post}"
fi
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
RUNS=${BENCH_RUNS:-2}
SIZES=${BENCH_SIZES:-1000 100000}
STORES=${BENCH_STORES:-memory sqlite postgres}
CONNECTIONS=${BENCH_CONNECTIONS:-16 64}
THREADS=${BENCH_THREADS:-2}
OPERATIONS=${BENCH_OPERATIONS:-get page put post}
STARTS=${BENCH_STARTS:-5}
# The memory store keeps the whole book in the heap, and the post runs grow it past 200,000
# entries: it is for tests and demos, not an ops store, and gets a heap that holds that.
MEMORY_HEAP=${BENCH_MEMORY_HEAP:--Xmx1g}

export BENCH_PORT=${BENCH_PORT:-18080}
export BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}
NGINX_PORT=${BENCH_NGINX_PORT:-18090}

DATE=$(date -u +%Y-%m-%d)
RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results/$DATE.md}
CHART="${RESULTS%.md}.png"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/addrservice-bench.XXXXXX")
DATA="$WORK/results.tsv"
ARCHIVE="$WORK/addrservice.jsa"
FLOOR_JAR="$BENCH_DIR/floor/target/floor.jar"
FLOOR_ARCHIVE="$WORK/floor.jsa"
CLK_TCK=$(getconf CLK_TCK)
MEASURED_PIDS=()
NGINX_PID=""
PG_ADMIN_URL=""
PG_DB=""
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
read_ops_java_options
export JAVA_OPTIONS_USED="${OPS_JAVA_OPTIONS[*]} -XX:SharedArchiveFile=<an archive made by ops/cds/create-archive.sh>\` and \`MALLOC_ARENA_MAX=$OPS_MALLOC_ARENA_MAX"

cleanup() {
  stop_server KILL
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

# The JVM options for a store's server: the ops options and the class archive, with a bigger heap
# for the memory store, and a GC log ($1 = store, $2 = GC log file).
server_options() {
  local store=$1 gc_log=$2 option
  SERVER_OPTIONS=()
  for option in "${OPS_JAVA_OPTIONS[@]}"; do
    if [[ $store == memory && $option == -Xmx* ]]; then option=$MEMORY_HEAP; fi
    SERVER_OPTIONS+=("$option")
  done
  SERVER_OPTIONS+=(-XX:SharedArchiveFile="$ARCHIVE" "-Xlog:gc:file=$gc_log")
}

# Prints "pauses full_gcs pause_ms heap_after_last_gc_mib" from a -Xlog:gc file.
gc_summary() {
  awk '/Pause (Young|Full)/ {
      pauses++
      if (/Pause Full/) full++
      if (match($0, /[0-9.]+ms$/)) ms += substr($0, RSTART, RLENGTH - 2)
      if (match($0, /->[0-9]+M/)) heap = substr($0, RSTART + 2, RLENGTH - 3)
    }
    END { printf "%d %d %.0f %s\n", pauses, full, ms, (heap == "" ? "-" : heap) }' "$1"
}

# Times STARTS starts of the default config.yml (its own SQLite file and log directory in a
# temporary directory, the harness's ports) without and with the class archive, alternating so
# that both see the same machine. Appends "archive|none ms" rows to $WORK/startup.tsv.
time_default_config() {
  local i kind dir
  : >"$WORK/startup.tsv"
  for ((i = 1; i <= STARTS; i++)); do
    for kind in none archive; do
      dir="$WORK/default-$kind-$i"
      mkdir -p "$dir"
      local options=("${OPS_JAVA_OPTIONS[@]}")
      [[ $kind == archive ]] && options+=(-XX:SharedArchiveFile="$ARCHIVE")
      ADDRSERVICE_PORT=$BENCH_PORT ADDRSERVICE_ADMIN_PORT=$BENCH_ADMIN_PORT \
        ADDRSERVICE_DB_FILE="$dir/addressbook.db" ADDRSERVICE_LOG_DIR="$dir/logs" \
        start_server "$ROOT/config.yml" "$dir/console.log" "${options[@]}"
      # SIGKILL: the default config waits 5 s at shutdown for load balancers to notice.
      stop_server KILL
      log "config.yml start $i, $kind: ready after $STARTUP_MS ms"
      printf '%s\t%s\n' "$kind" "$STARTUP_MS" >>"$WORK/startup.tsv"
      rm -rf "$dir"
    done
  done
}

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

# Runs wrk once; prints "rps p50 p99 p999 non2xx socket_errors cpu_us_per_request", the last from
# the CPU time of the processes MEASURED_PIDS (the server under test) across the run divided by
# the requests wrk counted.
run_wrk() {
  local script=$1 connections=$2 duration=$3 url=$4 out before after requests
  before=$(cpu_ticks "${MEASURED_PIDS[@]}")
  out=$(BENCH_IDS="$WORK/ids" BENCH_PAGES="$WORK/pages" \
    wrk -t"$THREADS" -c"$connections" -d"$duration" -s "$BENCH_WRK_DIR/$script.lua" "$url")
  after=$(cpu_ticks "${MEASURED_PIDS[@]}")
  requests=$(sed -n 's/^RESULT .* requests=\([0-9]*\).*/\1/p' <<<"$out")
  printf '%s %s\n' \
    "$(sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) p999_ms=\([^ ]*\) non2xx=\([^ ]*\) socket_errors=\([^ ]*\) .*/\1 \2 \3 \4 \5 \6/p' <<<"$out")" \
    "$(awk -v t="$((after - before))" -v hz="$CLK_TCK" -v r="${requests:-0}" \
      'BEGIN { printf "%.1f", (r > 0 ? t / hz * 1e6 / r : 0) }')"
}

# Warm-up, then BENCH_RUNS measured runs; appends rows to the data file. Returns 1 when the server
# under test has exited meanwhile (its runs so far are kept).
measure() {
  local target=$1 store=$2 n=$3 op=$4 connections=$5 url=$6 run figures
  run_wrk "$op" "$connections" "$WARMUP" "$url" >/dev/null
  for ((run = 1; run <= RUNS; run++)); do
    figures=$(run_wrk "$op" "$connections" "$DURATION" "$url")
    if [[ $target == service ]] && ! server_alive; then
      log "$store N=$n: the server exited during the $op runs at $connections connections"
      return 1
    fi
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

# The floor's class archive: one training start with -XX:ArchiveClassesAtExit (ops/cds's script
# trains the service's own requests and store), a few GETs, SIGTERM, which writes the archive.
make_floor_archive() {
  SERVER_JAR=$FLOOR_JAR READY_URL="$ADMIN/healthcheck" \
    start_server "$BENCH_DIR/floor/floor.yml" "$WORK/floor-training.log" "${OPS_JAVA_OPTIONS[@]}" \
    -XX:ArchiveClassesAtExit="$FLOOR_ARCHIVE" || exit 1
  for _ in 1 2 3; do curl -fsS -o /dev/null "$API/addresses/1"; done
  stop_server TERM
  [[ -f $FLOOR_ARCHIVE ]] || { echo "no floor class archive was written" >&2; exit 1; }
}

# measure_baselines STORE N: the round's baselines after that store's runs: the floor on
# floor.yml (target floor) and floor-requestlog.yml (target floor-log), GET by id, and nginx's
# static file, at each connection count. A floor row goes into the servers file as well.
measure_baselines() {
  local store=$1 n=$2 target config connections
  for target in floor floor-log; do
    config="$BENCH_DIR/floor/floor.yml"
    [[ $target == floor-log ]] && config="$BENCH_DIR/floor/floor-requestlog.yml"
    BENCH_REQUEST_LOG="$WORK/floor-requests.log" SERVER_JAR=$FLOOR_JAR READY_URL="$ADMIN/healthcheck" \
      start_server "$config" "$WORK/$target-$store-$n.log" "${OPS_JAVA_OPTIONS[@]}" \
      -XX:SharedArchiveFile="$FLOOR_ARCHIVE" || exit 1
    log "$target (round $store N=$n): ready after $STARTUP_MS ms"
    if ! curl -fsS "$API/addresses/$(head -1 "$WORK/ids")" | cmp -s - "$WORK/entry.json"; then
      echo "the floor's answer differs from the service's $WORK/entry.json" >&2
      exit 1
    fi
    MEASURED_PIDS=("$SERVER_PID")
    for connections in $CONNECTIONS; do
      measure "$target" "$store" "$n" get "$connections" "$API"
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target (round $store)" "$n" - \
      "$STARTUP_MS" "$(peak_rss_mib)" - - - - - \
      "$(printf '%s\n' "${OPS_JAVA_OPTIONS[@]}" | grep -- '^-Xmx')" - >>"$WORK/servers.tsv"
    stop_server
    rm -f "$WORK/floor-requests.log"
  done
  [[ -n $NGINX_PID ]] || start_nginx
  mapfile -t MEASURED_PIDS < <(pgrep -P "$NGINX_PID")
  for connections in $CONNECTIONS; do
    measure nginx "$store" "$n" static "$connections" "http://127.0.0.1:$NGINX_PORT"
  done
}

install_tools
log "building the jar"
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -DskipTests package)
log "building the floor"
mvn -B -ntp -q -Dstyle.color=never -f "$BENCH_DIR/floor/pom.xml" -DskipTests package

: >"$DATA"
: >"$WORK/servers.tsv"
SKIPPED=""
log "making the class archive"
MALLOC_ARENA_MAX=$OPS_MALLOC_ARENA_MAX JDK_JAVA_OPTIONS="${OPS_JAVA_OPTIONS[*]}" "$ROOT/ops/cds/create-archive.sh" "$ROOT/target/addrservice.jar" \
  "$ARCHIVE" >&2
log "making the floor's class archive"
make_floor_archive
log "timing $STARTS starts of config.yml without and with the archive"
time_default_config
for store in $STORES; do
  for n in $SIZES; do
    if [[ $store == postgres ]]; then
      if ! create_postgres; then SKIPPED="PostgreSQL was not reachable, so the postgres store was not measured."; continue; fi
    fi
    export BENCH_SQLITE_FILE="$WORK/bench-$n.db"
    rm -f "$BENCH_SQLITE_FILE"*
    gc_log="$WORK/gc-$store-$n.log"
    server_options "$store" "$gc_log"
    start_server "$BENCH_DIR/configs/$store.yml" "$WORK/server-$store-$n.log" "${SERVER_OPTIONS[@]}" \
      || exit 1
    log "$store N=$n: ready after $STARTUP_MS ms; loading"
    load_started=$(now_ms)
    load_book "$n" || { echo "loading the $store store failed" >&2; exit 1; }
    have=$(walk_book "$( ((n > 10000)) && echo 1000 || echo 100)")
    load_ms=$(($(now_ms) - load_started))
    log "$store N=$n: $have entries in $load_ms ms"
    if [[ ! -f $WORK/entry.json ]]; then
      curl -fsS -o "$WORK/entry.json" "$API/addresses/$(head -1 "$WORK/ids")"
    fi
    note=""
    MEASURED_PIDS=("$SERVER_PID")
    for connections in $CONNECTIONS; do
      for op in $OPERATIONS; do
        if ! measure service "$store" "$n" "$op" "$connections" "$API"; then
          note="exited during the $op runs at $connections connections"
          break 2
        fi
      done
    done
    if server_alive; then rss=$(peak_rss_mib); else rss="-"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$n" "$have" "$STARTUP_MS" "$rss" "$load_ms" \
      "$(gc_summary "$gc_log" | tr ' ' '\t')" "$(printf '%s\n' "${SERVER_OPTIONS[@]}" | grep -- '^-Xmx')" \
      "${note:--}" >>"$WORK/servers.tsv"
    stop_server
    if [[ -n $note ]]; then
      sed -n '/OutOfMemory\|Exception\|ERROR/p' "$WORK/server-$store-$n.log" | tail -5 >&2
    fi
    [[ $store == postgres ]] && drop_postgres
    rm -f "$BENCH_SQLITE_FILE"*
    measure_baselines "$store" "$n"
  done
done

mkdir -p "$(dirname "$RESULTS")"
"$BENCH_DIR/report.sh" "$DATA" "$WORK/servers.tsv" "$RESULTS" "$CHART" "$COMMAND" \
  "$DURATION" "$WARMUP" "$RUNS" "$THREADS" "$(wc -c <"$WORK/entry.json")" "$SKIPPED" \
  "$WORK/startup.tsv"
log "wrote $RESULTS and $CHART"
# --quick prints the tables of the stores and their baselines, ratios included.
if $QUICK; then sed -n '/^## The service/,/^## Start-up/{/^## Start-up/!p}' "$RESULTS"; fi
