#!/usr/bin/env bash
# Build the PyInstaller onedir bundle (cax-desk + cax) from a clean export of the work tree.
#
# Usage: installer/build.sh [--out DIR] [--version V] [--add-migration FILE]
#   --out DIR             where the bundle goes (DIR/cax-desk); default dist
#   --version V           build as version V (rewrites desktop/version.py in the export only)
#   --add-migration FILE  put an extra Alembic script into the export (upgrade test builds only)
# Env: PYTHON (default .venv/bin/python, with PyInstaller: `make package` installs it).
#
# Why an export: what was committed (plus new, not ignored, files) is what gets built, never
# ignored local leftovers such as stale .qm files, __pycache__ or a developer's test station.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

out=dist version="" extra_migration=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --add-migration) extra_migration=$2; shift 2 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 \
  || { echo "build.sh: PyInstaller missing in $PYTHON (run: make package)" >&2; exit 1; }
command -v strip >/dev/null \
  || { echo "build.sh: PyInstaller needs strip: apt-get install binutils" >&2; exit 1; }
[[ $out = /* ]] || out=$ROOT/$out
src=$ROOT/build/package/src
# Emptied for every build: its cache is keyed on file times, and an export restores the tree's
# (older) times, so a file changed back, e.g. version.py after a --version build, would be missed.
# PyInstaller's own cache of stripped libraries (~/.cache/pyinstaller) is kept and saves time.
work=$ROOT/build/package/pyinstaller

started=$(date +%s)
rm -rf "$src" "$work" "$out/cax-desk" && mkdir -p "$src" "$out"
# Tracked and new files, not ignored ones; a tracked file deleted in the work tree is skipped.
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$src"

if [ -n "$version" ]; then
  # PEP 440-ish: digits and dots, then an optional pre/dev/local part.
  [[ $version =~ ^[0-9]+(\.[0-9]+)*([.+~a-z0-9-]*)$ ]] \
    || { echo "build.sh: bad version '$version'" >&2; exit 2; }
  sed -i -E "s/^__version__ = .*/__version__ = \"$version\"/" "$src/desktop/version.py"
fi
if [ -n "$extra_migration" ]; then
  cp "$extra_migration" "$src/desktop/storage/migrations/versions/"
fi

log=$work.log
mkdir -p "$work"
if ! "$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$out" --workpath "$work" \
  "$src/installer/cax-desk.spec" >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
# Known, harmless warnings: SQLAlchemy's optional drivers, Windows-only ctypes, the dropped GTK theme.
grep -v -E ' INFO: |Hidden import "(pysqlite2|MySQLdb)"|Library (ole32|shell32) required|libqgtk3' "$log" || true
for exe in cax cax-desk; do
  [ -x "$out/cax-desk/$exe" ] || { echo "build.sh: $exe missing from the bundle" >&2; exit 1; }
done

echo "bundle: $out/cax-desk ($("$out/cax-desk/cax" --version)," \
  "$(du -sh "$out/cax-desk" | cut -f1), built in $(($(date +%s) - started)) s)"
