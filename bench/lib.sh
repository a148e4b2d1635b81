# Shared by bench/run.sh and bench/profile.sh, which source it after setting ROOT (the project),
# BENCH_DIR (bench/), WORK (a temporary directory they remove), BENCH_PORT, BENCH_ADMIN_PORT and
# THREADS (wrk threads).

export BENCH_WRK_DIR="$BENCH_DIR/wrk"
API="http://127.0.0.1:$BENCH_PORT"
ADMIN="http://127.0.0.1:$BENCH_ADMIN_PORT"
SERVER_PID=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The JVM options the ops deployments run with: JDK_JAVA_OPTIONS of ops/docker/Dockerfile, which
# the systemd unit and the k8s manifests repeat (tests check that). The class archive option is left
# out; callers that want the archive add their own. Sets the array OPS_JAVA_OPTIONS, and
# OPS_MALLOC_ARENA_MAX to the image's MALLOC_ARENA_MAX, which start_server gives java.
read_ops_java_options() {
  local line option
  line=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' "$ROOT/ops/docker/Dockerfile")
  [[ -n $line ]] || { echo "no JDK_JAVA_OPTIONS in ops/docker/Dockerfile" >&2; exit 1; }
  OPS_MALLOC_ARENA_MAX=$(sed -n 's/^ *MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' "$ROOT/ops/docker/Dockerfile")
  [[ -n $OPS_MALLOC_ARENA_MAX ]] || { echo "no MALLOC_ARENA_MAX in ops/docker/Dockerfile" >&2; exit 1; }
  OPS_JAVA_OPTIONS=()
  for option in $line; do
    [[ $option == -XX:SharedArchiveFile=* ]] || OPS_JAVA_OPTIONS+=("$option")
  done
}

# start_server CONFIG CONSOLE_LOG [JAVA_OPTION...]: starts the jar on CONFIG and waits for the
# first 200 of the readiness check on the admin port. SERVER_JAR and READY_URL, when set, name
# another jar and the URL whose first 200 counts as ready (the floor's /healthcheck). Sets SERVER_PID and STARTUP_MS (from the
# start of java to that answer). Returns 1 when the process exits or no answer comes within 60 s.
start_server() {
  local config=$1 console=$2 started port
  shift 2
  for port in "$BENCH_PORT" "$BENCH_ADMIN_PORT"; do
    port_free "$port" || { echo "port $port is in use; set BENCH_PORT / BENCH_ADMIN_PORT" >&2; exit 1; }
  done
  started=$(now_ms)
  MALLOC_ARENA_MAX=${OPS_MALLOC_ARENA_MAX:-} java "$@" -jar "${SERVER_JAR:-$ROOT/target/addrservice.jar}" server "$config" \
    >"$console" 2>&1 &
  SERVER_PID=$!
  until curl -fs -o /dev/null "${READY_URL:-$ADMIN/health-check?type=ready}"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || (($(now_ms) - started > 60000)); then
      cat "$console" >&2
      echo "the service did not become ready on $config" >&2
      stop_server KILL
      return 1
    fi
    sleep 0.01
  done
  STARTUP_MS=$(($(now_ms) - started))
}

# stop_server [SIGNAL]: TERM by default; KILL skips the orderly shutdown's waits.
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill "-${1:-TERM}" "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

server_alive() { [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; }

# cpu_ticks PID...: the CPU time the processes have used so far, user plus system (fields 14 and
# 15 of /proc/PID/stat; counted after the ")" that ends the command name, which may hold spaces),
# summed, in clock ticks (getconf CLK_TCK).
cpu_ticks() {
  local pid total=0 fields
  for pid in "$@"; do
    fields=$(sed 's/.*) //' "/proc/$pid/stat")
    total=$((total + $(awk '{print $12 + $13}' <<<"$fields")))
  done
  echo "$total"
}

# The highest resident set size the server has had so far, in MiB.
peak_rss_mib() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

# load_book COUNT: POSTs COUNT entries through the API with wrk at 16 connections (the path
# clients take).
load_book() {
  local count=$1 per_thread wrk_pid
  ((count > 0)) || return 0
  per_thread=$(((count + THREADS - 1) / THREADS))
  rm -f "$WORK/load-done".*
  BENCH_LOAD_PER_THREAD=$per_thread BENCH_LOAD_DONE="$WORK/load-done" \
    wrk -t"$THREADS" -c16 -d3600s -s "$BENCH_WRK_DIR/load.lua" "$API" >"$WORK/load.out" &
  wrk_pid=$!
  until (($(find "$WORK" -maxdepth 1 -name 'load-done.*' | wc -l) >= THREADS)); do
    if ! kill -0 "$wrk_pid" 2>/dev/null || ! server_alive; then
      cat "$WORK/load.out" >&2
      kill "$wrk_pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
  kill "$wrk_pid"
  wait "$wrk_pid" 2>/dev/null || true
}
