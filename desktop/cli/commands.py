"""The `cax` commands: each unlocks what it needs, does one thing, and prints the outcome."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from desktop.cli.messages import Messages
from desktop.cli.secrets_input import read_secret
from desktop.core.errors import AppError, StationExists
from desktop.core.permissions import Permission, Role
from desktop.storage import accounts, audit, maintenance
from desktop.storage.station import Station, StationSession

EXIT_OK, EXIT_FAILED = 0, 1


class UserRequired(AppError):
    code = "USER_REQUIRED"


def _username(args: argparse.Namespace) -> str:
    username = getattr(args, "user", None) or os.environ.get("CAX_USER", "")
    if not username:
        raise UserRequired()
    return username


def _password(args: argparse.Namespace, messages: Messages, username: str) -> str:
    return read_secret(
        getattr(args, "password_file", None),
        "CAX_PASSWORD",
        messages.notice("password_prompt", username=username),
    )


def _new_password(args: argparse.Namespace, messages: Messages, username: str) -> str:
    return read_secret(
        getattr(args, "new_password_file", None),
        "CAX_NEW_PASSWORD",
        messages.notice("new_password_prompt", username=username),
        confirm_prompt=messages.notice("repeat_prompt"),
    )


@contextlib.contextmanager
def open_session(
    args: argparse.Namespace, home: Path, messages: Messages
) -> Iterator[StationSession]:
    station = Station(home)
    station.load_slots()  # "no station here" before asking for a password
    username = _username(args)
    session = station.unlock(username, _password(args, messages, username))
    try:
        yield session
    finally:
        session.close()


def print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def init(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    if Station(home).exists():
        raise StationExists(home=str(home))  # before asking for a password
    password = read_secret(
        getattr(args, "password_file", None),
        "CAX_PASSWORD",
        messages.notice("new_password_prompt", username=args.supervisor),
        confirm_prompt=messages.notice("repeat_prompt"),
    )
    session, recovery_key = Station.create(
        home,
        code=args.station_code,
        name=args.station_name,
        supervisor=args.supervisor,
        password=password,
        full_name=args.full_name,
    )
    session.close()
    print(messages.notice("station_created", code=args.station_code, name=args.station_name))
    print()
    print(messages.notice("recovery_key"))
    print(f"    {recovery_key}")
    return EXIT_OK


def user_add(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        session.require(Permission.MANAGE_USERS)
        password = _new_password(args, messages, args.username)
        accounts.add_user(session, args.username, Role(args.role), password, args.full_name)
    print(messages.notice("user_added", username=args.username, role=args.role))
    return EXIT_OK


def user_list(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        users = accounts.list_users(session, include_removed=args.all)
    if getattr(args, "json", False):
        print_json([asdict(user) for user in users])
        return EXIT_OK
    for user in users:
        print(f"{user.username:<20} {user.role:<11} {user.status:<8} {user.full_name}")
    return EXIT_OK


def user_passwd(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        target = args.username or session.user.username
        password = _new_password(args, messages, target)
        accounts.change_password(session, password, args.username)
    print(messages.notice("password_changed", username=target))
    return EXIT_OK


def user_remove(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        accounts.remove_user(session, args.username, args.reason)
    print(messages.notice("user_removed", username=args.username))
    return EXIT_OK


def unlock_with_recovery_key(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    station = Station(home)
    station.load_slots()
    username = _username(args)
    recovery_key = read_secret(
        args.recovery_key_file, "CAX_RECOVERY_KEY", messages.notice("recovery_prompt")
    )
    password = _new_password(args, messages, username)
    station.reset_password_with_recovery_key(recovery_key, username, password).close()
    print(messages.notice("password_reset_done", username=username))
    return EXIT_OK


def audit_verify(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        report = maintenance.verify_audit(session)
    _print_audit_report(report, messages)
    return EXIT_OK if report.ok else EXIT_FAILED


def _print_audit_report(report: maintenance.AuditReport, messages: Messages) -> None:
    if report.first_break is None:
        print(messages.notice("audit_ok", count=report.entries_checked))
    else:
        print(
            messages.notice(
                "audit_broken",
                seq=report.first_break.seq,
                kind=messages.kind(report.first_break.kind),
                count=report.entries_checked,
                code=report.code,
            )
        )


def audit_list(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        session.require(Permission.VIEW_AUDIT)
        with session.db.read() as conn:
            entries = audit.entries(conn, limit=args.limit, action=args.audit_action)
    if getattr(args, "json", False):
        print_json([asdict(entry) for entry in entries])
        return EXIT_OK
    for e in entries:
        details = json.dumps(e.details, ensure_ascii=False) if e.details else ""
        print(f"{e.seq:>6}  {e.at[:19]}  {e.actor:<12} {e.action:<26} {e.target:<16} {details}")
    return EXIT_OK


def db_check(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        report = maintenance.check_database(session)
    for problem in report.database_problems:
        print(messages.notice("db_problem", problem=problem))
    if not report.database_problems:
        print(messages.notice("db_ok"))
    if report.keyfile_problem:
        print(messages.notice("keyfile_problem", problem=report.keyfile_problem))
    for label in report.orphan_slots:
        print(messages.notice("orphan_slot", label=label))
    for name in report.orphan_files:
        print(messages.notice("orphan_file", name=name))
    if report.audit:
        _print_audit_report(report.audit, messages)
    return EXIT_OK if report.ok else EXIT_FAILED


def db_rekey(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        result = maintenance.rotate_data_key(
            session, new_recovery_key=getattr(args, "new_recovery_key", False)
        )
    print(messages.notice("key_rotated", slots=result.slots))
    if result.dropped:
        print(messages.notice("slots_dropped", labels=", ".join(result.dropped)))
    if result.recovery_key:
        print()
        print(messages.notice("new_recovery_key"))
        print(f"    {result.recovery_key}")
    return EXIT_OK
