#!/usr/bin/env bash
# Screenshot of the installed app's first window (the set-up wizard of a new station) on a virtual
# X display: what a station sees right after installing the .deb.
# Usage: installer/screenshot_installed.sh [OUT.png]   (default docs/screenshots/installed-first-window.png)
# Needs the cax-desk package installed, and xvfb + imagemagick (installed here if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/screenshots/installed-first-window.png}")
[ -x /usr/bin/cax-desk ] || { echo "install the .deb first (make package-test builds one)" >&2; exit 1; }
for tool in xvfb-run import; do
  command -v "$tool" >/dev/null && continue
  apt-get install -y -qq --no-install-recommends xvfb xauth imagemagick >/dev/null
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A fresh station folder and a clean HOME: the first start a station sees, nothing from this machine.
# shellcheck disable=SC2016  # expanded by the inner sh, on purpose
xvfb-run -a -s "-screen 0 1280x800x24" env -u QT_QPA_PLATFORM HOME="$home" CAX_HOME="$home/station" \
  sh -c '/usr/bin/cax-desk & app=$!; sleep "${WAIT:-6}"; import -window root -trim +repage "$0"; kill "$app"' "$out"
echo "screenshot: $out"
