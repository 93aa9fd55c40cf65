#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine (CI or a
# developer's): Chromium and its WebDriver for the web UI's end-to-end test
# (crates/marsad-server/tests/e2e_chromium.rs), and wrk for bench/store_bench.sh.
# Idempotent: when everything is already there it does nothing and returns at once.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# fonts that render Arabic in the screenshots (the UI itself uses system fonts)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "ci-setup: installed ${need[*]}"
