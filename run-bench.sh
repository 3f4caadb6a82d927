#!/usr/bin/env bash
# Benchmarks of the pipeline on the embedded stack: rates compared within one run.
#   ./run-bench.sh <ingest|layers|freshness|scale|footprint> [options]   (--help lists them)
# Prints a table and one JSON line, and writes bench-results/<scenario>.json. Same build as
# run-local.sh; ./run-bench.sh --help for the details.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run-local.sh" bench "$@"
