#!/usr/bin/env bash
# Compile the Windows installer script with Debian's makensis against a placeholder payload, so a
# broken .nsi is caught on Linux (the real payload can only be built on Windows: build-windows.md).
# Usage: installer/nsis_check.sh [WORK_DIR]   (default build/nsis-check; installs nsis if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
work=$(realpath -m "${1:-build/nsis-check}")
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}

if ! command -v makensis >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "nsis_check.sh: need makensis (apt-get install nsis)" >&2; exit 1; }
  apt-get install -y -qq --no-install-recommends nsis >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends nsis >/dev/null; }
fi

version=$(sed -n -E 's/^__version__ = "([^"]+)".*/\1/p' desktop/version.py)
rm -rf "$work"
payload=$work/payload
mkdir -p "$payload/_internal/resources/icons"
# The shape of the PyInstaller bundle: two executables, the shared _internal folder, the icon.
printf 'placeholder\n' >"$payload/cax-desk.exe"
printf 'placeholder\n' >"$payload/cax.exe"
printf 'placeholder\n' >"$payload/_internal/base_library.zip"
"$PYTHON" installer/make_icon.py "$work/icons"
cp "$work/icons/cax-desk.ico" "$payload/_internal/resources/icons/"

# -WX: any warning (an unused string, a missing translation) fails the check.
makensis -V2 -WX -DVERSION="$version" -DPAYLOAD="$payload" \
  -DOUTFILE="$work/CAXDesk-$version-setup.exe" installer/windows/cax-desk.nsi
exe=$work/CAXDesk-$version-setup.exe
[ "$(head -c 2 "$exe")" = "MZ" ] || { echo "nsis_check.sh: $exe is not a Windows program" >&2; exit 1; }
echo "nsis: $exe ($(du -h "$exe" | cut -f1)) compiled with $(makensis -VERSION)"
