"""`cax record attach|attachments|detach|extract`: a record's files from a terminal."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.attachments import Attachment
from domain.forms.catalogue import load_catalogue


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def _day(stamp: str | None) -> str:
    """dd/mm/yyyy of an ISO time (the station writes its own local time)."""
    return "/".join(reversed(stamp[:10].split("-"))) if stamp else ""


def print_rows(rows: list[Attachment], args: argparse.Namespace) -> None:
    if getattr(args, "json", False):
        print_json([asdict(a) for a in rows])
        return
    for a in rows:
        removed = (
            f"  -r{a.removed_revision} {a.removed_by}: {a.removed_reason}" if a.removed_at else ""
        )
        print(
            f"{a.name}  {_size(a.size)}  {a.media_type}  {a.short_hash}  r{a.added_revision}  "
            f"{a.added_by}  {_day(a.added_at)}{removed}"
        )


def record_attach(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        service = AttachmentService(session, load_catalogue())
        added = service.attach(args.record, [Path(f) for f in args.files], args.field)
    print_rows(added, args)
    return EXIT_OK


def record_attachments(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        rows = AttachmentService(session).list(args.record, with_removed=args.all)
    print_rows(rows, args)
    return EXIT_OK


def record_detach(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        revision = AttachmentService(session).detach(args.record, args.name, args.reason)
    print(revision)
    return EXIT_OK


def record_extract(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        attachment = AttachmentService(session).extract(args.record, args.name, Path(args.out))
    print_rows([attachment], args)
    return EXIT_OK
