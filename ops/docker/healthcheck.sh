#!/usr/bin/env bash
# The container's HEALTHCHECK: exits 0 when the service's readiness check answers 200 on the admin
# port, 1 otherwise (port closed, not ready, shutting down, no answer within the timeout).
# Plain bash (/dev/tcp), so the image needs no curl or wget.
set -uo pipefail

host=${ADDRSERVICE_HEALTH_HOST:-127.0.0.1}
port=${ADDRSERVICE_ADMIN_PORT:-8081}
path=${ADDRSERVICE_HEALTH_PATH:-/health-check?type=ready}
timeout_seconds=${ADDRSERVICE_HEALTH_TIMEOUT:-3}

exec 3<> "/dev/tcp/${host}/${port}" 2> /dev/null || exit 1
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "${path}" "${host}" >&3
IFS=' ' read -r -t "${timeout_seconds}" _protocol status _reason <&3 || exit 1
exec 3<&-
[[ ${status} == 200 ]] || exit 1
