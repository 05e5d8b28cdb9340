#!/usr/bin/env bash
# `make package-test`: build the bundle and the .deb from a clean export of the tree, install it,
# run the installed programs, make a station, install a higher version over it and check the
# station opens intact and migrated; then downgrade, purge, and compile the Windows installer script.
#
# Runs as root (CI does) on Debian 12: it installs and finally purges the system package
# `cax-desk`, so run it on a build or CI machine, not on a station PC. Everything it makes is under
# build/package-test, emptied first, so it can be run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=$ROOT/build/package-test
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
MAX_DEB_MB=120
export DEBIAN_FRONTEND=noninteractive
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8

# Each step either passes whole or stops the test; the closing line counts them the usual way.
steps_passed=0 current=""
step() {
  [ -z "$current" ] || steps_passed=$((steps_passed + 1))
  current=$*
  printf '\n== %s\n' "$*"
}
fail() {
  echo "package-test FAILED at \"$current\": $*" >&2
  echo "package-test: $steps_passed passed, 1 failed"
  exit 1
}
trap 'fail "a command failed (line $LINENO)"' ERR
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Install a .deb with apt (so Depends come too); the package lists are fetched only when needed.
apt_install() {
  apt-get install -y -qq --allow-downgrades "$@" >"$T/apt.log" 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --allow-downgrades "$@" >"$T/apt.log" 2>&1; } \
    || { cat "$T/apt.log" >&2; fail "apt-get install $*"; }
}
# Exit code 5 with DATABASE_TOO_NEW: a program refusing a station migrated past what it knows.
refused_as_too_new() { [ "$1" -eq 5 ] && grep -q DATABASE_TOO_NEW "$2"; }
# The station's files, to show that a step did not change them.
fingerprint() { (cd "$STATION" && find . -type f ! -path './logs/*' -print0 | sort -z | xargs -0 sha256sum); }

started=$(now)
step "prerequisites"
[ "$(id -u)" -eq 0 ] || fail "run as root (it installs the .deb)"
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || fail "no PyInstaller in $PYTHON: use make package-test"
rm -rf "$T" && mkdir -p "$T"
# What a fresh Debian 12 may lack: strip (PyInstaller strips the libraries) and makensis.
for tool in strip:binutils makensis:nsis; do
  command -v "${tool%%:*}" >/dev/null || apt_install --no-install-recommends "${tool#*:}"
done
if dpkg-query -W -f='${Status}' cax-desk 2>/dev/null | grep -q "ok installed"; then
  apt-get purge -y -qq cax-desk >/dev/null  # left by an interrupted earlier run
fi

