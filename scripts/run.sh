#!/usr/bin/env bash
# Set up everything and open the app on the bundled sample: ./scripts/run.sh [PROJECT.toml]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/juesuan edit "${1:-samples/wendeng-legal-aid-2024.toml}"
