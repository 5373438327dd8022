#!/usr/bin/env bash
# Debian's chromium (and the Noto fonts) for the web page's tests, installed if missing; prints its path.
# Playwright drives it through executable_path: `playwright install` (a download) is never run.
set -euo pipefail
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$c" ]; then echo "$c"; exit 0; fi
done
if [ "$(id -u)" = 0 ]; then
  echo "browser.sh: installing chromium from Debian" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "browser.sh: no chromium installed and not root to install it" >&2
exit 1
