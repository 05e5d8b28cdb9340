"""Test helpers: a simulated station device that enrols, builds records and signs requests."""

from __future__ import annotations

import functools
import gzip
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from domain.forms.catalogue import load_catalogue
from protocol import authorship
from protocol.canonical import canonical_json, content_hash_fields
from protocol.messages import RecordRevision, RosterBody, RosterUser
from protocol.signing import enrolment_proof, new_private_key, public_key_b64, sign_request
from server.services import enrolment

STATION_CODE = "00004"
FORM_ID = "f8"  # the patrol log: the smallest of the bundled forms
PUSH = "/api/v1/sync/push"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example_values(form: str = "F8") -> dict[str, Any]:
    """The valid example record of a bundled form (docs/examples), as a station sends it."""
    return json.loads((EXAMPLES / f"{form}.json").read_text(encoding="utf-8"))["values"]


def form_document(form: str, version: int) -> dict[str, Any]:
    """A bundled form's JSON definition under another version number (a "new release" of it)."""
    path = EXAMPLES.parents[1] / "resources" / "forms" / f"{form}.json"
    return {**json.loads(path.read_text(encoding="utf-8")), "version": version}


def patrol(**changes: Any) -> dict[str, Any]:
    """Valid patrol-log values, with some fields changed (to make distinct contents)."""
    return {**example_values("F8"), **changes}


@functools.cache
def _shipped_version(form_id: str) -> int:
    return load_catalogue().get(form_id.upper()).version


def make_record(
    station_code: str = STATION_CODE,
    *,
    record_id: uuid.UUID | None = None,
    revision: int = 1,
    values: dict[str, Any] | None = None,
    form_id: str = FORM_ID,
    form_version: int | None = None,
    device_seq: int = 1,
    author: str = "lan",
) -> dict[str, Any]:
    """A valid wire record with a correct content hash, of the form version this program ships
    (the one `db upgrade` registers) unless `form_version` says otherwise."""
    if form_version is None:
        form_version = _shipped_version(form_id)
    now = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)  # after the example patrol ended
    record = {
        "record_id": str(record_id or uuid.uuid4()),
        "revision": revision,
        "station_code": station_code,
        "form_id": form_id,
        "form_version": form_version,
        "author": author,
        "created_at": "2026-11-22T08:30:00.000000Z",
        "updated_at": "2026-11-22T08:30:00.000000Z",
        "deleted": False,
        "delete_reason": None,
        "values": values if values is not None else patrol(),
        "device_seq": device_seq,
    }
    record["content_hash"] = content_hash_fields(
        record_id=record["record_id"],
        revision=revision,
        station_code=station_code,
        form_id=form_id,
        form_version=form_version,
        author=author,
        created_at=now,
        updated_at=now,
        deleted=False,
        delete_reason=None,
        values=record["values"],
    )
    return record


@dataclass
class StationRoles:
    """A station that signs its roles: its root key, and each user's role and signing key."""

    root: Ed25519PrivateKey = field(default_factory=new_private_key)
    users: dict[str, tuple[str, Ed25519PrivateKey]] = field(
        default_factory=lambda: {
            "lan": ("officer", new_private_key()),
            "truong": ("supervisor", new_private_key()),
        }
    )
    seq: int = 1
    removed: set[str] = field(default_factory=set)

    def roster(self) -> dict[str, Any]:
        """The station's roster, signed by its root key, as it travels in a push."""
        body = RosterBody(
            station_id="11111111-2222-3333-4444-555555555555",
            seq=self.seq,
            root_public_key=public_key_b64(self.root),
            audit_signed_from=1,
            users=[
                RosterUser(
                    username=name,
                    role=role,  # type: ignore[arg-type]
                    status="removed" if name in self.removed else "active",
                    # Any 32 bytes stand for the slot's X25519 key: the server never uses it.
                    slot_public_key=public_key_b64(key),
                    signing_keys=[public_key_b64(key)],
                )
                for name, (role, key) in sorted(self.users.items())
            ],
        )
        return authorship.sign_roster(self.root, body).model_dump(mode="json")

    def sign(
        self,
        record: dict[str, Any],
        signer: str | None = None,
        key: Ed25519PrivateKey | None = None,
    ) -> dict[str, Any]:
        """`record` signed by `signer` (its author by default) with `key` (theirs by default)."""
        signer = signer or record["author"]
        key = key or self.users[signer][1]
        unsigned = {k: v for k, v in record.items() if k not in ("signed_by", "signature")}
        metadata = RecordRevision.model_validate(unsigned).metadata_document()
        digest = authorship.authorship_digest(metadata, canonical_json(record["values"]))
        signature = authorship.sign(key, authorship.revision_message(signer, digest))
        return {**unsigned, "signed_by": signer, "signature": signature}


def batch_body(records: list[Any], batch_id: uuid.UUID | None = None, **extra: Any) -> bytes:
    document = {
        "protocol_version": 1,
        "batch_id": str(batch_id or uuid.uuid4()),
        "records": records,
    }
    document.update(extra)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@dataclass
class StationDevice:
    """An enrolled device: its id, key, and a TestClient-or-requests-like session to sign for."""

    device_id: str
    key: Ed25519PrivateKey
    station_code: str
    enrolment: dict[str, Any] = field(default_factory=dict)

    def headers(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        timestamp: int | None = None,
        nonce: str | None = None,
    ) -> dict[str, str]:
        stamp = int(time.time()) if timestamp is None else timestamp
        return sign_request(self.key, method, path, body, stamp, nonce, device_id=self.device_id)

    def push(self, client: Any, records: list[Any], *, compress: bool = True, **kw: Any) -> Any:
        body = batch_body(records, **kw)
        return self.push_raw(
            client, gzip.compress(body, 1) if compress else body, compress=compress
        )

    def push_raw(self, client: Any, body: bytes, *, compress: bool = True, **headers: str) -> Any:
        all_headers = {
            "Content-Type": "application/json",
            **self.headers("POST", PUSH, body),
            **headers,
        }
        if compress:
            all_headers["Content-Encoding"] = "gzip"
        return client.post(PUSH, content=body, headers=all_headers)

    def pull(self, client: Any, cursor: int = 0, limit: int | None = None) -> Any:
        path = f"/api/v1/sync/pull?cursor={cursor}" + (f"&limit={limit}" if limit else "")
        return client.get(path, headers=self.headers("GET", path, b""))


def enrol_device(
    client: Any, engine: Engine, station_code: str, name: str = "PC-1"
) -> StationDevice:
    """Issue a code the way `cax-server enroll-code` does, then enrol over HTTP."""
    code = enrolment.issue_code(engine, station_code, 1).code
    key = new_private_key()
    response = client.post(
        "/api/v1/enroll",
        json={
            "protocol_version": 1,
            "code": code,
            "public_key": public_key_b64(key),
            "device_name": name,
            "proof": enrolment_proof(key, code),
        },
    )
    assert response.status_code == 200, response.text
    data = response.json()
    return StationDevice(data["device_id"], key, station_code, data)
