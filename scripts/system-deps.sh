#!/usr/bin/env bash
# Install the Debian/Ubuntu packages CAX Desk needs that a fresh machine may lack (idempotent).
# Usage: scripts/system-deps.sh [gui] [browser]
#   "gui" adds what a real window and screenshots need (Xvfb takes them without a display);
#   "browser" adds headless Chromium and its driver for the web console's browser tests
#   (tests/integration/test_console_browser.py).
set -euo pipefail

# libpulse0: QtMultimedia (a photo taken with a camera in the app) will not load without it.
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
          libpulse0)
for mode in "$@"; do
  case "$mode" in
    gui) packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
                    libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libx11-xcb1
                    xvfb) ;;
    browser) packages+=(chromium chromium-driver) ;;
    *) echo "system-deps.sh: unknown mode '$mode' (gui, browser)" >&2; exit 2 ;;
  esac
done
python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" 2>/dev/null \
  || packages+=(python3-venv)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command -v apt-get >/dev/null || { echo "Please install: ${missing[*]}" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install (as root): apt-get install ${missing[*]}" >&2; exit 1
fi
echo "Installing system packages: ${missing[*]}"
# dpkg prints every unpacked file even with -qq: keep its output aside, show it only on failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
       --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
