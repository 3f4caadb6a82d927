#!/usr/bin/env bash
# Brings up crypto-lakehouse with Docker Compose: checks Docker, joins a running PART-A stack
# when it runs (else starts our own storage and catalog), builds the images (inside Docker: no JDK
# needed), starts everything, waits for every healthcheck and prints where things are. Safe to rerun.
#   ./setup.sh [--dry-run] [--standalone | --part-a] [--cluster] [--no-build] [--without SVC,SVC]
#   --without kafka-ui,jupyter   start every service but these (setup.ps1: -Without)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

DRY_RUN=false; MODE=auto; CLUSTER=false; BUILD=true; WITHOUT=""
while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=true ;;
    --standalone) MODE=standalone ;;
    --part-a) MODE=part-a ;;
    --cluster) CLUSTER=true ;;
    --no-build) BUILD=false ;;
    --without) WITHOUT="${2:?--without needs a comma-separated list of services}"; shift ;;
    --without=*) WITHOUT="${1#*=}" ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

say()  { echo "==> $*"; }
fail() { echo "setup: $*" >&2; exit 1; }
secret() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
run() {
  if ! $DRY_RUN; then "$@"; return; fi
  if [[ "$1" == compose ]]; then shift; echo "    \$ ${COMPOSE[*]} ${PROFILES[*]+${PROFILES[*]} }$*"; else echo "    \$ $*"; fi
}
# A setting as Compose sees it: the environment first, then .env, then the default.
envval() {
  local v="${!1:-}"
  [[ -z "$v" && -f .env ]] && v="$(sed -n "s/^$1=//p" .env | tail -1)"
  echo "${v:-$2}"
}
# Writes KEY=VALUE into .env (replacing the line if there is one).
setenv() {
  if grep -q "^$1=" .env; then sed -i.bak "s#^$1=.*#$1=$2#" .env && rm -f .env.bak
  else echo "$1=$2" >> .env; fi
}
without() { [[ ",$WITHOUT," == *",$1,"* ]]; }

# 1. Prerequisites.
say "Checking prerequisites"
COMPOSE=(docker compose)
if $DRY_RUN && ! docker info >/dev/null 2>&1; then
  echo "    (dry run: Docker is not needed; commands are printed, not run)"
else
  command -v docker >/dev/null 2>&1 || fail "Docker is not installed: https://docs.docker.com/get-docker/"
  docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (or this user may not use it)"
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose)
  else fail "Docker Compose is missing: install the compose plugin (docker compose)"; fi
fi
# The Dockerfile needs BuildKit (Compose v2 always uses it; v1 only through the docker CLI).
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1

# 2. PART-A or standalone: PART-A runs containers named hive-metastore and hive-minio (ours are
# named after the Compose project), and its network is whichever network the two share.
part_a_network() {
  local net
  docker inspect -f '{{.State.Running}}' hive-metastore 2>/dev/null | grep -qx true || return 1
  docker inspect -f '{{.State.Running}}' hive-minio 2>/dev/null | grep -qx true || return 1
  for net in $(docker inspect -f '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}' hive-metastore); do
    if docker inspect -f '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}' hive-minio \
        | tr ' ' '\n' | grep -qx "$net"; then
      echo "$net"; return 0
    fi
  done
  return 1
}
PART_A_NET=""
if ! $DRY_RUN; then PART_A_NET="$(part_a_network || true)"; fi
if [[ "$MODE" == auto ]]; then
  if [[ -n "$PART_A_NET" ]]; then MODE=part-a; else MODE=standalone; fi
fi
PROFILES=()
if [[ "$MODE" == standalone ]]; then
  PROFILES+=(--profile standalone)
  NETWORK="${LAKEHOUSE_NETWORK:-crypto-lakehouse}"
  S3="http://minio:9000"
  say "PART-A is not running: starting our own MinIO, Hive Metastore (PostgreSQL) and Jupyter"
else
  if [[ -z "$PART_A_NET" ]] && ! $DRY_RUN; then
    fail "--part-a: no running hive-metastore and hive-minio containers on a shared network; start PART-A first"
  fi
  NETWORK="${PART_A_NET:-part-a_dasnet}"
  S3="http://hive-minio:9000"
  say "PART-A is running: joining its network '$NETWORK' (MinIO hive-minio, thrift://hive-metastore:9083)"
fi
$CLUSTER && PROFILES+=(--profile cluster)
# Bash 3.2 (macOS) treats an empty array as unset under set -u; this expands to nothing instead.
compose() { "${COMPOSE[@]}" ${PROFILES[@]+"${PROFILES[@]}"} "$@"; }

