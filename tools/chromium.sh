#!/usr/bin/env bash
# Headless Chromium for the browser tests: Debian's package, installed when missing
# (Playwright drives it; no browser download). Prints the executable's path.
set -euo pipefail
path=$(command -v chromium || true)
if [ -z "$path" ]; then
  echo "installing chromium (Debian package)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  path=$(command -v chromium)
fi
echo "$path"
