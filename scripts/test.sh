#!/usr/bin/env bash
# Run the whole test suite (README command 2). Creates .venv first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[test]'
fi
.venv/bin/ruff check src tests scripts
exec .venv/bin/python -m pytest "$@"