# 3. .env: created once from .env.example with fresh random secrets; setup.sh then only keeps the
# network and the S3 endpoint in step with the mode.
if [[ ! -f .env ]]; then
  say "Creating .env from .env.example (random local secrets)"
  if ! $DRY_RUN; then
    (umask 077 && sed -e "s/^AWS_ACCESS_KEY_ID=.*/AWS_ACCESS_KEY_ID=lakehouse-$(secret 4)/" \
        -e "s/^AWS_SECRET_ACCESS_KEY=.*/AWS_SECRET_ACCESS_KEY=$(secret 20)/" \
        -e "s/^METASTORE_DB_PASSWORD=.*/METASTORE_DB_PASSWORD=$(secret 16)/" \
        -e "s/^JUPYTER_TOKEN=.*/JUPYTER_TOKEN=$(secret 16)/" .env.example > .env)
    if [[ "$MODE" == part-a ]]; then
      # Random keys cannot open PART-A's MinIO.
      setenv AWS_ACCESS_KEY_ID ""
      setenv AWS_SECRET_ACCESS_KEY ""
    fi
  fi
fi
if ! $DRY_RUN; then
  if [[ "$MODE" == part-a ]] && [[ -z "$(envval AWS_ACCESS_KEY_ID "")" || -z "$(envval AWS_SECRET_ACCESS_KEY "")" ]]; then
    fail "put PART-A's MinIO keys in .env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), then run ./setup.sh again"
  fi
  # The dashboard's and Jupyter's read-only key: our own MinIO gets a fresh one (minio-init creates
  # the user); PART-A's MinIO is not ours to add users to, so its keys serve unless .env names a
  # read-only key of it.
  if [[ -z "$(envval LAKEHOUSE_READER_ACCESS_KEY "")" || -z "$(envval LAKEHOUSE_READER_SECRET_KEY "")" ]]; then
    if [[ "$MODE" == standalone ]]; then
      setenv LAKEHOUSE_READER_ACCESS_KEY "reader-$(secret 4)"
      setenv LAKEHOUSE_READER_SECRET_KEY "$(secret 20)"
    else
      say "The dashboard and Jupyter read PART-A's MinIO with its keys; put a read-only key in .env (LAKEHOUSE_READER_*) to scope them"
      setenv LAKEHOUSE_READER_ACCESS_KEY "$(envval AWS_ACCESS_KEY_ID "")"
      setenv LAKEHOUSE_READER_SECRET_KEY "$(envval AWS_SECRET_ACCESS_KEY "")"
    fi
  fi
  setenv LAKEHOUSE_NETWORK "$NETWORK"
  setenv S3_ENDPOINT "$S3"
fi
export LAKEHOUSE_NETWORK="$NETWORK" S3_ENDPOINT="$S3"

