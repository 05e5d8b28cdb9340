"""`cax export`: the record list, with the same filters as the Records page, to Excel or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.cli.record_commands import filters_from_args
from desktop.storage.export import export_records
from domain.forms.catalogue import load_catalogue


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
