#!/usr/bin/env bash
# Brings up crypto-lakehouse with Docker Compose: checks prerequisites, decides between joining the
# tutorial's PART-A stack and starting our own storage and catalog, builds the job jars and images,
# starts everything, waits for every healthcheck and prints where things are. Safe to run again.
#   ./setup.sh [--dry-run] [--standalone | --part-a] [--cluster] [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

DRY_RUN=false; MODE=auto; CLUSTER=false; BUILD=true
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=true ;;
    --standalone) MODE=standalone ;;
    --part-a) MODE=part-a ;;
    --cluster) CLUSTER=true ;;
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

say()  { echo "==> $*"; }
fail() { echo "setup: $*" >&2; exit 1; }
run()  { if $DRY_RUN; then echo "    \$ $*"; else "$@"; fi; }

NETWORK="dasnet"
[[ -f .env ]] && NETWORK="$(sed -n 's/^LAKEHOUSE_NETWORK=//p' .env | tail -1)"; NETWORK="${NETWORK:-dasnet}"

# 1. Prerequisites.
say "Checking prerequisites"
COMPOSE=()
if $DRY_RUN && ! docker info >/dev/null 2>&1; then
  echo "    (dry run: Docker is not needed; commands are printed, not run)"
  COMPOSE=(docker compose)
else
  command -v docker >/dev/null 2>&1 || fail "Docker is not installed: https://docs.docker.com/get-docker/"
  docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (or this user may not use it)"
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose)
  else fail "Docker Compose is missing: install the compose plugin (docker compose)"; fi
fi
command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || ! $BUILD \
  || fail "a JDK 17 is needed to build the jars (or run with --no-build after building elsewhere)"

# 2. PART-A or standalone.
part_a_running() {
  docker ps --format '{{.Names}}' 2>/dev/null | grep -qx hive-metastore \
    && docker ps --format '{{.Names}}' 2>/dev/null | grep -qx hive-minio \
    && ! docker ps --format '{{.Names}} {{.Label "com.docker.compose.project"}}' 2>/dev/null \
         | grep -q '^hive-metastore crypto-lakehouse$'
}
if [[ "$MODE" == auto ]]; then
  if ! $DRY_RUN && part_a_running; then MODE=part-a; else MODE=standalone; fi
fi
PROFILES=()
if [[ "$MODE" == standalone ]]; then
  PROFILES+=(--profile standalone)
  say "PART-A is not running: starting our own MinIO, Hive Metastore (PostgreSQL) and Jupyter"
else
  say "PART-A is running: joining its network '$NETWORK' (MinIO hive-minio, thrift://hive-metastore:9083)"
fi
$CLUSTER && PROFILES+=(--profile cluster)

# 3. .env: created once from .env.example with fresh random secrets; never overwritten.
if [[ ! -f .env ]]; then
  say "Creating .env from .env.example (random local secrets)"
  if ! $DRY_RUN; then
    secret() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
    sed -e "s/^AWS_ACCESS_KEY_ID=.*/AWS_ACCESS_KEY_ID=lakehouse-$(secret 4)/" \
        -e "s/^AWS_SECRET_ACCESS_KEY=.*/AWS_SECRET_ACCESS_KEY=$(secret 20)/" \
        -e "s/^METASTORE_DB_PASSWORD=.*/METASTORE_DB_PASSWORD=$(secret 16)/" \
        -e "s/^JUPYTER_TOKEN=.*/JUPYTER_TOKEN=$(secret 16)/" .env.example > .env
    chmod 600 .env
    if [[ "$MODE" == part-a ]]; then
      # Random keys cannot open PART-A's MinIO.
      sed -i.bak -e 's/^AWS_ACCESS_KEY_ID=.*/AWS_ACCESS_KEY_ID=/' -e 's/^AWS_SECRET_ACCESS_KEY=.*/AWS_SECRET_ACCESS_KEY=/' .env
      rm -f .env.bak
    fi
  fi
fi
if [[ "$MODE" == part-a ]] && ! $DRY_RUN && grep -qE '^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)=$' .env; then
  fail "put PART-A's MinIO keys in .env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), then run ./setup.sh again"
fi
if [[ "$MODE" == part-a ]] && ! $DRY_RUN; then
  grep -q '^S3_ENDPOINT=' .env || echo "S3_ENDPOINT=" >> .env
  sed -i.bak 's#^S3_ENDPOINT=$#S3_ENDPOINT=http://hive-minio:9000#' .env && rm -f .env.bak
