"""What the search box turns into: finished words match whole, the word being typed as a prefix."""

from __future__ import annotations

import pytest

from domain.records import fts_query, search_tokens


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
