#!/usr/bin/env bash
# Profiles one operation of the real jar with JDK Flight Recorder and prints where the CPU time went.
#
#   bench/profile.sh STORE OPERATION [CONNECTIONS] [SECONDS]
#   bench/profile.sh sqlite post 64 20
#
# STORE is memory, sqlite or postgres (with BENCH_POSTGRES_URL set to a JDBC URL of an empty
# database); OPERATION is get, page, put or post, as in bench/run.sh. The book is filled with
# BENCH_PROFILE_SIZE (1000) entries, the operation is warmed up for 10 s and then recorded for
# SECONDS (20) at CONNECTIONS (64). The recording is kept as target/profile-STORE-OPERATION.jfr for
# JDK Mission Control; the summary is printed (bench/jfr-summary.py). Uses the jar in target/; build
# it first (mvn -B -ntp -DskipTests package).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
STORE=${1:?usage: bench/profile.sh STORE OPERATION [CONNECTIONS] [SECONDS]}
OPERATION=${2:?usage: bench/profile.sh STORE OPERATION [CONNECTIONS] [SECONDS]}
CONNECTIONS=${3:-64}
SECONDS_RECORDED=${4:-20}
SIZE=${BENCH_PROFILE_SIZE:-1000}
RECORDING="$ROOT/target/profile-$STORE-$OPERATION.jfr"

export BENCH_PORT=${BENCH_PORT:-18080}
export BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}
THREADS=2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/addrservice-profile.XXXXXX")
export BENCH_SQLITE_FILE="$WORK/profile.db"
export BENCH_IDS="$WORK/ids" BENCH_PAGES="$WORK/pages"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
read_ops_java_options

cleanup() {
  stop_server KILL
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server "$BENCH_DIR/configs/$STORE.yml" "$WORK/server.log" "${OPS_JAVA_OPTIONS[@]}" || exit 1

# Fill the book through the API, then take its ids and first page for the scripts that need them.
load_book "$SIZE" || exit 1
curl -fsS "$API/addresses?limit=1000" | jq -r 'keys[]' >"$BENCH_IDS"
echo "/addresses?limit=100" >"$BENCH_PAGES"

wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$BENCH_WRK_DIR/$OPERATION.lua" "$API" >/dev/null
jcmd "$SERVER_PID" JFR.start name=profile settings=profile >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_RECORDED}s" -s "$BENCH_WRK_DIR/$OPERATION.lua" "$API" \
  | grep '^RESULT'
mkdir -p "$(dirname "$RECORDING")"
jcmd "$SERVER_PID" JFR.stop name=profile filename="$RECORDING" >/dev/null
echo "recording: $RECORDING"
"$BENCH_DIR/jfr-summary.py" "$RECORDING"
