#!/usr/bin/env bash
# The fault-injection suite: the pipeline on the embedded stack (every server and job its own
# process), faults injected while the producer publishes, then the invariants checked.
#   ./run-chaos.sh <kill-jobs|bounce-broker|bounce-metastore|bounce-s3|poison|maintenance>
#                  [--iterations N] [--seed S] [--outage SECONDS] [--data-dir DIR]
# Prints one JSON line last; exit 0 only when every invariant holds. Same build as run-local.sh.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run-local.sh" chaos "$@"
