#!/usr/bin/env bash
# Set up everything and run all tests: ./scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
