"""The written parts of a periodic report (docs/reports.md) that no record can give: the chief
writes them; the report prints them in this order around the computed tables."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from domain.errors import InvalidInput
from domain.forms.model import Text

MAX_CHARS = 20_000  # about eight printed pages per part

# (key, heading, where it goes): "situation" parts open section I, the rest follow the tables.
NARRATIVE_PARTS: tuple[tuple[str, Text], ...] = (
    (
        "political_security",
        Text("Tình hình an ninh chính trị", "Political security situation"),
    ),
    (
        "hot_spots",
        Text(
            "Vụ việc nổi bật, \u201cđiểm nóng\u201d về an ninh, trật tự",
            "Notable cases and hot spots",
        ),
    ),
    (
        "movement",
        Text(
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc",
            "People's movement for national security",
        ),
    ),
    ("shortcomings", Text("Tồn tại, hạn chế và nguyên nhân", "Shortcomings and their causes")),
    ("plans", Text("Phương hướng, nhiệm vụ kỳ tới", "Plans for the next period")),
    ("recommendations", Text("Kiến nghị, đề xuất", "Recommendations")),
)
NARRATIVE_KEYS = tuple(key for key, _ in NARRATIVE_PARTS)


def clean_narrative(parts: Mapping[str, Any]) -> dict[str, str]:
    """NFC text per known part, trailing spaces and empty parts removed; too long → InvalidInput."""
    clean: dict[str, str] = {}
    for key in NARRATIVE_KEYS:
        value = parts.get(key)
        if not isinstance(value, str):
            continue
        lines = unicodedata.normalize("NFC", value).replace("\r\n", "\n").split("\n")
        text = "\n".join(line.rstrip() for line in lines).strip()
        if len(text) > MAX_CHARS:
            raise InvalidInput(field=key, reason="too_long", max_length=MAX_CHARS)
        if text:
            clean[key] = text
    return clean
