#!/usr/bin/env bash
# Makes an AppCDS archive for the fat jar: one training start writes the classes it loaded into
# ARCHIVE, and later starts with -XX:SharedArchiveFile=ARCHIVE map them instead of loading and
# verifying them again, which takes about a third off start-up.
#
#   ops/cds/create-archive.sh JAR ARCHIVE
#
# The training start runs `java -XX:ArchiveClassesAtExit=ARCHIVE -jar JAR server` on a throw-away
# SQLite database in a temporary directory and two free loopback ports, waits for readiness on the
# admin port, sends each kind of API request once, stops the service with SIGTERM (the archive is
# written at exit) and checks that java maps the archive (-Xshare:on).
#
# Run it with the java and the JVM options the service will run with: `java` on the PATH (or
# $JAVA), and JDK_JAVA_OPTIONS as the service gets it (an -XX:SharedArchiveFile or -Xshare in it is
# left out of the training start). An archive only fits the JAR it was made from, at the same path
# and with the same size and time stamp, and the same java: make it again whenever either changes.
# A java given an archive that does not fit ignores it and starts without (more slowly), unless it
# runs with -Xshare:on.
#
# Plain bash (/dev/tcp), so that it runs in the JRE image, which has no curl.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 JAR ARCHIVE" >&2
  exit 2
fi
[[ -f $1 ]] || { echo "$0: no jar at $1" >&2; exit 1; }
# The archive records the jar's path as the training start saw it: an absolute one fits every
# spelling of the same path later.
JAR=$(realpath "$1")
ARCHIVE=$2
JAVA=${JAVA:-java}

options=()
for option in ${JDK_JAVA_OPTIONS:-}; do
  case $option in
    -XX:SharedArchiveFile=* | -Xshare:*) ;;
    *) options+=("$option") ;;
  esac
