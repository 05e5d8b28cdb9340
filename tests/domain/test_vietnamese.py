"""Accent folding, tone-placement keys and amounts in words (domain.vietnamese)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.vietnamese import (
    canonical_tones,
    comparison_key,
    fold,
    format_money,
    money_in_words,
    number_to_words,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("NGUYỄN", "nguyen"),
        ("Đức", "duc"),
        ("Phường Ba Đình", "phuong ba dinh"),
        ("B’Lao", "b'lao"),
        ("H‘Mông", "h'mong"),
        ("Hoà", "hoa"),
        ("Hòa", "hoa"),
        ("Thuỷ Thủy", "thuy thuy"),
        ("\u00d0ỗ Văn \u00d0ức", "do van duc"),  # Eth Ð from legacy converters, like Đ
        ("\u00f0ình", "dinh"),  # and its lower case ð, like đ
    ],
)
def test_fold_strips_marks_stroke_d_and_apostrophe_variants(text: str, folded: str) -> None:
    """Folding is what lets "nguyen van duc" find "Nguyễn Văn Đức" and "Hoà" find "Hòa"."""
    assert fold(text) == folded


def test_fold_of_decomposed_input_equals_fold_of_composed() -> None:
    """Unikey's "tổ hợp" (NFD) and pre-composed text fold to the same key."""
    composed = "Nguyễn Thị Ngọc Ánh"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed)


def test_fold_can_keep_case() -> None:
    """Case is only folded when asked, so display helpers can reuse the function."""
    assert fold("Đặng Thị Thủy", lower=False) == "Dang Thi Thuy"


@pytest.mark.parametrize(
    ("old", "new"),
    [("Hòa", "Hoà"), ("Thủy", "Thuỷ"), ("khỏe", "khoẻ"), ("Úy", "Uý"), ("Thuận Hòa", "Thuận Hoà")],
)
def test_canonical_tones_moves_old_style_marks_to_the_second_vowel(old: str, new: str) -> None:
    """Old-style "Hòa" and new-style "Hoà" get one spelling for comparison keys."""
    assert canonical_tones(old) == new
    assert canonical_tones(new) == new


@pytest.mark.parametrize("word", ["hoàng", "Quý", "quỳ", "khuyến", "hoặc", "toán"])
def test_canonical_tones_leaves_words_that_have_one_spelling(word: str) -> None:
    """A following consonant, a breve or "qu" fixes the mark's place; those are untouched."""
    assert canonical_tones(word) == word


def test_comparison_key_equates_ward_name_spellings() -> None:
    """The NSO list itself has "Xã Thuận Hoà" and "Xã Thuận Hòa"; de-duplication must see one."""
    assert comparison_key("Xã Thuận Hòa") == comparison_key("xã  thuận Hoà")
    assert comparison_key("Xã Thuận Hòa") != comparison_key("Xã Thuận Hải")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (1_005, "Một nghìn không trăm lẻ năm đồng"),
        (250_000, "Hai trăm năm mươi nghìn đồng"),
        (750_000, "Bảy trăm năm mươi nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (35_000_000, "Ba mươi lăm triệu đồng"),
        (1_000_005, "Một triệu không trăm lẻ năm đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
    ],
)
def test_money_in_words_reads_amounts_as_written_on_decisions(amount: int, words: str) -> None:
    """The "Bằng chữ" line of a sanction decision."""
    assert money_in_words(amount) == words


def test_money_in_words_honours_regional_words() -> None:
    """ "ngàn" and "linh" are configurable (rules.json) because usage differs."""
    assert money_in_words(105_000, thousand="ngàn", odd="linh") == "Một trăm linh năm ngàn đồng"


@pytest.mark.parametrize("bad", [-1, 10**18, 1.5, True])
def test_number_to_words_refuses_what_it_cannot_read(bad: object) -> None:
    """Negative, huge, fractional and boolean values are errors, not garbage words."""
    with pytest.raises((TypeError, ValueError)):
        number_to_words(bad)  # type: ignore[arg-type]


def test_format_money_groups_thousands_with_dots() -> None:
    """Vietnamese display: "1.500.000 đồng"."""
    assert format_money(1_500_000) == "1.500.000 đồng"


@given(st.text())
def test_fold_is_idempotent_and_leaves_no_marks(text: str) -> None:
    """Folding twice changes nothing, and no combining mark or đ survives."""
    once = fold(text)
    assert fold(once) == once
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", once))
    assert "đ" not in once and "\u00f0" not in once


@given(st.text())
def test_comparison_key_is_idempotent(text: str) -> None:
    """A key of a key is the key, so keys can be stored and compared later."""
    assert comparison_key(comparison_key(text)) == comparison_key(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_number_words_are_well_formed(number: int) -> None:
    """Every amount reads without doubled spaces and, above zero, without a bare "không" at the end."""
    words = number_to_words(number)
    assert "  " not in words
    assert words == words.strip()
    if number:
        assert not words.endswith("không")
