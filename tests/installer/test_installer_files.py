"""Cheap static checks of installer/: what would only fail at packaging time fails here first."""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
INSTALLER = ROOT / "installer"
NSI = INSTALLER / "windows" / "cax-desk.nsi"
SPEC = INSTALLER / "cax-desk.spec"


def spec_constant(name: str) -> object:
    """A literal assigned at the top of the PyInstaller spec (the spec itself only runs there)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in {SPEC}")


def test_every_qt_module_the_code_imports_is_bundled() -> None:
    """A new `from PySide6.QtX import` must be added to the spec's QT_MODULES, or the bundle lacks it."""
    allowed = spec_constant("QT_MODULES")
    used = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "no Qt import found: the scan is broken"
    assert used <= allowed, f"add to QT_MODULES in {SPEC.name}: {sorted(used - allowed)}"


def test_spec_keeps_the_english_qt_catalogues_only() -> None:
    """Qt's own English catalogues stay; Vietnamese comes from resources/translations/qtbase_vi.ts."""
    assert spec_constant("QT_CATALOGUES") == {"qtbase_en.qm", "qt_en.qm"}
    assert (ROOT / "resources" / "translations" / "qtbase_vi.ts").is_file()


def test_desktop_entry_parses_and_points_at_the_launcher_and_icon() -> None:
    """The menu entry is a valid key file naming /usr/bin/cax-desk and an icon the .deb ships."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive in .desktop files
    entry.read(INSTALLER / "linux" / "cax-desk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "CAX Desk"
    assert section["Exec"].split()[0] == "/usr/bin/cax-desk"
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.svg").is_file()
    assert section["Categories"].endswith(";")


def nsis_lines() -> list[str]:
    raw = NSI.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "without a BOM makensis reads the script as ANSI"
    return [line.strip() for line in raw.decode("utf-8-sig").splitlines()]


def test_nsis_strings_exist_in_vietnamese_and_english() -> None:
    """Each $(STRING) the installer shows is defined once for each of its two languages."""
    lines = nsis_lines()
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in lines
    assert '!insertmacro MUI_LANGUAGE "English"' in lines
    defined: dict[str, set[str]] = {}
    for line in lines:
        if match := re.match(r"LangString (\w+) \$\{LANG_(\w+)\}", line):
            defined.setdefault(match[1], set()).add(match[2])
    used = set(re.findall(r"\$\((\w+)\)", "\n".join(lines)))
    assert used <= defined.keys(), f"undefined: {sorted(used - defined.keys())}"
    incomplete = {
        name: langs for name, langs in defined.items() if langs != {"VIETNAMESE", "ENGLISH"}
    }
    assert not incomplete


def test_nsis_uninstaller_keeps_data_unless_asked() -> None:
    """The data-deleting uninstaller section is unticked (/o) and a silent run answers No."""
    lines = nsis_lines()
    data_section = next(
        line for line in lines if "UnSecData" in line and line.startswith("Section")
    )
    assert data_section.startswith("Section /o ")
    assert any("CONFIRM_DATA" in line and "/SD IDNO" in line for line in lines)


def test_nsis_data_folder_name_matches_paths_module() -> None:
    """%LOCALAPPDATA%\\<APPKEY> in the uninstaller is the folder desktop/paths.py uses."""
    from desktop import paths

    assert f'!define APPKEY "{paths.APP_NAME}"' in nsis_lines()


def test_packaging_scripts_are_strict_bash() -> None:
    """Every script stops at the first failure instead of packaging something half-built."""
    for script in INSTALLER.glob("*.sh"):
        text = script.read_text(encoding="utf-8")
        assert text.startswith("#!/usr/bin/env bash\n"), script.name
        assert "set -euo pipefail" in text, script.name
        assert script.stat().st_mode & 0o111, f"{script.name} is not executable"
