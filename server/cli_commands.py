"""The work behind each `cax-server` subcommand; each returns an exit status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO

from protocol.errors import ErrorCode
from protocol.messages import ReviewDecision
from server.core import migrate
from server.core.config import Settings
from server.core.db import make_engine
from server.errors import ServerError
from server.services import (
    bundles,
    catalog,
    devices,
    enrolment,
    law,
    records,
    reports_ingest,
    reviews,
    setup,
    stations,
)


def _engine(settings: Settings, *, require_current: bool = True):
    engine = make_engine(settings)
    if require_current:
        migrate.require_current(engine)
    return engine


def db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    result = setup.upgrade_database(_engine(settings, require_current=False))
    print(
        f"schema {'upgraded to' if result.schema_changed else 'already at'} {migrate.head_revision()}"
    )
    print(f"administrative units: {result.units_changed} added or renamed")
    if result.forms_registered:
        names = ", ".join(f"{f.form_id} v{f.version}" for f in result.forms_registered)
        print(f"forms registered: {names}")
    else:
        print("forms: every bundled version already registered")
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from server.core.logs import uvicorn_log_config

    _engine(settings).dispose()  # fail here, in one line, rather than in every worker
    if bool(args.certfile) != bool(args.keyfile):
        raise ServerError(ErrorCode.BAD_ARGUMENT, "--certfile and --keyfile go together")
    uvicorn.run(
        "server.api.main:app_factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        access_log=args.access_log,
        log_level="info",
        log_config=uvicorn_log_config(),  # no personal data in any log line (server.core.logs)
    )
    return 0


def station_add(args: argparse.Namespace, settings: Settings) -> int:
    """The code must be a registered commune; without a name the unit's gives one."""
    row = stations.add_station(_engine(settings), args.code, args.name)
    print(f"station {row.code} added: {row.name}")
    return 0


def enroll_code(args: argparse.Namespace, settings: Settings) -> int:
    issued = enrolment.issue_code(_engine(settings), args.station, args.hours)
    print(f"code: {issued.code}")
    print(f"station: {issued.station_code}")
    print(f"expires: {issued.expires_at.isoformat(timespec='seconds')}")
    return 0


def device_list(args: argparse.Namespace, settings: Settings) -> int:
    for d in devices.list_devices(_engine(settings), args.station):
        state = f"revoked {d.revoked_at:%Y-%m-%d %H:%M}" if d.revoked_at else "active"
        seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "never"
        print(f"{d.id}\t{d.station_code}\t{state}\tlast seen {seen}\t{d.name}")
    return 0


def device_revoke(args: argparse.Namespace, settings: Settings) -> int:
    device_id = devices.parse_device_id(args.device_id)
    at = devices.revoke_device(_engine(settings), device_id, args.reason)
    print(f"device {device_id} revoked at {at.isoformat(timespec='seconds')}")
    return 0


def records_count(args: argparse.Namespace, settings: Settings) -> int:
    heads, revisions = records.count_records(_engine(settings), args.station)
    print(f"{heads} records, {revisions} revisions")
    return 0


def records_export(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    files = Path(args.with_attachments) if args.with_attachments else None
    if args.output:
        with Path(args.output).open("w", encoding="utf-8", newline="") as out:
            count = records.export_records(engine, out, args.format, args.station, files)
    else:
        count = records.export_records(engine, sys.stdout, args.format, args.station, files)
    print(f"{count} revisions exported", file=sys.stderr)
    return 0


def reports_list(args: argparse.Namespace, settings: Settings) -> int:
    """One line a report, newest first; a conflict count when other content came under its id."""
    for r in reports_ingest.list_reports(_engine(settings), args.station):
        aside = f"  {r.conflicts} conflicting" if r.conflicts else ""
        print(
            f"{r.report_id}  {r.period_code:<22}  {r.number:<8}  "
            f"submitted {r.submitted_at:%Y-%m-%d %H:%M}Z  {r.content_hash[:16]}{aside}"
        )
    return 0


def form_publish(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServerError(ErrorCode.FORM_DEFINITION_INVALID, f"cannot read {path}: {exc}") from None
    published = catalog.publish_form_document(_engine(settings), document, file=path.name)
    print(
        f"form {published.form_id} version {published.version} published (feed {published.cursor})"
    )
    return 0


def law_publish(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServerError(ErrorCode.LAW_CATALOGUE_INVALID, f"cannot read {path}: {exc}") from None
    published = law.publish_law_catalogue(_engine(settings), document)
    print(
        f"legal catalogue {published.version} ({published.entries} entries) published "
        f"(feed {published.cursor})"
    )
    return 0


def form_list(args: argparse.Namespace, settings: Settings) -> int:
    for form_id, version, published_at in catalog.list_versions(_engine(settings)):
        print(f"{form_id}\tv{version}\tpublished {published_at:%Y-%m-%d %H:%M}")
    return 0


def review(args: argparse.Namespace, settings: Settings) -> int:
    record_id = devices.parse_uuid(args.record_id, ErrorCode.RECORD_NOT_FOUND)
    decision = ReviewDecision(args.decision)
    cursor = reviews.review_record(
        _engine(settings), record_id, decision, args.comment, args.reviewer
    )
    print(f"record {record_id} {decision.value} (feed {cursor})")
    return 0


def _open_bundle(path: Path) -> BinaryIO:
    """The bundle file, open for reading: it is read streaming, never whole."""
    try:
        return path.open("rb")
    except OSError as exc:
        raise ServerError(ErrorCode.BAD_ARGUMENT, f"cannot read {path}: {exc.strerror}") from None


def _write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all: a receipt cut short by a full USB stick must not look like one."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ServerError(ErrorCode.BAD_ARGUMENT, f"cannot write {path}: {exc.strerror}") from None


def import_bundle(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    with _open_bundle(path) as handle:
        try:
            imported = bundles.import_bundle(_engine(settings), handle, settings=settings)
        except OSError as exc:  # the stick failed after it opened: the file is read streaming
            raise ServerError(
                ErrorCode.BAD_ARGUMENT, f"cannot read {path}: {exc.strerror}"
            ) from None
    _write_atomically(Path(args.receipt), imported.receipt_bytes)
    r = imported.receipt
    print(f"bundle {r.bundle_id} from station {r.station_code}, device {r.device_id}")
    if imported.repeated:
        print(f"already imported at {r.imported_at.isoformat()}: its receipt, as signed then")
    print(
        f"{r.record_count} records: {r.stored} stored, {r.duplicate} duplicate, "
        f"{r.conflict} conflict, {r.rejected} rejected"
    )
    if r.blobs is not None:
        refused = [b for b in r.blobs if not b.complete]
        print(f"{len(r.blobs) - len(refused)} attachment(s) complete, {len(refused)} refused")
        for blob in refused:
            print(f"  refused {blob.sha256[:12]}: {blob.code}")
    print(f"receipt written to {args.receipt}")
    return 0


def keys_show(args: argparse.Namespace, settings: Settings) -> int:
    keys = bundles.public_keys(_engine(settings))
    print(f"box key (X25519, bundles are sealed to it): {keys.box}  id {keys.box_id}")
    print(f"signing key (Ed25519, receipts are signed by it): {keys.signing}  id {keys.signing_id}")
    return 0
