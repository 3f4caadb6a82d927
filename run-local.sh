#!/usr/bin/env bash
# The whole crypto lakehouse on this machine with only a JDK 17: Kafka (KRaft), an S3 server and a
# Hive Metastore embedded, the producer, and the Bronze, Silver and Gold streaming queries.
#   ./run-local.sh [--source coingecko|simulated|replay:FILE] [--duration S] [--data-dir DIR] ...
#   ./run-local.sh sql "SELECT ..." [--format table|csv|jsonl]
#   ./run-local.sh query q1 | status | --help
# Builds what it needs with ./mvnw on first use (and again when sources change).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$ROOT/local-runner/target"
LAUNCHER="$TARGET/launcher"
RUNNER_JAR="$TARGET/local-runner-0.1.0-SNAPSHOT.jar"
# The launcher of all three commands: run-bench.sh and run-chaos.sh start the tools module's entry
# points through it. Their classpath is run-local's followed by the tools' own jars, so the
# class-data archive below (and the jobs the chaos suite starts from it) serves them too.
MAIN=io.cryptolakehouse.local.RunLocal
TOOLS_TARGET="$ROOT/bench-chaos-tools/target"
TOOLS_JAR=""
case "${1:-}" in
  bench) MAIN=io.cryptolakehouse.bench.RunBench TOOLS_JAR="$TOOLS_TARGET/bench-chaos-tools-0.1.0-SNAPSHOT.jar"; shift ;;
  chaos) MAIN=io.cryptolakehouse.chaos.RunChaos TOOLS_JAR="$TOOLS_TARGET/bench-chaos-tools-0.1.0-SNAPSHOT.jar"; shift ;;
esac
PRODUCER_JAR="$ROOT/producer-service/target/producer-service-0.1.0-SNAPSHOT.jar"
DASHBOARD_JAR="$ROOT/dashboard-service/target/dashboard-service-0.1.0-SNAPSHOT.jar"
BUILT="$ROOT/target/run-local.built"   # when the launcher last built successfully (every module it starts)

fail() { echo "run-local: $*" >&2; exit 2; }

# A JDK 17 or newer: JAVA_HOME if set, else java on the PATH.
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  fail "no Java found; install a JDK 17 (e.g. 'sudo apt-get install openjdk-17-jdk-headless') or set JAVA_HOME"
fi
JAVA_SETTINGS="$("$JAVA" -XshowSettings:properties -version 2>&1)"
JAVA_MAJOR="$(sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' <<< "$JAVA_SETTINGS")"
if [[ -z "$JAVA_MAJOR" || "$JAVA_MAJOR" -lt 17 ]]; then
  fail "Java 17 or newer is needed; $JAVA is version ${JAVA_MAJOR:-unknown}"
fi

