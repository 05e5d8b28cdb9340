"""What the search box turns into: finished words match whole, the word being typed as a prefix."""

from __future__ import annotations

import pytest

from domain.records import fts_query, index_tokens, search_tokens


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("nguyen van d", '"nguyen" "van" "d"*'),
        ("Nguyễn Văn Đức", '"nguyen" "van" "duc"*'),
        ("Trần Thị Lan ", '"tran" "thi" "lan"'),  # a trailing space: every word is finished
        ("001085012345", '"001085012345"'),  # longer than the kept prefixes: whole
        ("H’Mông", '"h" "mong"*'),
        ("  ", ""),
        ('" OR x*', '"or" "x"*'),  # FTS syntax typed by a user is only ever words
    ],
)
def test_typed_text_becomes_a_safe_fts_query(typed, query):
    """Each case shows one rule; quotes and operators a user types never reach FTS5 as syntax."""
    assert fts_query(typed) == query


def test_hoa_spellings_fold_to_the_same_word():
    """ "Hoà", "Hòa" and "HOA" are one search word."""
    assert search_tokens("Hoà") == search_tokens("Hòa") == search_tokens("HOA") == ["hoa"]


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [
        ("0912 345 678", ["0912345678"]),
        ("0912.345.678", ["0912345678"]),
        ("+84 912 345 678", ["0912345678"]),
        ("84912345678", ["0912345678"]),
        ("001 0 85 012345", ["001085012345"]),
        ("123 456 789", ["123456789"]),  # a 9-digit CMND
        ("0912 345", ["0912345"]),  # being typed: one word, searched as a prefix
        ("Số 12 - 14", ["so", "12", "14"]),  # house numbers stay apart
        ("1.500.000 đồng", ["1", "500", "000", "dong"]),
        ("05.03.2026", ["05", "03", "2026"]),  # a date is not a phone number
    ],
)
def test_numbers_typed_in_groups_search_as_one_number(typed, tokens):
    """Spaces, dots, dashes and +84 inside a phone or ID number do not split it."""
    assert search_tokens(typed) == tokens


def test_the_index_holds_a_grouped_number_whole_and_in_parts():
    """ "0912.345.678" in a narrative is found by 0912345678, by +84… and by "345"."""
    indexed = index_tokens("Gọi 0912.345.678 hoặc +84 987 654 321")
    assert {"0912345678", "0987654321", "0912", "345", "goi"} <= set(indexed)
    assert index_tokens("Nguyễn Văn Đức") == ["nguyen", "van", "duc"]
    assert fts_query("0912 345 678") == '"0912345678"'
