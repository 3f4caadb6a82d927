#!/usr/bin/env bash
# Builds the stand-in images the Docker end-to-end test runs the compose file on, where no image
# registry is reachable (docker/stand-ins/README.md). Each is made from upstream release
# artifacts (Debian packages, Maven Central jars) and honours its official image's interface.
# An image is rebuilt only when its inputs change (a hash of them is the image's label).
#   docker/stand-ins/build.sh            build what is missing or stale, print the *_IMAGE settings
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${STAND_IN_WORK:-$ROOT/target/stand-ins}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NS=crypto-lakehouse-standin
BASE="$NS/debian:bookworm"
LABEL=io.cryptolakehouse.stand-in.inputs
# The packages every stand-in is built on: a JDK (temurin, and the JVM of the others), PostgreSQL,
# curl for the mc and healthcheck stand-ins.
PACKAGES=openjdk-17-jdk-headless,curl,ca-certificates,procps,postgresql-15,netcat-openbsd
log() { echo "stand-ins: $*" >&2; }

hash_of() { (cd "$HERE" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum; echo "${EXTRA:-}") | sha256sum | cut -c1-16; }
current() { docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }

# The base: Debian from its own packages, trusting what this host trusts (here the network
# re-signs TLS, so Maven Central is reachable from a container only with the host's CAs).
build_base() {
  local inputs
  inputs="$(echo "base-1 $PACKAGES $(sha256sum < /etc/ssl/certs/ca-certificates.crt)" | sha256sum | cut -c1-16)"
  [[ "$(current "$BASE")" == "$inputs" ]] && return 0
  log "building $BASE with debootstrap (a few minutes)"
  local rootfs="$WORK/rootfs"
  rm -rf "$rootfs" && mkdir -p "$rootfs"
  debootstrap --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  [[ -f /etc/ssl/certs/java/cacerts ]] && cp /etc/ssl/certs/java/cacerts "$rootfs/etc/ssl/certs/java/cacerts"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c "LABEL $LABEL=$inputs" -c 'ENV LANG=C.UTF-8' - "$BASE" > /dev/null
  rm -rf "$rootfs"
}

# build_image TAG DIR [MAVEN_PROFILE]: the jars of the profile go into the context's libs/.
build_image() {
  local tag="$1" dir="$2" profile="${3:-}" inputs ctx
  inputs="$(EXTRA="$(docker image inspect -f '{{.Id}}' "$BASE")" hash_of "$dir" artifacts.pom.xml)"
  if [[ "$(current "$tag")" == "$inputs" ]]; then log "$tag is current"; return 0; fi
  log "building $tag"
  ctx="$WORK/$dir"
  rm -rf "$ctx" && mkdir -p "$ctx" && cp -r "$HERE/$dir/." "$ctx/"
  if [[ -n "$profile" ]]; then
    "$ROOT/mvnw" -B -ntp -q -f "$HERE/artifacts.pom.xml" -P "$profile" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$ctx/libs" \
      -DexcludeArtifactIds=log4j,slf4j-log4j12,slf4j-reload4j,reload4j
  fi
  DOCKER_BUILDKIT=0 docker build -q --label "$LABEL=$inputs" --build-arg "BASE=$BASE" -t "$tag" "$ctx" > /dev/null
}

mkdir -p "$WORK"
command -v debootstrap > /dev/null || { log "debootstrap is missing (apt-get install -y debootstrap)"; exit 1; }
build_base
build_image "$NS/temurin:17" temurin
build_image "$NS/kafka:4.1.2" kafka kafka
build_image "$NS/spark:4.1.1" spark spark
build_image "$NS/hive:4.0.0" hive hive
build_image "$NS/minio:s3proxy-3.0.0" minio s3proxy
build_image "$NS/postgres:15" postgres

# What the compose file's *_IMAGE variables are set to, to run on these images.
cat <<EOT
JDK_IMAGE=$NS/temurin:17
JRE_IMAGE=$NS/temurin:17
KAFKA_IMAGE=$NS/kafka:4.1.2
SPARK_IMAGE=$NS/spark:4.1.1
HIVE_IMAGE=$NS/hive:4.0.0
MINIO_IMAGE=$NS/minio:s3proxy-3.0.0
MINIO_MC_IMAGE=$NS/minio:s3proxy-3.0.0
POSTGRES_IMAGE=$NS/postgres:15
EOT
