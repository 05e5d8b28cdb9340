"""The text normaliser applied to every input: NFC, invisible characters, spaces."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from domain.validation.text import _INVISIBLE, _visible, normalize_multiline, normalize_text


def test_decomposed_input_becomes_nfc() -> None:
    """Unikey "tổ hợp" and macOS give NFD; stored text is always NFC."""
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    assert nfd != "Nguyễn Văn Đức"
    assert normalize_text(nfd) == "Nguyễn Văn Đức"


def test_spaces_are_collapsed_and_trimmed() -> None:
    """Tabs, non-breaking and doubled spaces from pasted text become single spaces."""
    assert normalize_text("  Trần\u00a0 Thị\tLan \n") == "Trần Thị Lan"


def test_invisible_characters_are_removed_before_composition() -> None:
    """A zero-width space between a letter and its mark must not leave the mark uncomposed."""
    assert normalize_text("Ngo\u200b\u0323c\ufeff") == "Ngọc"
    assert normalize_text("a\u00adb\x00c\x07") == "abc"


def test_multiline_keeps_line_breaks_but_not_runs_of_blank_lines() -> None:
    """Narratives keep paragraphs; at most one blank line separates them."""
    text = "  Dòng một  \r\n\r\n\r\n\tDòng   hai\rDòng ba\n\n"
    assert normalize_multiline(text) == "Dòng một\n\nDòng hai\nDòng ba"


@given(st.text())
def test_normalize_text_is_idempotent_nfc_and_tidy(text: str) -> None:
    """Twice is once; the result is NFC, single-line, trimmed and without double spaces."""
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once
    assert "\n" not in once


@given(st.text())
def test_normalize_multiline_is_idempotent_and_nfc(text: str) -> None:
    """The same guarantees hold line by line for multi-line fields."""
    once = normalize_multiline(text)
    assert normalize_multiline(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\n\n\n" not in once
    assert all(line == line.strip() for line in once.split("\n"))


def _visible_char_by_char(text: str, keep: str = "") -> str:
    """What `_visible` did for every string before its fast path for printable text."""
    return "".join(
        ch
        for ch in text
        if ch not in _INVISIBLE
        and (ch in keep or ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    )


@given(st.text(), st.sampled_from(["", "\n"]))
def test_the_printable_fast_path_removes_what_the_character_test_removes(
    text: str, keep: str
) -> None:
    """Skipping the per-character test for printable text changes no result."""
    assert _visible(text, keep) == _visible_char_by_char(text, keep)


def test_no_printable_character_is_one_the_normaliser_removes() -> None:
    """Checked over all of Unicode: `str.isprintable` is True for none of the characters
    removed, so a printable string comes back unchanged."""
    removed = [
        ch
        for ch in map(chr, range(0x110000))
        if ch.isprintable() and _visible_char_by_char(ch) != ch
    ]
    assert removed == []
