"""`cax export`: the record list, with the same filters as the Records page, to Excel or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.cli.record_commands import filters_from_args
from desktop.storage.export import FORMATS, export_records
from domain.forms.catalogue import load_catalogue
from domain.records import RecordStatus


def export(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    # A bad date is refused before the password is asked.
    filters = filters_from_args(args, (args.search or "").strip())
    target = Path(args.out).expanduser().resolve()
    with open_session(args, home, messages) as session:
        result = export_records(
            session,
            load_catalogue(),
            filters,
            target,
            args.format,
            include_sensitive=args.include_sensitive,
            lang="en" if messages.index == 1 else "vi",
        )
    if getattr(args, "json", False):
        print_json({"path": str(result.path), "format": result.format, "count": result.count})
    else:
        print(messages.notice("exported", count=result.count, path=result.path, format=args.format))
    return EXIT_OK


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser("export", parents=[common], help="records to Excel or CSV (supervisors)")
    cmd.add_argument("--format", choices=FORMATS, required=True)
    cmd.add_argument("--out", required=True, metavar="FILE")
    cmd.add_argument("--form", dest="filter_form", default=None)
    cmd.add_argument("--status", choices=[str(status) for status in RecordStatus])
    cmd.add_argument("--author", default=None)
    cmd.add_argument("--commune", default=None, help="5-digit commune code")
    cmd.add_argument("--from", dest="date_from", default=None, help="event date, dd/mm/yyyy")
    cmd.add_argument("--to", dest="date_to", default=None, help="event date, dd/mm/yyyy")
    cmd.add_argument("--search", default=None, metavar="TEXT", help="as the search box")
    cmd.add_argument(
        "--include-sensitive",
        action="store_true",
        help="also export sensitive personal data (needs the permission to see it)",
    )
    cmd.set_defaults(handler=export)
