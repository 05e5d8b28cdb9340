#!/usr/bin/env bash
# Build the .deb from a PyInstaller bundle: /opt/cax-desk, /usr/bin/cax-desk and /usr/bin/cax,
# the "CAX Desk" menu entry and its icon. zstd-compressed (dpkg >= 1.21.18) and built on Debian 12
# (glibc >= 2.36), so it installs on Debian 12, Ubuntu 24.04 and newer.
#
# Usage: installer/build-deb.sh [BUNDLE_DIR] [OUT_DIR]   (defaults: dist/cax-desk dist)
# Prints the path of the .deb on its last line.
#
# No maintainer scripts on purpose: the package owns only the files listed above, and dpkg's
# triggers already refresh the menu and icon caches, so installing, upgrading, removing or
# purging it can never touch a station folder (docs/install.md says where those live).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bundle=$(realpath "${1:-dist/cax-desk}")
out=$(realpath -m "${2:-dist}")
# The runtime libraries the bundle loads from the system (found by running a bundle built on
# Debian 12 on a clean install: Qt's xcb plugin, fonts, EGL/GL, glib, D-Bus), plus the
# Wayland client libraries Qt's wayland platform needs (GNOME on Debian 12 is a Wayland session),
# and PulseAudio's client library, which QtMultimedia (taking photos with a camera) links.
DEPENDS="libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0,
 libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0,
 libxcb-xkb1, libx11-xcb1, libegl1, libgl1, libglib2.0-0, libdbus-1-3, fonts-dejavu-core,
 libwayland-client0, libwayland-cursor0, libwayland-egl1, libpulse0"
MAINTAINER=${DEB_MAINTAINER:-CAX Desk team <cax-desk@example.invalid>}
ZSTD_LEVEL=${DEB_ZSTD_LEVEL:-9}  # measured: 19 saves ~8 % more but takes minutes on 2 cores

for exe in cax cax-desk; do
  [ -x "$bundle/$exe" ] || { echo "build-deb.sh: no $exe in $bundle" >&2; exit 1; }
done
# The version is whatever the bundle itself reports, so the two can never disagree.
version=$("$bundle/cax" --version | awk '{print $2}')
# PEP 440 pre-releases (0.2.0rc1, 0.2.0.dev3) sort before the release in dpkg only with a "~".
deb_version=$(printf '%s' "$version" | sed -E 's/^([0-9.]*[0-9])\.?((a|b|rc|dev)[0-9]*)/\1~\2/')
arch=$(dpkg --print-architecture)
stage=$ROOT/build/package/deb
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
  "$stage/usr/share/doc/cax-desk"
cp -a "$bundle" "$stage/opt/cax-desk"

for exe in cax-desk cax; do
  cat >"$stage/usr/bin/$exe" <<EOF
#!/bin/sh
# Starts /opt/cax-desk/$exe. A machine-wide station folder named on the first line of
# /etc/cax-desk/home is used unless CAX_HOME is already set (docs/install.md). The umask lets the
# station group share the files that folder gets.
if [ -z "\${CAX_HOME:-}" ] && [ -r /etc/cax-desk/home ]; then
  CAX_HOME=\$(sed -n '1s/^[[:space:]]*//;1s/[[:space:]]*\$//;1p' /etc/cax-desk/home)
  export CAX_HOME
  umask 0007
fi
exec /opt/cax-desk/$exe "\$@"
EOF
done
cp installer/linux/cax-desk.desktop "$stage/usr/share/applications/"
cp "$bundle/_internal/resources/icons/cax-desk.svg" "$stage/usr/share/icons/hicolor/scalable/apps/"
cp "$bundle/_internal/resources/icons/cax-desk.png" "$stage/usr/share/icons/hicolor/256x256/apps/"
cp installer/linux/copyright "$stage/usr/share/doc/cax-desk/copyright"

chmod -R u=rwX,go=rX "$stage"
chmod 0755 "$stage/usr/bin/"*
installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: cax-desk
Version: $deb_version
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $installed_kib
Depends: $DEPENDS
Section: misc
Priority: optional
Description: CAX Desk - offline data entry for commune police stations
 The station app (cax-desk) and command line (cax) of CAX Desk: structured forms,
 an encrypted SQLCipher store and sync with the central server. Self-contained:
 needs no Python. Station data is never kept in the package's folders.
EOF

mkdir -p "$out"
deb=$out/cax-desk_${deb_version}_${arch}.deb
started=$(date +%s)
dpkg-deb --root-owner-group -Zzstd -z"$ZSTD_LEVEL" --build "$stage" "$deb" >/dev/null
echo "deb: $(du -h "$deb" | cut -f1), installed $((installed_kib / 1024)) MiB," \
  "built in $(($(date +%s) - started)) s"
echo "$deb"
