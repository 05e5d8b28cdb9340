"""A template filled in from a record: its body as the HTML subset QTextDocument reads.

Fixed wording comes from the template, values from the record, each escaped; an empty blank
prints as a dotted line to be written by hand, as on the printed forms. Blocks whose condition
does not hold are left out, repeated blocks run once per row (`{#}` is the row's number).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from domain.documents.templates import Block, Placeholder, Text
from domain.documents.values import BLANK, running, value_text
from domain.forms.evaluation import EvalContext, Scope, holds, is_empty
from domain.forms.model import FieldDefinition
from domain.reference import ReferenceData

# Lengths in CSS px are 1/96 inch in Qt's rich text, whatever the printer's resolution.
INDENT = "38px"  # ≈ 1 cm first-line indent (Annex I: 1 cm or 1.27 cm)
SPACING = "6px"  # with the line's own leading, ≥ 6 pt between paragraphs
TABLE_POINTS = 11
NUMBER_WIDTH = 7  # per cent of a table for the STT column
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
# A cell holding one short word (an ID or phone number, a date) is never broken inside: a
# number split over two lines misleads. Qt would otherwise break it anywhere in a narrow column.
_NOWRAP = ' style="white-space: nowrap"'
NOWRAP_LENGTH = 20


class Filler:
    """Fills one record's values into template blocks."""

    def __init__(
        self,
        fields: Sequence[FieldDefinition],
        values: Mapping[str, Any],
        reference: ReferenceData,
        *,
        words: Mapping[str, str] | None = None,
        station: str = "",
        province: str = "",
        context: EvalContext | None = None,
    ) -> None:
        self.reference = reference
        self.special = {"@station": _station_in_text(station), "@province": running(province)}
        self.words = dict(words or {})  # money_in_words options from rules.json
        self.context = context or EvalContext()
        self.top = Scope(frozenset(f.id for f in fields), values)
        self.fields = {f.id: f for f in fields}

    # ---- text ----------------------------------------------------------------------------------

    def text(self, text: Text, scopes: Sequence[Scope], row: int = 0, blank: str = BLANK) -> str:
        """The wording with its blanks filled, as HTML ("**…**" in the wording is bold)."""
        out = []
        for segment in text.segments:
            if isinstance(segment, str):
                out.append(escape(segment, quote=False))
            else:
                filled = self.placeholder(segment, scopes, row)
                out.append(escape(filled, quote=False).replace("*", "&#42;") or blank)
        return _BOLD.sub(r"<b>\1</b>", "".join(out))

    def placeholder(self, placeholder: Placeholder, scopes: Sequence[Scope], row: int) -> str:
        options = zip(placeholder.paths, placeholder.fields, placeholder.formats, strict=True)
        for path, f, fmt in options:
            if path == "#":
                return str(row)
            if f is None:
                return self.special.get(path, "")
            text = value_text(f, self.value(path, scopes), fmt, self.reference, self.words)
            if text:
                return text
        return ""

    @staticmethod
    def value(path: str, scopes: Sequence[Scope]) -> Any:
        first, *rest = path.split(".")
        for scope in scopes:
            if first in scope.names:
                value: Any = scope.values.get(first) if isinstance(scope.values, Mapping) else None
                break
        else:
            return None
        for part in rest:
            value = value.get(part) if isinstance(value, Mapping) else None
        return value

    # ---- blocks --------------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], scopes: Sequence[Scope] | None = None, row=0) -> str:
        scopes = scopes or (self.top,)
        return "".join(self.block(block, scopes, row) for block in blocks)

    def block(self, block: Block, scopes: Sequence[Scope], row: int) -> str:
        if block.kind in ("each", "table"):
            rows = self.rows(block, scopes)
            if not rows:
                return ""
            if block.kind == "table":
                return self.table(block, rows, scopes)
            return "".join(
                self.blocks(block.body, (scope, *scopes), number)
                for number, scope in enumerate(rows, start=1)
            )
        if block.when is not None and not holds(block.when, scopes, self.context):
            return ""
        assert block.text is not None
        html = self.text(block.text, scopes, row)
        if block.kind == "center":
            return f'<p align="center" style="margin-top:12px; margin-bottom:6px"><b>{html}</b></p>'
        align = ' align="justify"' if block.kind == "p" else ""
        # A multi-line value (a narrative) goes on as paragraphs of its own.
        return "".join(
            f'<p{align} style="margin-top:{SPACING}; margin-bottom:0; text-indent:{INDENT}">'
            f"{part}</p>"
            for part in html.split("\n")
            if part.strip()
        )

    def rows(self, block: Block, scopes: Sequence[Scope]) -> list[Scope]:
        """The group's rows (as scopes) for which the block's condition holds."""
        group = self._group_field(block.group, scopes)
        values = self.value(block.group, scopes)
        if group is None or not isinstance(values, list):
            return []
        names = frozenset(f.id for f in group.fields)
        found = []
        for row in values:
            if not isinstance(row, Mapping) or is_empty(row):
                continue
            scope = Scope(names, row)
            if block.when is None or holds(block.when, (scope, *scopes), self.context):
                found.append(scope)
        return found

    def _group_field(self, path: str, scopes: Sequence[Scope]) -> FieldDefinition | None:
        # Groups are top-level fields in every form (a group inside a group is not allowed).
        return self.fields.get(path.split(".")[0])

    def table(self, block: Block, rows: list[Scope], scopes: Sequence[Scope]) -> str:
        room = 100 - NUMBER_WIDTH
        total = sum(width for _, _, width in block.columns) or 1
        head = "".join(
            f'<th width="{max(1, round(room * width / total))}%">{escape(title)}</th>'
            for title, _, width in block.columns
        )
        body = []
        for number, scope in enumerate(rows, start=1):
            texts = [
                self.text(cell, (scope, *scopes), number, blank="") for _, cell, _ in block.columns
            ]
            cells = "".join(
                f"<td{_NOWRAP if _one_word(text) else ''}>{text}</td>" for text in texts
            )
            body.append(f'<tr><td align="center">{number}</td>{cells}</tr>')
        return (
            f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
            f'style="border-collapse: collapse; border-color: #000; font-size: {TABLE_POINTS}pt; '
            f'margin-top: 4px; margin-bottom: 6px">'
            f'<thead><tr><th width="{NUMBER_WIDTH}%"{_NOWRAP}>STT</th>{head}</tr></thead>'
            f"{''.join(body)}</table>"
        )


def _one_word(html: str) -> bool:
    text = re.sub(r"<[^>]+>", "", html).strip()
    return 0 < len(text) <= NOWRAP_LENGTH and " " not in text


def _station_in_text(name: str) -> str:
    """ "Công an Phường Ba Đình" as a sentence names it: "Công an phường Ba Đình"."""
    head, _, rest = name.partition(" an ")
    return f"{head} an {running(rest)}" if head.lower() == "công" and rest else name
