"""Publishing a legal catalogue to every station through the pull feed (`cax-server law publish`).

The file is checked with the same domain code the station reads it with before anything is
stored, and its version must be above every one published, so a station never holds two
different catalogues under one version (docs/legal-catalogue.md)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Text, cast, select

from domain.law import Catalogue, CatalogueInvalid, catalogue_from_dict, default_catalogue
from protocol.errors import ErrorCode
from protocol.messages import LawCataloguePayload, UpdateKind
from server.errors import ServerError
from server.models import Update
from server.services import feed

_updates = Update.__table__
_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){0,3}$")


@dataclass(frozen=True)
class PublishedLaw:
    version: str
    entries: int
    cursor: int


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def published_versions(engine: Engine) -> list[str]:
    """Versions already in the feed, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(_updates.c.payload)
            .where(_updates.c.kind == UpdateKind.LAW_CATALOGUE.value)
            .order_by(_updates.c.cursor)
        )
        return [str(payload.get("version")) for (payload,) in rows if isinstance(payload, dict)]


def catalogue_in_force(conn: Connection) -> Catalogue:
    """The catalogue the server judges pushed revisions with: the newest it published that
    reads correctly, else the one bundled with the program. Stations switch to it at their
    next pull (docs/legal-catalogue.md, "Which catalogue is in force")."""
    rows = conn.execute(
        select(cast(_updates.c.payload, Text))  # the stored text, the key of `_read`'s cache
        .where(_updates.c.kind == UpdateKind.LAW_CATALOGUE.value)
        .order_by(_updates.c.cursor.desc())
    )
    for (payload_json,) in rows:
        catalogue = _read(payload_json) if payload_json is not None else None
        if catalogue is not None:
            return catalogue
    return default_catalogue()


@functools.lru_cache(maxsize=8)
def _read(payload_json: str) -> Catalogue | None:
    """Each push asks: a published payload is read once (keyed by its text as the database
    gives it, not its cursor, so two server databases in one process never share a stale one;
    nor decoded and encoded again to make the key)."""
    try:
        return catalogue_from_dict(json.loads(payload_json).get("catalogue", {}))
    except (CatalogueInvalid, AttributeError):
        return None  # read by an older program; the loader refuses it now


def publish_law_catalogue(engine: Engine, document: Any) -> PublishedLaw:
    """Check a catalogue document whole, then add it to the feed for every station."""
    if not isinstance(document, dict):
        raise ServerError(ErrorCode.LAW_CATALOGUE_INVALID, "a catalogue is a JSON object")
    try:
        catalogue = catalogue_from_dict(document)
    except CatalogueInvalid as error:
        raise ServerError(ErrorCode.LAW_CATALOGUE_INVALID, str(error)) from None
    if not _VERSION.match(catalogue.version):
        raise ServerError(ErrorCode.LAW_CATALOGUE_INVALID, "version: numbers like 2026.2")
    newest = max(
        (_version_key(v) for v in published_versions(engine) if _VERSION.match(v)), default=None
    )
    if newest is not None and _version_key(catalogue.version) <= newest:
        shown = ".".join(str(part) for part in newest)
        raise ServerError(
            ErrorCode.LAW_VERSION_EXISTS,
            f"catalogue version {shown} is published: publish a higher version",
        )
    payload = LawCataloguePayload(version=catalogue.version, catalogue=document)
    with engine.begin() as conn:
        cursor = feed.append(conn, UpdateKind.LAW_CATALOGUE, payload.model_dump(mode="json"), None)
    return PublishedLaw(catalogue.version, len(catalogue.entries), cursor)
