#!/usr/bin/env bash
# The container's HEALTHCHECK, and the Kubernetes probes (exec probes, since the admin port listens
# on the pod's loopback only): exits 0 when the service's check answers 200 on the admin port, 1
# otherwise (port closed, not ready, shutting down, no answer within the timeout).
#
#   healthcheck.sh [ready|alive]    ready (the default): /health-check?type=ready; alive: /ping
#
# Plain bash (/dev/tcp), so the image needs no curl or wget.
set -uo pipefail

case "${1:-ready}" in
  ready) default_path='/health-check?type=ready' ;;
  alive) default_path='/ping' ;;
  *)
    echo "usage: $0 [ready|alive]" >&2
    exit 2
    ;;
esac

host=${ADDRSERVICE_HEALTH_HOST:-127.0.0.1}
port=${ADDRSERVICE_ADMIN_PORT:-8081}
path=${ADDRSERVICE_HEALTH_PATH:-${default_path}}
timeout_seconds=${ADDRSERVICE_HEALTH_TIMEOUT:-3}

exec 3<> "/dev/tcp/${host}/${port}" 2> /dev/null || exit 1
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "${path}" "${host}" >&3
IFS=' ' read -r -t "${timeout_seconds}" _protocol status _reason <&3 || exit 1
exec 3<&-
[[ ${status} == 200 ]] || exit 1
