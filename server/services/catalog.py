"""What the centre publishes to every station: form versions and reference data."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from protocol.errors import ErrorCode
from protocol.messages import FormVersionPayload, ReferenceDataPayload, UpdateKind
from server.errors import ServerError
from server.models import FormVersion
from server.services import feed

_forms = FormVersion.__table__
_FORM_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def publish_form_version(
    engine: Engine, form_id: str, version: int, definition: dict[str, Any]
) -> int:
    """Make a form version known (records of it are accepted) and send it to every station."""
    if not _FORM_ID.match(form_id) or not 1 <= version <= 2_147_483_647:
        raise ServerError(
            ErrorCode.BAD_ARGUMENT, "form id: a-z 0-9 _ . -; version: a positive integer"
        )
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(_forms).values(
                    form_id=form_id,
                    version=version,
                    definition=definition,
                    published_at=datetime.now(UTC),
                )
            )
            payload = FormVersionPayload(form_id=form_id, version=version, definition=definition)
            return feed.append(conn, UpdateKind.FORM_VERSION, payload.model_dump(mode="json"), None)
    except IntegrityError:
        raise ServerError(
            ErrorCode.FORM_VERSION_EXISTS, f"form {form_id} version {version} exists"
        ) from None


def publish_reference_data(engine: Engine, dataset: str, version: int, items: list[Any]) -> int:
    """Reference lists (administrative units, document types...) for every station."""
    payload = ReferenceDataPayload(dataset=dataset, version=version, items=items)
    with engine.begin() as conn:
        return feed.append(conn, UpdateKind.REFERENCE_DATA, payload.model_dump(mode="json"), None)
