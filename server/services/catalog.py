"""What the centre publishes to every station: form versions and reference data.

A form version is stored as a self-contained definition — the form's JSON document and the blocks
it was built with — and is checked by the shared domain code before anything is kept, so the
server can always rebuild the exact `FormDefinition` a station validated against."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Text, cast, func, select

from domain.forms import (
    FormDefinition,
    FormDefinitionInvalid,
    build_form,
    read_blocks,
    read_form_documents,
)
from domain.resources import resource_path
from protocol.errors import ErrorCode
from protocol.messages import FormVersionPayload, ReferenceDataPayload, UpdateKind
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import FormVersion
from server.services import feed

_forms = FormVersion.__table__
_FORM_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
DEFINITION_FORMAT = "cax-form/1"


@dataclass(frozen=True)
class Published:
    form_id: str
    version: int
    cursor: int | None  # the feed entry that tells stations; None when it was already known


def wire_form_id(form_id: str) -> str:
    """Form ids travel in lower case ("F1" in resources/forms is "f1" on the wire)."""
    return form_id.lower()


def _package(document: dict[str, Any], blocks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"format": DEFINITION_FORMAT, "form": document, "blocks": blocks}


def _invalid(error: FormDefinitionInvalid) -> ServerError:
    p = error.params
    where = f"{p.get('file', '')} {p.get('path', '')}".strip()
    detail = p.get("detail") or p.get("reason", "invalid")
    return ServerError(ErrorCode.FORM_DEFINITION_INVALID, f"{where}: {detail}" if where else detail)


def check_form_document(
    document: Any, blocks: dict[str, dict[str, Any]] | None = None, *, file: str = "form.json"
) -> tuple[FormDefinition, dict[str, Any]]:
    """Build a form from its JSON document with the shared domain code: the definition and the
    package to store. A broken document gives FORM_DEFINITION_INVALID naming where and why."""
    if not isinstance(document, dict):
        raise ServerError(ErrorCode.FORM_DEFINITION_INVALID, "a form definition is a JSON object")
    blocks = bundled_blocks() if blocks is None else blocks
    try:
        form = build_form(document, blocks, file=file)
    except FormDefinitionInvalid as error:
        raise _invalid(error) from None
    except (KeyError, TypeError, ValueError) as error:  # a shape the schema let through
        raise ServerError(ErrorCode.FORM_DEFINITION_INVALID, f"{file}: {error}") from None
    return form, _package(document, blocks)


def _insert(conn: Connection, form_id: str, version: int, package: dict[str, Any]) -> int | None:
    """Store the version and announce it in the feed; None if it was there already."""
    inserted = conn.execute(
        insert_ignore(conn, _forms, ["form_id", "version"]).returning(_forms.c.form_id),
        {
            "form_id": form_id,
            "version": version,
            "definition": package,
            "published_at": datetime.now(UTC),
        },
    ).first()
    if inserted is None:
        return None
    payload = FormVersionPayload(form_id=form_id, version=version, definition=package)
    return feed.append(conn, UpdateKind.FORM_VERSION, payload.model_dump(mode="json"), None)


def register_bundled_forms(conn: Connection, directory: Path | None = None) -> list[Published]:
    """Register every form version shipped in resources/forms that the database lacks.

    Run by `cax-server db upgrade`: a second run is a no-op, and a release that ships a new
    version of a form registers that version beside the old ones (records of both are accepted).
    """
    registered = []
    for form_id, version, package in _bundled_packages(directory or resource_path("forms")):
        cursor = _insert(conn, form_id, version, package)
        if cursor is not None:
            registered.append(Published(form_id, version, cursor))
    return registered


@lru_cache(maxsize=4)
def _bundled_packages(directory: Path) -> tuple[tuple[str, int, dict[str, Any]], ...]:
    """The shipped forms, each checked by the domain code: read and built once per process."""
    try:
        blocks = read_blocks(directory)
        documents = read_form_documents(directory)
    except FormDefinitionInvalid as error:
        raise _invalid(error) from None
    packages = []
    for document in documents:
        _form, package = check_form_document(document, blocks, file=f"{document['id']}.json")
        packages.append((wire_form_id(document["id"]), int(document["version"]), package))
    return tuple(packages)


def publish_form_document(
    engine: Engine,
    document: Any,
    *,
    file: str = "form.json",
    then: Callable[[Connection, Published], None] | None = None,
) -> Published:
    """Publish a new version of a form from its JSON document (CLI `form publish`, console).

    Checked whole before anything is stored; the version must be above every stored one of that
    form, so a station never receives two different definitions under one number. `then` runs in
    the same transaction (the console's audit entry: no publication without it)."""
    form, package = check_form_document(document, file=file)
    form_id, version = wire_form_id(form.id), form.version
    if not _FORM_ID.match(form_id):
        raise ServerError(ErrorCode.FORM_DEFINITION_INVALID, "form id: letters, digits, _ . -")
    with engine.begin() as conn:
        latest = conn.execute(
            select(func.max(_forms.c.version)).where(_forms.c.form_id == form_id)
        ).scalar()
        if latest is not None and version <= latest:
            raise ServerError(
                ErrorCode.FORM_VERSION_EXISTS,
                f"form {form_id} is at version {latest}: publish version {latest + 1} or higher",
            )
        published = Published(form_id, version, _insert(conn, form_id, version, package))
        if then is not None:
            then(conn, published)
    return published


def list_versions(engine: Engine) -> list[tuple[str, int, datetime]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(_forms.c.form_id, _forms.c.version, _forms.c.published_at).order_by(
                _forms.c.form_id, _forms.c.version
            )
        )
        return [(r.form_id, r.version, r.published_at) for r in rows]


def form_definition(conn: Connection, form_id: str, version: int) -> FormDefinition | None:
    """The definition a stored form version was published with (None if it is unknown)."""
    # Read as the database's own text: the cache below is keyed by the stored definition itself
    # (two server databases in one process never share a build), and a push that finds it built
    # pays neither the JSON decoding of ~20 KB nor encoding it again to make the key.
    definition = conn.execute(
        select(cast(_forms.c.definition, Text)).where(
            _forms.c.form_id == form_id, _forms.c.version == version
        )
    ).scalar()
    return None if definition is None else _built(definition)


def warm_definitions(engine: Engine) -> int:
    """Build the newest stored version of every form now, as a worker starts, so that the first
    push it serves does not: building one costs tens of milliseconds, and the first also imports
    the schema checker (~0.1 s). Returns how many were built."""
    newest = (
        select(_forms.c.form_id, func.max(_forms.c.version).label("version"))
        .group_by(_forms.c.form_id)
        .limit(_BUILT_KEPT)
    )
    with engine.connect() as conn:
        keys = [(row.form_id, int(row.version)) for row in conn.execute(newest)]
        return sum(form_definition(conn, form_id, version) is not None for form_id, version in keys)


_BUILT_KEPT = 64


@lru_cache(maxsize=_BUILT_KEPT)
def _built(package_json: str) -> FormDefinition | None:
    """Building a form costs milliseconds: each distinct stored definition is built once."""
    package = json.loads(package_json)
    if not isinstance(package, dict) or package.get("format") != DEFINITION_FORMAT:
        return None  # a definition stored before the server knew its forms: cannot validate
    form, _ = check_form_document(package["form"], package["blocks"])
    return form


@lru_cache(maxsize=1)
def bundled_blocks() -> dict[str, dict[str, Any]]:
    return read_blocks(resource_path("forms"))


def publish_reference_data(engine: Engine, dataset: str, version: int, items: list[Any]) -> int:
    """Reference lists (administrative units, document types...) for every station."""
    payload = ReferenceDataPayload(dataset=dataset, version=version, items=items)
    with engine.begin() as conn:
        return feed.append(conn, UpdateKind.REFERENCE_DATA, payload.model_dump(mode="json"), None)
