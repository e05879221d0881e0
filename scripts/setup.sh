#!/usr/bin/env bash
# Create .venv (once) and install juesuan with its test tools into it.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e '.[dev]'
# bytecode for juesuan's own modules: where PYTHONDONTWRITEBYTECODE is set Python never caches it,
# and every launch of the app compiled the core from source (~60 ms of a ~500 ms launch)
.venv/bin/python -m compileall -q narratives tui >/dev/null 2>&1 || true
