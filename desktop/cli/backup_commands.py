"""`cax backup create|restore|check`: encrypted backups of the station and restoring them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.commands import EXIT_OK, _password, _username, open_session, print_json
from desktop.cli.messages import Messages
from desktop.cli.secrets_input import read_secret
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


def _current_credential(args: argparse.Namespace, messages: Messages) -> backup.Credential:
    """A supervisor of the station in the home now (--user and their password), or its recovery
    key (--recovery-key): a backup's own password is not enough to replace a station."""
    if args.recovery_key:
        key = read_secret(
            args.recovery_key_file, "CAX_RECOVERY_KEY", messages.notice("recovery_prompt")
        )
        return backup.Credential(recovery_key=key)
    username = _username(args)
    return backup.Credential(username, _password(args, messages, username))


def _backup_password(
    args: argparse.Namespace,
    messages: Messages,
    username: str,
    current: backup.Credential | None,
) -> str:
    """The password of `username` in the backup: --backup-password-file, $CAX_BACKUP_PASSWORD,
    else the one just given for the same user of the current station, else the usual sources."""
    if args.backup_password_file or os.environ.get("CAX_BACKUP_PASSWORD"):
        prompt = messages.notice("backup_password_prompt", username=username)
        return read_secret(args.backup_password_file, "CAX_BACKUP_PASSWORD", prompt)
    if current is not None and current.password and current.username == username:
        return current.password
    if current is not None:
        prompt = messages.notice("backup_password_prompt", username=username)
        return read_secret(None, "CAX_BACKUP_PASSWORD", prompt)
    return _password(args, messages, username)


def backup_restore(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    source = Path(args.file).expanduser().resolve()
    backup.read_backup(source)  # a damaged file is refused before any password is asked
    current = None
    if backup.needs_current_credential(home):
        current = _current_credential(args, messages)
    username = args.backup_user or _username(args)  # a supervisor *of the backup*
    password = _backup_password(args, messages, username, current)
    prepared = backup.prepare_restore(
        home, source, username, password, other_station=args.other_station, current=current
    )
    if prepared.revived_users:
        print(messages.notice("revived_users", users=", ".join(prepared.revived_users)))
    result = backup.apply_restore(prepared)
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
    if result.revived_users:
        print(messages.notice("remove_revived", users=", ".join(result.revived_users)))
    if result.moved_aside is not None:
        print(messages.notice("rekey_after_restore"))
    return EXIT_OK
