#!/usr/bin/env bash
# The metastore service of Apache Hive's image. SERVICE_OPTS are JVM options (Hadoop's
# configuration reads -D settings through MetastoreConf). Where the image runs schematool, this
# stand-in lets the metastore create its schema on first use (Maven Central has the server, not the
# release's schema scripts); IS_RESUME / SKIP_SCHEMA_INIT change nothing here.
set -euo pipefail
if [[ "${SERVICE_NAME:-}" != metastore ]]; then
  echo "this stand-in runs SERVICE_NAME=metastore only (was '${SERVICE_NAME:-}')" >&2
  exit 2
fi
case "${DB_DRIVER:-derby}" in
  derby) db_opts="-Djavax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=/opt/hive/data/metastore_db;create=true" ;;
  postgres|mysql|mssql|oracle) db_opts="" ;;
  *) echo "unknown DB_DRIVER ${DB_DRIVER}" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
exec java -Xmx1G ${db_opts:+"$db_opts"} \
  -Ddatanucleus.schema.autoCreateAll=true -Dmetastore.schema.verification=false \
  ${SERVICE_OPTS:-} \
  -cp "/opt/hive/conf:/opt/hive/lib/*" org.apache.hadoop.hive.metastore.HiveMetaStore
