"""`cax backup create|restore|check`: encrypted backups of the station and restoring them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, _password, _username, open_session, print_json
from desktop.cli.messages import Messages
from desktop.storage import backup
from domain.vietnamese import file_size


def backup_create(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    target = Path(args.file).expanduser().resolve()
    with open_session(args, home, messages) as session:
        result = backup.create_backup(session, target)
    m = result.manifest
    if getattr(args, "json", False):
        print_json({"path": str(result.path), "size": result.size, "manifest": m.__dict__})
        return EXIT_OK
    print(
        messages.notice(
            "backup_created",
            station=m.station_name,
            records=m.record_count,
            size=file_size(result.size),
            path=result.path,
        )
    )
    return EXIT_OK


def backup_check(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    m = backup.read_backup(Path(args.file).expanduser())
    if getattr(args, "json", False):
        print_json(m.__dict__)
        return EXIT_OK
    print(
        messages.notice(
            "backup_info",
            station=m.station_name,
            code=m.station_code,
            created_at=m.created_at[:16].replace("T", " ") + " UTC",
            created_by=m.created_by,
            records=m.record_count,
            version=m.app_version,
        )
    )
    return EXIT_OK


def backup_restore(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    source = Path(args.file).expanduser().resolve()
    backup.read_backup(source)  # a damaged file is refused before any password is asked
    username = _username(args)  # a supervisor *of the backup*: its passwords apply afterwards
    password = _password(args, messages, username)
    result = backup.restore_backup(
        home, source, username, password, other_station=args.other_station
    )
    m = result.manifest
    created = m.created_at[:16].replace("T", " ") + " UTC"
    print(
        messages.notice(
            "backup_restored", station=m.station_name, created_at=created, records=m.record_count
        )
    )
    if result.moved_aside is not None:
        print(messages.notice("moved_aside", path=result.moved_aside))
    print(messages.notice("login_again"))
    return EXIT_OK


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("backup", help="encrypted backups").add_subparsers(
        dest="action", required=True
    )
    create = group.add_parser("create", parents=[common], help="back up the station to FILE")
    create.add_argument("file", metavar="FILE")
    create.set_defaults(handler=backup_create)
    check = group.add_parser("check", parents=[common], help="check a backup file's contents")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(handler=backup_check)
    restore = group.add_parser(
        "restore", parents=[common], help="replace the station with FILE (close CAX Desk first)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--other-station", action="store_true", help="accept a backup of another station"
    )
    restore.set_defaults(handler=backup_restore)