fi
# A value from .env (the file Compose reads), else the default.
envval() { local v=""; [[ -f .env ]] && v="$(sed -n "s/^$1=//p" .env | tail -1)"; echo "${v:-$2}"; }

# 4. Free ports (only what this run will publish).
port_in_use() { (echo > "/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }
if ! $DRY_RUN && [[ -z "$("${COMPOSE[@]}" ps -q 2>/dev/null)" ]]; then
  PORTS=(9092 8080 8081 8082 4040 4041 4042)
  [[ "$MODE" == standalone ]] && PORTS+=(9000 9001 9083 8888)
  $CLUSTER && PORTS+=(8090 8091)
  for p in "${PORTS[@]}"; do
    port_in_use "$p" && fail "port $p is in use; free it or change its *_PORT variable in .env"
  done
fi

# 5. Network, jars, images.
if $DRY_RUN || ! docker network inspect "$NETWORK" >/dev/null 2>&1; then
  say "Creating the Docker network '$NETWORK'"
  run docker network create "$NETWORK"
fi
if $BUILD; then
  say "Building the job jars (./mvnw; the first build downloads the dependencies)"
  run ./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true \
    -pl bronze-ingest-job,silver-transform-job,gold-aggregate-job,maintenance-job -am
  say "Building the images"
  run "${COMPOSE[@]}" "${PROFILES[@]}" build
fi
for jar in bronze-ingest-job silver-transform-job gold-aggregate-job maintenance-job; do
  $DRY_RUN || [[ -f "$jar/target/$jar-0.1.0-SNAPSHOT-spark-submit.jar" ]] \
    || fail "$jar/target/$jar-0.1.0-SNAPSHOT-spark-submit.jar is missing; run without --no-build"
done

# 6. Up, storage and catalog first, then everything; wait on the healthchecks (never sleeps).
say "Starting the stack"
if [[ "$MODE" == standalone ]]; then
  run "${COMPOSE[@]}" "${PROFILES[@]}" up -d minio minio-init postgres hive-metastore
fi
run "${COMPOSE[@]}" "${PROFILES[@]}" up -d
say "Waiting for every service to be healthy"
wait_healthy() {
  local deadline=$((SECONDS + 600)) unhealthy
  while (( SECONDS < deadline )); do
    unhealthy=""
    for id in $("${COMPOSE[@]}" "${PROFILES[@]}" ps -q); do
      state="$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")"
      case "$state" in
        *" healthy"|*" exited") ;;
        *) unhealthy+=" ${state%% *}" ;;
      esac
    done
    [[ -z "$unhealthy" ]] && return 0
    sleep 5   # polling docker for health, not waiting for a guess
  done
  fail "not healthy after 10 minutes:${unhealthy}; see '${COMPOSE[*]} logs'"
}
if $DRY_RUN; then echo "    (poll 'docker inspect' health of every service, up to 10 minutes)"; else wait_healthy; fi

# 7. Where things are.
cat <<EOT

crypto-lakehouse is up ($MODE).
  Kafka UI          http://localhost:$(envval KAFKA_UI_PORT 8080)   (topics crypto.prices.raw, crypto.coin-markets.raw, crypto.alerts)
  Dashboard         http://localhost:$(envval DASHBOARD_PORT 8082)
  Producer health   http://localhost:$(envval PRODUCER_PORT 8081)/actuator/health
  Spark UIs         bronze http://localhost:$(envval BRONZE_UI_PORT 4040)  silver :$(envval SILVER_UI_PORT 4041)  gold :$(envval GOLD_UI_PORT 4042)  maintenance :$(envval MAINTENANCE_UI_PORT 4043)
EOT
if [[ "$MODE" == standalone ]]; then
  cat <<EOT
  Jupyter           http://localhost:$(envval JUPYTER_PORT 8888)/lab?token=<JUPYTER_TOKEN from .env>  (notebooks/)
  MinIO console     http://localhost:$(envval MINIO_CONSOLE_PORT 9001)  (keys in .env)
  Hive Metastore    thrift://localhost:$(envval METASTORE_PORT 9083)
EOT
fi
$CLUSTER && echo "  Spark master UI   http://localhost:$(envval SPARK_MASTER_UI_PORT 8090)"
cat <<EOT

Next: open Kafka UI and watch crypto.prices.raw fill; then the notebooks (01_bronze_silver_gold,
02_business_questions). Logs: ${COMPOSE[*]} logs -f producer bronze silver gold maintenance dashboard. Stop: ${COMPOSE[*]} ${PROFILES[*]} down
(data stays in the volumes).
EOT
