"""The console's form catalogue: every published version with its titles and how many records of
the user's stations use it, and one version's sections and fields from its stored definition."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select

from domain.forms import FieldDefinition, FormDefinition
from domain.forms.model import walk_fields
from server.core.sql import as_utc
from server.errors import ServerError
from server.models import FormVersion, Record
from server.services import catalog

_forms = FormVersion.__table__
_records = Record.__table__
# The largest form definition file the console accepts: the bundled ones are 5–40 kB.
MAX_DEFINITION_BYTES = 1024 * 1024


@dataclass(frozen=True)
class VersionRow:
    form_id: str
    version: int
    title_vi: str
    title_en: str
    published_at: datetime
    records: int  # records of the user's stations made with this version

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en


def _titles(definition: Any, form_id: str) -> tuple[str, str]:
    """The title in the stored definition: the package's form (cax-form/1) or, for a definition
    stored before the server packaged its forms, the document itself."""
    document = definition.get("form", definition) if isinstance(definition, dict) else {}
    title = document.get("title") if isinstance(document, dict) else None
    if isinstance(title, dict):
        vi = str(title.get("vi") or form_id.upper())
        return vi, str(title.get("en") or vi)
    return form_id.upper(), form_id.upper()


def versions(engine: Engine, in_scope: ColumnElement[bool]) -> list[VersionRow]:
    """Every form version, by form then newest version first, with its records in scope."""
    with engine.connect() as conn:
        counts = {
            (form_id, version): n
            for form_id, version, n in conn.execute(
                select(_records.c.form_id, _records.c.form_version, func.count())
                .where(in_scope)
                .group_by(_records.c.form_id, _records.c.form_version)
            )
        }
        rows = conn.execute(
            select(
                _forms.c.form_id, _forms.c.version, _forms.c.definition, _forms.c.published_at
            ).order_by(_forms.c.form_id, _forms.c.version.desc())
        ).all()
    result = [
        VersionRow(
            r.form_id,
            r.version,
            *_titles(r.definition, r.form_id),
            as_utc(r.published_at),
            counts.get((r.form_id, r.version), 0),
        )
        for r in rows
    ]
    # f1, f2 … f10 in their natural order rather than f1, f10, f2.
    result.sort(key=lambda v: (_natural(v.form_id), -v.version))
    return result


def _natural(form_id: str) -> tuple[str, int, str]:
    head = form_id.rstrip("0123456789")
    tail = form_id[len(head) :]
    return head, int(tail) if tail else -1, form_id


@dataclass(frozen=True)
class FieldLine:
    path: str  # e.g. "reporter.id_number", "items[].quantity"
    depth: int
    field: FieldDefinition


@dataclass(frozen=True)
class VersionDetail:
    form_id: str
    version: int
    title_vi: str
    title_en: str
    published_at: datetime
    records: int
    form: FormDefinition | None  # None: stored in a format the shared code cannot read
    sections: tuple[tuple[Any, tuple[FieldLine, ...]], ...]
    size: int  # bytes of the stored definition (canonical JSON)

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en


def version_detail(
    engine: Engine, form_id: str, version: int, in_scope: ColumnElement[bool]
) -> VersionDetail | None:
    """One stored version read back through the shared domain code; None if unknown."""
    with engine.connect() as conn:
        row = conn.execute(
            select(_forms.c.definition, _forms.c.published_at).where(
                _forms.c.form_id == form_id, _forms.c.version == version
            )
        ).first()
        if row is None:
            return None
        records = conn.execute(
            select(func.count())
            .select_from(_records)
            .where(_records.c.form_id == form_id, _records.c.form_version == version, in_scope)
        ).scalar_one()
        try:
            form = catalog.form_definition(conn, form_id, version)
        except ServerError:  # stored before the domain code changed and no longer builds
            form = None
    sections: tuple[tuple[Any, tuple[FieldLine, ...]], ...] = ()
    if form is not None:
        sections = tuple(
            (
                section,
                tuple(
                    FieldLine(path, path.count("."), f)
                    for path, f in walk_fields(section.fields, "")
                ),
            )
            for section in form.sections
        )
    size = len(json.dumps(row.definition, ensure_ascii=False).encode("utf-8"))
    return VersionDetail(
        form_id,
        version,
        *_titles(row.definition, form_id),
        as_utc(row.published_at),
        int(records),
        form,
        sections,
        size,
    )