# 4. Free ports: the ones this run publishes, as .env (or the environment) sets them.
port_in_use() { (echo > "/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }
PORTS=()
add_port() { without "$1" || PORTS+=("$2=$(envval "$2" "$3")"); }
add_port kafka KAFKA_HOST_PORT 9092
add_port kafka-ui KAFKA_UI_PORT 8080
add_port producer PRODUCER_PORT 8081
add_port dashboard DASHBOARD_PORT 8082
add_port bronze BRONZE_UI_PORT 4040
add_port silver SILVER_UI_PORT 4041
add_port gold GOLD_UI_PORT 4042
add_port maintenance MAINTENANCE_UI_PORT 4043
if [[ "$MODE" == standalone ]]; then
  add_port minio MINIO_API_PORT 9000
  add_port minio MINIO_CONSOLE_PORT 9001
  add_port hive-metastore METASTORE_PORT 9083
  add_port jupyter JUPYTER_PORT 8888
fi
if $CLUSTER; then
  add_port spark-master SPARK_MASTER_UI_PORT 8090
  add_port spark-worker SPARK_WORKER_UI_PORT 8091
fi
if ! $DRY_RUN && [[ -z "$(compose ps -q 2>/dev/null)" ]]; then
  for p in ${PORTS[@]+"${PORTS[@]}"}; do
    port_in_use "${p#*=}" && fail "port ${p#*=} is in use; free it or set another ${p%%=*} in .env"
  done
fi

# 5. Network and images.
if $DRY_RUN || ! docker network inspect "$NETWORK" >/dev/null 2>&1; then
  say "Creating the Docker network '$NETWORK'"
  run docker network create "$NETWORK"
fi
# The services to start: those of the active profiles but --without's, named, so that Compose
# neither starts nor pulls the others (`up --scale x=0` still pulls x).
active_services() {
  compose config | awk -v active=" ${PROFILES[*]+${PROFILES[*]}} " '
    function flush(  n, i, p) {
      if (name == "") return
      if (profiles == "") { print name; return }
      n = split(profiles, p, " ")
      for (i = 1; i <= n; i++) if (index(active, " " p[i] " ")) { print name; return }
    }
    /^services:/ { in_services = 1; next }
    in_services && /^[^ ]/ { in_services = 0 }
    !in_services { next }
    /^  [A-Za-z0-9_.-]+:$/ { flush(); name = substr($1, 1, length($1) - 1); profiles = ""; in_profiles = 0; next }
    /^    profiles:/ { in_profiles = 1; next }
    in_profiles && /^ +- / { profiles = profiles " " $2; next }
    { in_profiles = 0 }
    END { flush() }'
}
SERVICES=()
if [[ -n "$WITHOUT" ]]; then
  if $DRY_RUN; then SERVICES=("<every service but ${WITHOUT}>")
  else for svc in $(active_services); do without "$svc" || SERVICES+=("$svc"); done; fi
fi
if $BUILD; then
  say "Building the images inside Docker (the first build downloads Maven's dependencies)"
  run compose build
fi

# 6. Up, storage and catalog first, then everything; wait on the healthchecks.
say "Starting the stack"
if [[ "$MODE" == standalone ]]; then
  run compose up -d --no-build minio minio-init postgres hive-metastore
fi
run compose up -d --no-build ${SERVICES[@]+"${SERVICES[@]}"}
say "Waiting for every service to be healthy"
wait_healthy() {
  local deadline=$((SECONDS + 600)) pending state
  while ((SECONDS < deadline)); do
    pending=""
    for id in $(compose ps -q); do
      state="$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}} {{.State.ExitCode}}' "$id")"
      case "$state" in
        *" healthy "*|*" exited 0") ;;
        *" exited "*) fail "${state%% *} exited with status ${state##* }; see '${COMPOSE[*]} logs'" ;;
        *) pending+=" ${state%% *}" ;;
      esac
    done
    [[ -z "$pending" ]] && return 0
    sleep 5 # polling Docker's health states, not guessing a start-up time
  done
  fail "not healthy after 10 minutes:${pending}; see '${COMPOSE[*]} logs'"
}
if $DRY_RUN; then echo "    (poll 'docker inspect' health of every service, up to 10 minutes)"; else wait_healthy; fi

# 7. Where things are.
echo
echo "crypto-lakehouse is up ($MODE, network $NETWORK)."
without kafka-ui || echo "  Kafka UI          http://localhost:$(envval KAFKA_UI_PORT 8080)   (topics crypto.prices.raw, crypto.coin-markets.raw, crypto.alerts)"
without dashboard || echo "  Dashboard         http://localhost:$(envval DASHBOARD_PORT 8082)"
echo "  Producer health   http://localhost:$(envval PRODUCER_PORT 8081)/actuator/health"
echo "  Spark UIs         bronze http://localhost:$(envval BRONZE_UI_PORT 4040)  silver :$(envval SILVER_UI_PORT 4041)  gold :$(envval GOLD_UI_PORT 4042)  maintenance :$(envval MAINTENANCE_UI_PORT 4043)"
if [[ "$MODE" == standalone ]]; then
  without jupyter || echo "  Jupyter           http://localhost:$(envval JUPYTER_PORT 8888)/lab?token=<JUPYTER_TOKEN from .env>  (notebooks/)"
  echo "  MinIO             http://localhost:$(envval MINIO_API_PORT 9000)  console :$(envval MINIO_CONSOLE_PORT 9001)  (keys in .env)"
  echo "  Hive Metastore    thrift://localhost:$(envval METASTORE_PORT 9083)"
fi
$CLUSTER && echo "  Spark master UI   http://localhost:$(envval SPARK_MASTER_UI_PORT 8090)"
cat <<EOT

Next: open Kafka UI and watch crypto.prices.raw fill; then the notebooks (01_bronze_silver_gold,
02_business_questions). Logs: ${COMPOSE[*]} logs -f producer bronze silver gold maintenance dashboard.
Stop: ${COMPOSE[*]} ${PROFILES[*]+${PROFILES[*]}} down (data stays in the volumes).
EOT
