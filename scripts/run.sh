#!/usr/bin/env bash
# Set up everything and open the app: ./scripts/run.sh [PROJECT.toml]
# Without a project it opens a working copy of the bundled wendeng sample (the sample itself is never changed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ $# -gt 0 ]; then
  exec .venv/bin/juesuan edit "$1"
fi
exec .venv/bin/juesuan edit --sample wendeng