step "bundle and .deb, version from desktop/version.py"
t=$(now)
installer/build.sh --out "$T/v1"
build_s=$(since "$t")
deb1=$(installer/build-deb.sh "$T/v1/cax-desk" "$T/debs" | tee "$T/deb1.log" | tail -n 1)
cat "$T/deb1.log"
version1=$("$T/v1/cax-desk/cax" --version | awk '{print $2}')
deb_mb=$(( $(stat -c %s "$deb1") / 1024 / 1024 ))
[ "$deb_mb" -lt "$MAX_DEB_MB" ] || fail ".deb is $deb_mb MB, more than $MAX_DEB_MB"
# The camera plugin must load from the bundle with its FFmpeg and Qt Quick libraries (strip once
# broke FFmpeg's: "ELF load command address/offset not page-aligned"). Loading the plugin loads
# them all, in the order they need (libavutil alone lacks the OpenSSL stub the plugin brings).
qtlib="$T/v1/cax-desk/_internal/PySide6/Qt/lib"
for plugin in "$qtlib"/../plugins/multimedia/*.so; do
  LD_LIBRARY_PATH="$qtlib" python3 -c 'import ctypes, sys; ctypes.CDLL(sys.argv[1])' "$plugin" \
    || fail "$(basename "$plugin") in the bundle does not load"
done
dpkg-deb -e "$deb1" "$T/control"
scripts=$(find "$T/control" -type f ! -name control ! -name md5sums ! -name conffiles)
[ -z "$scripts" ] || fail "maintainer scripts found: $scripts"
dpkg-deb -c "$deb1" >"$T/contents.txt"
for f in ./opt/cax-desk/cax-desk ./opt/cax-desk/cax ./usr/bin/cax-desk ./usr/bin/cax \
  ./usr/share/applications/cax-desk.desktop ./usr/share/icons/hicolor/scalable/apps/cax-desk.svg \
  ./opt/cax-desk/_internal/desktop/storage/migrations/env.py \
  ./opt/cax-desk/_internal/resources/translations/cax_vi.qm \
  ./opt/cax-desk/_internal/resources/translations/qtbase_vi.qm \
  ./opt/cax-desk/_internal/docs/user-guide.md \
  ./opt/cax-desk/_internal/PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so; do
  grep -q " $f\$" "$T/contents.txt" || fail "$f is not in the .deb"
done
# libQt6Qml/libQt6Quick are in on purpose (the camera plugin links them); their bindings are not.
if grep -E 'libQt6WebEngine|PySide6/Qt(Qml|Quick)[A-Za-z]*\.(abi3\.)?so|/Qt/translations/qtbase_de' \
  "$T/contents.txt"; then
  fail "an excluded Qt module or catalogue is in the .deb"
fi

step "install $deb1"
apt_install "$deb1"
[ "$(cax --version)" = "cax $version1" ] || fail "installed cax --version: $(cax --version)"
t=$(now); cax --version >/dev/null; cax_start_s=$(since "$t")
t=$(now); cax-desk --smoke | tee "$T/smoke1.log"; smoke_s=$(since "$t")
grep -q "CAX Desk $version1" "$T/smoke1.log" || fail "cax-desk --smoke did not report $version1"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/cax-desk.desktop
fi

step "a station made by the installed cax $version1"
export CAX_HOME=$T/station CAX_PASSWORD='Bao-Ve-Tram-2026!' CAX_NEW_PASSWORD='Nhap-Lieu-Xa-2026!'
STATION=$CAX_HOME
cax init --station-code 00004 --station-name "Công an phường Ba Đình" --supervisor truong \
  --full-name "Nguyễn Văn Trường" >"$T/init.log"  # the log holds the recovery key: not printed
cax user add lan --role officer --full-name "Trần Thị Lan" --user truong
cax record new F1 --data docs/examples/F1.json --user truong
# The installed cax prints too (Qt's printing, offscreen, no display needed).
record_id=$(cax record list --json --user truong | "$PYTHON" -c "import json, sys; print(json.load(sys.stdin)[0]['id'])")
DISPLAY= cax print "$record_id" --pdf "$T/printed.pdf" --user truong
[ "$(head -c 5 "$T/printed.pdf")" = "%PDF-" ] || fail "cax print wrote no PDF"
cax user list --all --json --user truong >"$T/users-before.json"
cax record list --json --user truong >"$T/records-before.json"
[ "$(grep -c '"username"' "$T/users-before.json")" -eq 2 ] || fail "expected 2 users"
grep -q '"id"' "$T/records-before.json" || fail "the record was not stored"

step "a higher version, with one more migration, installed over it"
# The extra migration is what a real upgrade brings: the frozen app must find it among its data
# files and apply it when the station is opened. It only adds an empty table.
head=$("$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT')
from desktop.storage.migrate import head_revision; print(head_revision())")
cat >"$T/9999_package_upgrade_check.py" <<EOF
"""Upgrade-test migration (build/package-test only, never shipped): one empty table."""

import sqlalchemy as sa
from alembic import op

revision = "package_upgrade_check"
down_revision = "$head"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("package_upgrade_check", sa.Column("id", sa.Integer, primary_key=True))
EOF
version2="$version1+upgradetest"
installer/build.sh --out "$T/v2" --version "$version2" \
  --add-migration "$T/9999_package_upgrade_check.py"
deb2=$(installer/build-deb.sh "$T/v2/cax-desk" "$T/debs" | tail -n 1)
dpkg --compare-versions "$(dpkg-deb -f "$deb2" Version)" gt "$(dpkg-deb -f "$deb1" Version)" \
  || fail "$deb2 does not sort after $deb1"
apt_install "$deb2"
[ "$(cax --version)" = "cax $version2" ] || fail "after the upgrade cax --version: $(cax --version)"
cax user list --all --json --user truong >"$T/users-after.json"  # unlocks: migrates
cax record list --json --user truong >"$T/records-after.json"
diff -u "$T/users-before.json" "$T/users-after.json" || fail "users changed by the upgrade"
diff -u "$T/records-before.json" "$T/records-after.json" || fail "records changed by the upgrade"
cax audit verify --user truong
cax db check --user truong
cax-desk --smoke | grep -q "CAX Desk $version2" || fail "smoke test of $version2"
# Migrated: the source tree's cax (which stops at $head) now refuses the station as newer.
code=0
"$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT'); from desktop.cli.main import main
sys.exit(main(['user', 'list', '--user', 'truong']))" 2>"$T/too-new.log" || code=$?
refused_as_too_new "$code" "$T/too-new.log" || fail "station not migrated to package_upgrade_check (exit $code: $(cat "$T/too-new.log"))"
echo "migrated: $head -> package_upgrade_check"

step "downgrade to $version1: refused, station untouched"
before=$(fingerprint)
apt_install "$deb1"
code=0
cax user list --user truong 2>"$T/downgrade.log" || code=$?
refused_as_too_new "$code" "$T/downgrade.log" || fail "the older version opened the newer station (exit $code)"
[ "$before" = "$(fingerprint)" ] || fail "the refused downgrade changed the station files"

step "purge: the program goes, the station stays"
apt-get purge -y -qq cax-desk >/dev/null
for f in /opt/cax-desk /usr/bin/cax /usr/bin/cax-desk /usr/share/applications/cax-desk.desktop; do
  [ ! -e "$f" ] || fail "$f left after purge"
done
[ "$before" = "$(fingerprint)" ] || fail "purge changed the station files"

step "Windows installer script"
installer/nsis_check.sh "$T/nsis"

step "figures"
cat <<EOF
bundle:        $(du -sh "$T/v1/cax-desk" | cut -f1) ($T/v1/cax-desk), built in $build_s s
.deb:          $(du -h "$deb1" | cut -f1) ($(basename "$deb1")), limit $MAX_DEB_MB MB
installed:     $(dpkg-deb -f "$deb1" Installed-Size) KiB
start-up:      cax --version $cax_start_s s, cax-desk --smoke $smoke_s s
package-test:  $(since "$started") s in all
EOF
step "done"
echo "package-test: $steps_passed passed, 0 failed"
