#!/usr/bin/env bash
# Runs a Kafka class on the jars of libs/, with the release launcher's variables.
libs="$(cd "$(dirname "$0")/../libs" && pwd)"
conf="$(cd "$(dirname "$0")/../config" && pwd)"
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$conf/tools-log4j2.properties} ${KAFKA_OPTS:-} \
  -cp "$libs/*" "$@"