done
unset JDK_JAVA_OPTIONS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/addrservice-cds.XXXXXX")
JAVA_PID=""
cleanup() {
  if [[ -n $JAVA_PID ]]; then
    kill -KILL "$JAVA_PID" 2> /dev/null || true
    wait "$JAVA_PID" 2> /dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

listening() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# Ports below the kernel's ephemeral range, so that no outgoing connection of this machine can
# take the port between this check and the training start's bind.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2> /dev/null || echo 32768)
((EPHEMERAL_LOW > 11000)) || EPHEMERAL_LOW=32768
free_port() {
  local port
  for _ in {1..100}; do
    port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
    if ! listening "$port" && [[ $port != "${API_PORT:-}" ]]; then
      echo "$port"
      return
    fi
  done
  echo "$0: found no free port" >&2
  exit 1
}

# One HTTP/1.1 request: http PORT METHOD PATH [BODY [CONTENT-TYPE [HEADER...]]]. Prints the
# status code, then the response headers one a line.
http() {
  local port=$1 method=$2 path=$3 body=${4:-} type=${5:-application/json} header
  exec 3<> "/dev/tcp/127.0.0.1/$port" || return 1
  {
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' "$method" "$path"
    for header in "${@:6}"; do printf '%s\r\n' "$header"; done
    if [[ -n $body ]]; then
      printf 'Content-Type: %s\r\nContent-Length: %d\r\n' "$type" "${#body}"
    fi
    printf '\r\n%s' "$body"
  } >&3
  local line status=""
  while IFS= read -r -t 10 line <&3; do
    line=${line%$'\r'}
    [[ -z $line ]] && break
    if [[ -z $status ]]; then status=${line#* } status=${status%% *}; echo "$status"; else echo "$line"; fi
  done
  cat <&3 > /dev/null
  exec 3<&-
  [[ -n $status ]]
}

API_PORT=$(free_port)
ADMIN_PORT=$(free_port)

# Close to the shipped configurations (INFO to the console and a file, the same health checks),
# so that what they load at start is in the archive, but with nothing to wait for at stop.
cat > "$WORK/training.yml" << EOF
server:
  applicationConnectors:
    - type: http
      bindHost: 127.0.0.1
      port: $API_PORT
      useServerHeader: false
  adminConnectors:
    - type: http
      bindHost: 127.0.0.1
      port: $ADMIN_PORT
      useServerHeader: false
  shutdownGracePeriod: 1s
store:
  type: sqlite
  file: $WORK/training.db
  migrateOnStart: true
health:
  delayedShutdownHandlerEnabled: true
  shutdownWaitPeriod: 0s
  healthChecks:
    - name: store
      type: ready
      critical: true
      schedule:
        initialDelay: 0s
        checkInterval: 5s
        downtimeInterval: 2s
        failureAttempts: 2
        successAttempts: 1
    - name: deadlocks
      type: alive
      schedule:
        initialDelay: 0s
        checkInterval: 10s
        downtimeInterval: 10s
        failureAttempts: 1
        successAttempts: 1
logging:
  level: INFO
  appenders:
    - type: console
    - type: file
      currentLogFilename: $WORK/training.log
      archivedLogFilenamePattern: $WORK/training-%d{yyyy-MM-dd}-%i.log.gz
      maxFileSize: 50MiB
      archivedFileCount: 1
EOF

rm -f "$ARCHIVE"
"$JAVA" "${options[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" server "$WORK/training.yml" \
  > "$WORK/console.log" 2>&1 &
JAVA_PID=$!

deadline=$((SECONDS + 120))
until [[ $(http "$ADMIN_PORT" GET '/health-check?type=ready' 2> /dev/null | head -1) == 200 ]]; do
  if ! kill -0 "$JAVA_PID" 2> /dev/null || ((SECONDS > deadline)); then
    cat "$WORK/console.log" >&2
    echo "$0: the training start did not become ready" >&2
    exit 1
  fi
  sleep 0.1
done

# Each kind of request once, so that the classes of the request path are archived too.
entry='{"full_name": "Ada Lovelace", "emails": [{"kind": "home", "email": "ada@example.org"}]}'
location=$(http "$API_PORT" POST /addresses "$entry" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
location=/addresses/${location##*/addresses/}
http "$API_PORT" GET "$location" > /dev/null
http "$API_PORT" GET '/addresses?limit=10' > /dev/null
http "$API_PORT" GET '/addresses?q=ada' > /dev/null
http "$API_PORT" PUT "$location" '{"full_name": "Augusta Ada King"}' application/json \
  'If-Match: "1"' > /dev/null
http "$API_PORT" PATCH "$location" '{"full_name": "Ada King"}' application/merge-patch+json > /dev/null
http "$API_PORT" POST /addresses '{"full_name": 42}' > /dev/null
http "$API_PORT" DELETE "$location" > /dev/null
http "$API_PORT" GET "$location" > /dev/null
http "$API_PORT" GET /openapi.json > /dev/null
http "$ADMIN_PORT" GET /healthcheck > /dev/null
http "$ADMIN_PORT" GET /prometheus > /dev/null

kill -TERM "$JAVA_PID"
status=0
wait "$JAVA_PID" || status=$?
JAVA_PID=""
# 143: the orderly exit that SIGTERM starts.
if ((status != 143)) || [[ ! -s $ARCHIVE ]]; then
  cat "$WORK/console.log" >&2
  echo "$0: the training start exited with $status and wrote no archive at $ARCHIVE" >&2
  exit 1
fi

if ! "$JAVA" "${options[@]}" -Xshare:on -XX:SharedArchiveFile="$ARCHIVE" -jar "$JAR" check \
  "$WORK/training.yml" > "$WORK/check.log" 2>&1; then
  cat "$WORK/check.log" >&2
  echo "$0: java cannot map the archive $ARCHIVE" >&2
  exit 1
fi
echo "$0: wrote $ARCHIVE ($(($(stat -c %s "$ARCHIVE") / 1048576)) MiB)"
