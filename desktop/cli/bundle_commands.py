"""`cax sync export-bundle FILE` and `cax sync import-receipt FILE`: sync by USB stick."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.sync import bundle


def export_bundle(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    target = Path(args.file).expanduser()
    with open_session(args, home, messages) as session:
        result = bundle.export_bundle(session, target)
    if getattr(args, "json", False):
        print_json(
            {
                "path": str(result.path) if result.path else None,
                "bundle_id": str(result.bundle_id) if result.bundle_id else None,
                "records": result.record_count,
                "size": result.size,
                "remaining": result.remaining,
                "attachments": result.attachments,
                "attachment_bytes": result.attachment_bytes,
            }
        )
        return EXIT_OK
    if result.path is None:
        print(messages.notice("bundle_nothing"))
        return EXIT_OK
    print(messages.notice("bundle_exported", count=result.record_count, path=result.path))
    if result.attachments:
        megabytes = f"{result.attachment_bytes / 1_000_000:.1f}"
        print(messages.notice("bundle_attachments", count=result.attachments, megabytes=megabytes))
    if result.remaining:
        print(messages.notice("bundle_remaining", remaining=result.remaining))
    return EXIT_OK


def import_receipt(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    source = Path(args.file).expanduser()
    with open_session(args, home, messages) as session:
        result = bundle.import_receipt(session, source)
    if getattr(args, "json", False):
        print_json({**result.__dict__, "bundle_id": str(result.bundle_id)})
        return EXIT_OK
    print(
        messages.notice(
            "receipt_imported",
            bundle=str(result.bundle_id)[:8],
            acknowledged=result.acknowledged,
            conflicts=result.conflicts,
            quarantined=result.quarantined,
        )
    )
    if result.attachments_complete or result.attachments_refused:
        print(
            messages.notice(
                "receipt_attachments",
                complete=result.attachments_complete,
                refused=result.attachments_refused,
            )
        )
    if result.unchanged:
        print(messages.notice("receipt_unchanged", unchanged=result.unchanged))
    return EXIT_OK
