"""Offline bundles: open one from an enrolled device, ingest it through push, sign the receipt."""

from __future__ import annotations

import base64
import io
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Connection, Engine, case, select, update

from protocol.bundle import (
    BundleContents,
    BundleError,
    SealedBundle,
    key_id,
    parse_bundle_file,
)
from protocol.bundle_receipt import BlobOutcome, BundleReceipt, sign_receipt
from protocol.errors import ErrorCode
from protocol.messages import PushStatus, RecordResult
from server.core.config import Settings
from server.core.security import ensure_server_keys
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import BundleImport, Device, ServerKey, Station
from server.services import bundle_blobs, ingest
from server.services.auth import AuthenticatedDevice
from server.services.batch import parse_envelope

_devices = Device.__table__
_stations = Station.__table__
_keys = ServerKey.__table__
_imports = BundleImport.__table__
# Records per push transaction, as stations batch online: shorter locks, and on a busy 2-core
# machine 10,000 records imported at ~4,300 rec/s in batches of 500 against ~3,600 in one.
INGEST_BATCH = 500


@dataclass(frozen=True)
class BundleKeys:
    """The server's halves of the bundle exchange: the X25519 box key and the Ed25519 signing key."""

    box: X25519PrivateKey
    signing: Ed25519PrivateKey

    @property
    def box_public(self) -> str:
        return _public_b64(self.box)

    @property
    def signing_public(self) -> str:
        return _public_b64(self.signing)


