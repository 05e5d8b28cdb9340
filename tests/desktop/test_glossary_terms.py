"""The Vietnamese words users read follow docs/glossary.md: no variant the glossary rules out.

The list below is the glossary's "not" column; a test keeps the two equal, so a term is retired
in one place and checked everywhere: the app's translations, the error catalogue (cax and the
app), cax's notices, the printouts' wording, the forms and the Vietnamese user guide.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import messages
from desktop.core import error_texts

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"

# Retired variant → the glossary's word. Matched case-insensitively on whole words.
FORBIDDEN = {
    "trạm": "đơn vị",
    "lãnh đạo": "chỉ huy",
    "đính chính": "sửa đổi",
    "nhật ký kiểm tra": "nhật ký thao tác",
    "phiên bản hồ sơ": "lần sửa",
    "lần sửa đổi": "lần sửa",
    # "chứng chỉ" alone stays: "chứng chỉ hành nghề" (a professional licence) is the law's word
    "chứng chỉ ca": "chứng thư",
    "chứng chỉ của máy chủ": "chứng thư",
}
_PATTERNS = {
    word: re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE) for word in FORBIDDEN
}


def _violations(texts: list[tuple[str, str]]) -> list[str]:
    """`where: text` for every text that uses a retired variant (mnemonic '&' ignored)."""
    found = []
    for where, text in texts:
        plain = text.replace("&", "")
        for word, pattern in _PATTERNS.items():
            if pattern.search(plain):
                found.append(f"{where}: “{word}” (say “{FORBIDDEN[word]}”) in {text!r}")
    return found


def _ts_translations() -> list[tuple[str, str]]:
    root = ET.parse(ROOT / "resources" / "translations" / "cax_vi.ts").getroot()
    texts = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            for text in forms or [translation.text or ""]:
                texts.append((f"cax_vi.ts {context.findtext('name')}", text))
    return texts


def _error_texts() -> list[tuple[str, str]]:
    texts = []
    for code, entry in error_texts.ERRORS.items():
        for part in ("line", "headline", "advice"):
            texts.append((f"{code}.{part}", getattr(entry, part)[0]))
    for table in ("FIELD_NAMES", "REASONS", "REASON_ADVICE"):
        for key, pair in getattr(error_texts, table).items():
            texts.append((f"{table}.{key}", pair[0]))
    return texts


def _cli_notices() -> list[tuple[str, str]]:
    tables = {"notice": messages._NOTICES, "kind": messages._KINDS}
    return [
        (f"cax {kind} {key}", pair[0])
        for kind, table in tables.items()
        for key, pair in table.items()
    ]


def _files(*patterns: str) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for pattern in patterns
        for path in sorted(ROOT.glob(pattern))
    ]


def _user_guide_vietnamese() -> list[tuple[str, str]]:
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    return [("docs/user-guide.md", guide.split("CAX Desk user guide (English)")[0])]


@pytest.mark.parametrize(
    "source",
    [_ts_translations, _error_texts, _cli_notices, _user_guide_vietnamese],
    ids=["translations", "error catalogue", "cax notices", "user guide"],
)
def test_vietnamese_texts_use_the_glossary_words(source):
    assert _violations(source()) == []


def test_printouts_and_forms_use_the_glossary_words():
    """The wording printed on documents and the forms' labels (place names such as "Xã Trạm
    Tấu" are reference data, not checked)."""
    assert _violations(_files("domain/documents/*.py", "resources/forms/*.json")) == []


def test_the_centres_console_uses_the_glossary_words():
    """The web console is read by the same people's superiors: the same words."""
    assert (
        _violations(_files("server/console/messages/*.py", "server/console/templates/**/*.html"))
        == []
    )


def test_the_check_catches_a_retired_word():
    """The check itself: a retired word is found whatever its case, a longer word is not."""
    assert _violations([("x", "Thiết lập &Trạm")]) and _violations([("x", "Lãnh đạo duyệt")])
    assert _violations([("x", "Nhật ký kiểm tra")])
    assert not _violations([("x", "Nhật ký thao tác của đơn vị; chỉ huy duyệt lần sửa 2")])


def test_the_list_is_the_glossarys():
    """Every retired variant here is named in docs/glossary.md, with the word that replaces it."""
    glossary = GLOSSARY.read_text(encoding="utf-8").lower()
    for word, replacement in FORBIDDEN.items():
        assert f"~~{word}~~" in glossary, word
        assert replacement in glossary, replacement
