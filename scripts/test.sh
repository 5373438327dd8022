#!/usr/bin/env bash
# Run the whole test suite (README command 2). Creates .venv first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[test]'
fi
.venv/bin/ruff check src tests scripts benchmarks
.venv/bin/mypy src/marsad
# The store tests run on PostgreSQL too: start a throwaway server (installed from Debian if missing).
if [ -z "${MARSAD_TEST_PG:-}" ]; then
  if MARSAD_TEST_PG=$(bash scripts/pg.sh start); then
    export MARSAD_TEST_PG
  else
    echo "test.sh: PostgreSQL did not start; its tests will skip (or fail under MARSAD_REQUIRE_PG=1)" >&2
  fi
fi
# The web page's tests drive Debian's chromium (installed if missing).
if [ -z "${MARSAD_CHROMIUM:-}" ]; then
  if MARSAD_CHROMIUM=$(bash scripts/browser.sh); then
    export MARSAD_CHROMIUM
  else
    echo "test.sh: no chromium; the browser tests will skip (or fail under MARSAD_REQUIRE_BROWSER=1)" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