def _public_b64(key: X25519PrivateKey | Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_keys(conn: Connection) -> BundleKeys:
    """The stored key pairs, created first if this database has none yet."""
    ensure_server_keys(conn)
    rows = dict(conn.execute(select(_keys.c.kind, _keys.c.private_key)).all())
    return BundleKeys(
        box=X25519PrivateKey.from_private_bytes(base64.b64decode(rows["box"])),
        signing=Ed25519PrivateKey.from_private_bytes(base64.b64decode(rows["signing"])),
    )


@dataclass(frozen=True)
class ImportedBundle:
    receipt: BundleReceipt
    receipt_bytes: bytes
    # True when the file was imported before and this is the receipt signed then.
    repeated: bool = False


def _refused(error: BundleError) -> ServerError:
    return ServerError(error.code, error.detail)


def _sender(conn: Connection, sealed: SealedBundle) -> AuthenticatedDevice:
    """The enrolled, unrevoked device of the bundle's station whose key signed it."""
    header = sealed.header
    row = conn.execute(
        select(
            _devices.c.public_key, _devices.c.revoked_at, _devices.c.station_id, _stations.c.code
        )
        .join(_stations, _stations.c.id == _devices.c.station_id)
        .where(_devices.c.id == header.device_id)
    ).first()
    if row is None:
        raise ServerError(ErrorCode.UNKNOWN_DEVICE, f"device {header.device_id} is not enrolled")
    sealed.verify_device(row.public_key)
    if row.revoked_at is not None:
        raise ServerError(ErrorCode.DEVICE_REVOKED, "the device that made the bundle is revoked")
    if row.code != header.station_code:
        raise ServerError(
            ErrorCode.BUNDLE_WRONG_STATION, f"the device belongs to station {row.code}"
        )
    return AuthenticatedDevice(header.device_id, row.station_id, row.code)


def open_from_device(engine: Engine, data: bytes) -> tuple[BundleContents, AuthenticatedDevice]:
    """Every check of docs/protocol.md "Offline bundles", in order; ServerError on refusal."""
    try:
        sealed, device, keys = _authentic(engine, data)
        return sealed.decrypt(keys.box), device
    except BundleError as error:
        raise _refused(error) from None


def _authentic(
    engine: Engine, data: bytes | BinaryIO, uploads_per_hour: int | None = None
) -> tuple[SealedBundle, AuthenticatedDevice, BundleKeys]:
    """Structure, checksum, recipient, the device's signature, revocation, station; then, for an
    upload, the device's hourly count. Nothing is decrypted yet. Raises BundleError/ServerError."""
    sealed = parse_bundle_file(io.BytesIO(data) if isinstance(data, bytes) else data)
    with engine.begin() as conn:
        keys = load_keys(conn)
        sealed.check_recipient(keys.box_public)
        device = _sender(conn, sealed)
        if uploads_per_hour is not None:
            _count_upload(conn, device, uploads_per_hour)
    return sealed, device, keys


def _count_upload(conn: Connection, device: AuthenticatedDevice, per_hour: int) -> None:
    """Count one upload against the device that signed the bundle (never the one a header only
    names: a forged file cannot spend another device's allowance); refuse past `per_hour`."""
    window = int(time.time()) // 3600
    count = conn.execute(
        update(_devices)
        .where(_devices.c.id == device.device_id)
        .values(
            bundle_count=case(
                (_devices.c.bundle_window == window, _devices.c.bundle_count + 1), else_=1
            ),
            bundle_window=window,
        )
        .returning(_devices.c.bundle_count)
    ).scalar_one()
    if count > per_hour:
        # Raising rolls the count back too, so a client that keeps trying does not extend it.
        raise ServerError(
            ErrorCode.RATE_LIMITED, f"more than {per_hour} bundle uploads an hour from this device"
        )


def _stored_receipt(engine: Engine, sealed: SealedBundle) -> ImportedBundle | None:
    """The receipt of this very file's first import, if it was imported before (by any way)."""
    bundle_id = sealed.header.bundle_id
    with engine.connect() as conn:
        row = conn.execute(
            select(_imports.c.bundle_sha256, _imports.c.receipt).where(
                _imports.c.bundle_id == bundle_id
            )
        ).first()
    if row is None:
        return None
    if row.bundle_sha256 != sealed.sha256:
        raise ServerError(
            ErrorCode.BUNDLE_ID_REUSED, f"another file was imported as bundle {bundle_id}"
        )
    if row.receipt is None:  # imported before receipts were kept: import again, keep it then
        return None
    receipt = BundleReceipt.model_validate(json.loads(row.receipt)["receipt"])
    return ImportedBundle(receipt, bytes(row.receipt), repeated=True)


def _batch_id(bundle_id: uuid.UUID, chunk: int) -> uuid.UUID:
    # The first batch is the bundle itself; larger bundles get stable ids, so re-imports match.
    return bundle_id if chunk == 0 else uuid.uuid5(bundle_id, f"chunk-{chunk}")


def _batch_document(contents: BundleContents, chunk: int, records: list[Any]) -> dict[str, Any]:
    """Batch `chunk` of the bundle as a push request: every batch carries the same envelope."""
    header, head, anchor = contents.header, contents.audit_head, contents.audit_anchor
    document: dict[str, Any] = {
        "protocol_version": header.protocol_version,
        "batch_id": str(_batch_id(header.bundle_id, chunk)),
        "audit_head": head.model_dump(mode="json") if head else None,
        # Checked like a push's: a rolled-back or rewritten chain refuses the whole bundle.
        "audit_anchor": anchor.model_dump(mode="json") if anchor else None,
        "records": records,
    }
    if contents.roster is not None:
        document["roster"] = contents.roster
    return document


def _ingest(
    engine: Engine, contents: BundleContents, device: AuthenticatedDevice
) -> list[RecordResult]:
    """Push the records in batches the push path accepts; one answer per record, in order."""
    results: list[RecordResult] = []
    for chunk, start in enumerate(range(0, max(len(contents.records), 1), INGEST_BATCH)):
        document = _batch_document(contents, chunk, contents.records[start : start + INGEST_BATCH])
        response = ingest.push(engine, device, document, bundle=True)
        results.extend(
            r.model_copy(update={"index": start + r.index}) if start else r
            for r in response.results
        )
    return results


def import_bundle(
    engine: Engine,
    data: bytes | BinaryIO,
    uploads_per_hour: int | None = None,
    settings: Settings | None = None,
) -> ImportedBundle:
    """Store a bundle's files and new revisions (exactly as a sync would) and sign what happened
    to each.

    `data` is the file's bytes or the open file (seekable; a version-2 bundle is read from it
    streaming). Every file is checked before any is stored, and the files go before the records,
    so each record's answer says whether its attachments are complete. The same file again is
    answered with the receipt signed at its first import (`repeated`), without decrypting or
    ingesting it again. `uploads_per_hour` limits an upload (the CLI, run by an administrator on
    the server, passes None); `settings` gives the blob limits (default: the defaults)."""
    try:
        sealed, device, keys = _authentic(engine, data, uploads_per_hour)
        stored = _stored_receipt(engine, sealed)
        if stored is not None:
            return stored
        contents = sealed.decrypt(keys.box)
        # An envelope every batch would refuse (a malformed roster, say) is refused before any
        # file is stored; the push path's later, semantic refusals are after (docs/protocol.md).
        parse_envelope(_batch_document(contents, 0, []))
        intact = bundle_blobs.check_files(sealed, keys.box)
        outcomes = bundle_blobs.store_files(
            engine, settings or Settings(), device.station_id, sealed, keys.box, intact
        )
    except BundleError as error:
        raise _refused(error) from None
    results = _ingest(engine, contents, device)
    blob_list: list[BlobOutcome] | None = None
    if sealed.format_version >= 2:
        blob_list = bundle_blobs.receipt_list(engine, device.station_id, contents.records, outcomes)
    counts = dict.fromkeys(PushStatus, 0)
    for result in results:
        counts[result.status] += 1
    now = datetime.now(UTC)
    header = contents.header
    receipt = BundleReceipt(
        bundle_id=header.bundle_id,
        bundle_sha256=contents.sha256,
        station_code=device.station_code,
        device_id=device.device_id,
        server_key_id=key_id(keys.signing_public),
        imported_at=now,
        record_count=len(results),
        stored=counts[PushStatus.STORED],
        duplicate=counts[PushStatus.DUPLICATE],
        conflict=counts[PushStatus.CONFLICT],
        rejected=counts[PushStatus.REJECTED],
        results=results,
        blobs=blob_list,
    )
    signed = sign_receipt(receipt, keys.signing)
    with engine.begin() as conn:
        noted = conn.execute(
            insert_ignore(conn, _imports, ["bundle_id"]).returning(_imports.c.bundle_id),
            {
                "bundle_id": header.bundle_id,
                "device_id": device.device_id,
                "station_id": device.station_id,
                "bundle_sha256": contents.sha256,
                "created_at": header.created_at,
                "imported_at": now,
                "record_count": len(results),
                **{status.value: counts[status] for status in PushStatus},
                "receipt": signed,
            },
        ).first()
        if noted is None:  # imported before receipts were kept
            conn.execute(
                update(_imports)
                .where(_imports.c.bundle_id == header.bundle_id, _imports.c.receipt.is_(None))
                .values(receipt=signed)
            )
    if noted is None:
        # Two uploads of one file at once: both answer with the receipt that was kept.
        first = _stored_receipt(engine, sealed)
        if first is not None and first.receipt_bytes != signed:
            return first
    return ImportedBundle(receipt, signed)


@dataclass(frozen=True)
class PublicKeys:
    box: str
    box_id: str
    signing: str
    signing_id: str


def public_keys(engine: Engine) -> PublicKeys:
    """What a station needs to seal bundles for this server and check its receipts."""
    with engine.begin() as conn:
        keys = ensure_server_keys(conn)
    return PublicKeys(keys.box, key_id(keys.box), keys.signing, key_id(keys.signing))
