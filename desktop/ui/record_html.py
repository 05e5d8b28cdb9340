"""A record's values as a read-only HTML page: sections, label and value, people, rows."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from domain.forms.evaluation import is_empty
from domain.forms.model import FieldDefinition, FieldType, FormDefinition
from domain.forms.summaries import display_value
from domain.reference import ReferenceData, default_reference

_STYLE = """
<style>
h2 { color: #1a3c6e; font-size: 13pt; margin: 14px 0 4px 0; }
td.label { color: #555; padding: 2px 12px 2px 0; vertical-align: top; }
td.value { padding: 2px 0; vertical-align: top; }
table.rows { border-collapse: collapse; margin: 2px 0 6px 0; }
table.rows th { background: #eef2f8; text-align: left; padding: 3px 6px; }
table.rows td { border-top: 1px solid #dde3ec; padding: 3px 6px; vertical-align: top; }
.nested { margin-left: 10px; }
</style>
"""


class _Renderer:
    label_width = "32%"

    def __init__(self, language: str, reference: ReferenceData) -> None:
        self.language, self.reference = language, reference

    def value(self, f: FieldDefinition, value: Any) -> str:
        if f.type is FieldType.MULTILINE and isinstance(value, str):
            return escape(value).replace("\n", "<br>")
        return escape(display_value(f, value, lang=self.language, reference=self.reference))

    def fields(self, fields: tuple[FieldDefinition, ...], values: Mapping[str, Any]) -> str:
        rows = []
        for f in fields:
            value = values.get(f.id) if isinstance(values, Mapping) else None
            if is_empty(value) and value is not False:
                continue
            label = escape(f.label.get(self.language))
            if f.type in (FieldType.PERSON, FieldType.ADDRESS):
                inner = self.fields(f.fields, value) if isinstance(value, Mapping) else ""
                cell = f'<div class="nested">{inner}</div>'
            elif f.type is FieldType.GROUP and isinstance(value, list):
                cell = self.group(f, value)
            else:
                cell = self.value(f, value)
            # Qt's rich text honours width attributes, not CSS widths: every level lines up.
            rows.append(
                f'<tr><td class="label" width="{self.label_width}">{label}</td>'
                f'<td class="value">{cell}</td></tr>'
            )
        return f'<table width="100%" cellspacing="0">{"".join(rows)}</table>' if rows else ""

    def group(self, f: FieldDefinition, rows: list[Any]) -> str:
        blocks = []
        for number, row in enumerate(rows, start=1):
            inner = self.fields(f.fields, row) if isinstance(row, Mapping) else ""
            blocks.append(f"<p><b>{number}.</b></p><div class='nested'>{inner}</div>")
        return "".join(blocks)


def record_html(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    language: str = "vi",
    reference: ReferenceData | None = None,
) -> str:
    """The filled-in fields of every section (empty ones left out), ready for a QTextBrowser."""
    renderer = _Renderer(language, reference or default_reference())
    parts = [_STYLE]
    for section in form.sections:
        body = renderer.fields(section.fields, values)
        if body:
            parts.append(f"<h2>{escape(section.title.get(language))}</h2>{body}")
    return "".join(parts)