# Build once; rebuild when a source or POM is newer than the last build.
needs_build() {
  [[ -f "$BUILT" && -f "$RUNNER_JAR" && -f "$PRODUCER_JAR" && -f "$DASHBOARD_JAR" && -f "$LAUNCHER/classpath.txt" ]] || return 0
  [[ -z "$TOOLS_JAR" || ( -f "$TOOLS_JAR" && -f "$TOOLS_TARGET/launcher/classpath.txt" ) ]] || return 0
  [[ -n "$(find "$ROOT" -path "$ROOT/.lakehouse" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
      -newer "$BUILT" -type f -print -quit 2>/dev/null)" ]] && return 0
  local entry
  IFS=':' read -r -a entries < "$LAUNCHER/classpath.txt"
  for entry in "${entries[@]}"; do [[ -e "$entry" ]] || return 0; done
  return 1
}
if [[ -z "${RUN_LOCAL_SKIP_BUILD:-}" ]] && needs_build; then
  mkdir -p "$ROOT/target"
  echo "run-local: building (first run downloads Maven and the dependencies: several minutes) ..." >&2
  if ! (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true \
          -Dcheckstyle.skip=true -pl local-runner,bench-chaos-tools,producer-service,dashboard-service -am) > "$ROOT/target/run-local-build.log" 2>&1; then
    tail -n 30 "$ROOT/target/run-local-build.log" >&2
    fail "the build failed; full log in $ROOT/target/run-local-build.log"
  fi
  touch "$BUILT"
fi
[[ -f "$LAUNCHER/classpath.txt" ]] || fail "not built: $LAUNCHER/classpath.txt is missing"

# Spark's module opens, minus the incubator module (it only adds a warning on every start).
read -r -a JVM_OPTS < "$LAUNCHER/jvm-options.txt"
OPTS=()
for opt in "${JVM_OPTS[@]}"; do [[ "$opt" == --add-modules=jdk.incubator.vector ]] || OPTS+=("$opt"); done

CLASSPATH_ARG="$RUNNER_JAR:$(cat "$LAUNCHER/classpath.txt")"
if [[ -n "$TOOLS_JAR" ]]; then
  [[ -f "$TOOLS_TARGET/launcher/classpath.txt" ]] || fail "not built: $TOOLS_TARGET/launcher/classpath.txt is missing"
  CLASSPATH_ARG="$CLASSPATH_ARG:$TOOLS_JAR:$(cat "$TOOLS_TARGET/launcher/classpath.txt")"
fi

# Class-data sharing (AppCDS): the JVM maps most of the ~28 000 classes a command loads (Spark,
# Iceberg, Hadoop, Hive, Kafka) from one archive instead of reading and verifying them from ~400
# jars, so a `sql` takes about 11 s instead of 14-16 and the pipeline is ready 3-5 s sooner. An
# archive fits one build and one JDK: after each build a short training run writes it, once (one to
# two minutes). While another process writes it commands start without; if writing fails, they do
# until the next build. RUN_LOCAL_CDS=0: never.
CDS_DIR="$TARGET/cds"
JDK_ID="$(grep -E '^ *java\.(home|vm\.version|vm\.name) =' <<< "$JAVA_SETTINGS" | cksum | cut -d' ' -f1)"
ARCHIVE="$CDS_DIR/run-local-$JDK_ID.jsa"
FAILED="$CDS_DIR/run-local-$JDK_ID.failed"   # the last training of this build and JDK failed
# Whether $1 exists and no jar of the build is newer.
of_this_build() {
  [[ -f "$1" && ! "$RUNNER_JAR" -nt "$1" && ! "$LAUNCHER/classpath.txt" -nt "$1" ]] || return 1
  local entry
  IFS=':' read -r -a entries < "$LAUNCHER/classpath.txt"
  for entry in "${entries[@]}"; do [[ "$entry" -nt "$1" ]] && return 1; done
  return 0
}
write_archive() {
  mkdir -p "$CDS_DIR" 2>/dev/null || return 0
  # mkdir is atomic: one writer; a lock left by a killed writer expires after 10 minutes.
  find "$CDS_DIR" -maxdepth 1 -name writing -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$CDS_DIR/writing" 2>/dev/null || return 0
  echo "run-local: writing a class-data archive of this build for faster starts (once per build, one to two minutes) ..." >&2
  local tmp="$ARCHIVE.$$.tmp"
  if "$JAVA" -Xmx2g "${OPTS[@]}" -XX:ArchiveClassesAtExit="$tmp" \
      -Dlakehouse.log.file="$CDS_DIR/training.log" -Dderby.stream.error.file="$CDS_DIR/derby.log" \
      -cp "$CLASSPATH_ARG" io.cryptolakehouse.local.RunLocal class-archive-training > "$CDS_DIR/training.out" 2>&1 && [[ -s "$tmp" ]]; then
    mv -f "$tmp" "$ARCHIVE"  # a process still mapping the old one keeps it until it exits
    find "$CDS_DIR" -maxdepth 1 \( -name 'run-local-*.jsa' -o -name 'run-local-*.failed' \) \
      ! -name "${ARCHIVE##*/}" -delete
  else
    rm -f "$tmp"
    touch "$FAILED" || true
    echo "run-local: could not write the class-data archive (see $CDS_DIR/training.out); starting without it until the next build" >&2
  fi
  rmdir "$CDS_DIR/writing" 2>/dev/null || true
}
CDS_OPTS=()
if [[ "${RUN_LOCAL_CDS:-1}" != 0 && "${1:-}" != --help && "${1:-}" != -h ]]; then
  of_this_build "$ARCHIVE" || of_this_build "$FAILED" || write_archive
  # The JVM checks the archive against the jars itself; the log options only keep a mismatch it
  # finds (say, a jar replaced by an older copy) from printing warnings: it then starts without.
  if of_this_build "$ARCHIVE"; then
    CDS_OPTS=(-XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
fi

# Spark's UI binds every interface unless SPARK_LOCAL_IP names one (spark.driver.bindAddress does
# not cover it); a local run listens on loopback only.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# The default heap and collector; RUN_LOCAL_JAVA_OPTS replaces both. The parallel collector rather
# than G1: a catch-up holds each batch's rows for a few seconds and drops them, and G1's concurrent
# marking of them took 18 % of the two cores in Gold's phase (docs/benchmarks.md, "scale").
JAVA_DEFAULTS="-Xmx3g -XX:+UseParallelGC"
# shellcheck disable=SC2086
exec "$JAVA" ${RUN_LOCAL_JAVA_OPTS:-$JAVA_DEFAULTS} "${OPTS[@]}" \
  -Dlakehouse.home="$ROOT" -Dlakehouse.producer.jar="$PRODUCER_JAR" -Dlakehouse.dashboard.jar="$DASHBOARD_JAR" \
  "${CDS_OPTS[@]}" -cp "$CLASSPATH_ARG" \
  "$MAIN" "$@"
