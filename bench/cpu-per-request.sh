#!/usr/bin/env bash
# Server CPU time per request: runs wrk against a server that is already up and divides the CPU time
# the server's process used during the measured run (utime + stime of /proc/PID/stat) by the
# requests wrk counted. Unlike requests/s, this moves little with what else runs on the cores.
#
#   bench/cpu-per-request.sh PID URL [WRK_OPTION...]
#
# Environment: BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (3s), BENCH_DURATION (15s).
# Prints one line: rps, p99, requests, and the server's CPU µs per request.
set -euo pipefail

if (($# < 2)); then
  echo "usage: bench/cpu-per-request.sh PID URL [WRK_OPTION...]" >&2
  exit 2
fi
pid=$1
shift
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}

# The process's user and system CPU time so far, in clock ticks (fields 14 and 15).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

wrk -t"$threads" -c"$connections" -d"${BENCH_WARMUP:-3s}" "$@" >/dev/null
before=$(cpu_ticks)
out=$(wrk -t"$threads" -c"$connections" -d"${BENCH_DURATION:-15s}" --latency "$@")
after=$(cpu_ticks)

requests=$(awk '/requests in/ {print $1}' <<<"$out")
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
awk -v ticks=$((after - before)) -v requests="$requests" -v hz="$(getconf CLK_TCK)" \
  -v rps="$rps" -v p99="$p99" \
  'BEGIN { printf "rps=%s p99=%s requests=%s cpu_us_per_request=%.1f\n", rps, p99, requests, ticks * 1e6 / hz / requests }'
