#!/usr/bin/env bash
# MinIO's entry point: `server DIR [--address HOST:PORT] [--console-address ...]`, credentials from
# MINIO_ROOT_USER / MINIO_ROOT_PASSWORD (minioadmin when unset, as MinIO does); users and policies
# as `mc admin` adds them (StandInMinio.java).
set -euo pipefail
[[ "${1:-}" == server ]] && set -- minio "$@"
[[ "${1:-}" == minio ]] || exec "$@"
shift
[[ "${1:-}" == server ]] || { echo "usage: minio server DIR [--address :9000] [--console-address :9001]" >&2; exit 2; }
shift
dir="" address=":9000"
while (($#)); do
  case "$1" in
    --address) address="$2"; shift 2 ;;
    --address=*) address="${1#*=}"; shift ;;
    --console-address) shift 2 ;;
    --console-address=*) shift ;;
    -*) shift ;;
    *) dir="$1"; shift ;;
  esac
done
[[ -n "$dir" ]] || { echo "minio server: no directory given" >&2; exit 2; }
mkdir -p "$dir"
port="${address##*:}"
# S3 on the API port; the admin calls of the stand-in's mc on the API port + 2 (never published).
exec java -Xmx1g -Dlogback.configurationFile=/opt/s3proxy/logback.xml -Daws.requestChecksumCalculation=WHEN_REQUIRED \
  -cp "/opt/s3proxy/classes:/opt/s3proxy/lib/*" StandInMinio "${port:-9000}" "$((${port:-9000} + 2))"
