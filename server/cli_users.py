"""`cax-server user ...`: the centre accounts of the web console (add, list, passwd, disable)."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from protocol.errors import ErrorCode
from server.core import migrate
from server.core.config import Settings
from server.core.db import make_engine
from server.errors import ServerError
from server.services import console_users

# server/cli.py's `_add` (which imports this module): (subparsers, name, handler, help) → parser.
AddCommand = Callable[
    [argparse._SubParsersAction, str, Callable[[argparse.Namespace, Settings], int], str],
    argparse.ArgumentParser,
]

PASSWORD_ENV = "CAX_CONSOLE_PASSWORD"


def _actor() -> str:
    """Who ran the command, as the console audit log names them: `cli:<system user>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return "cli"


def _engine(settings: Settings) -> Engine:
    engine = make_engine(settings)
    migrate.require_current(engine)
    return engine


def _password(args: argparse.Namespace) -> str:
    """From --password-file (first line), else $CAX_CONSOLE_PASSWORD, else typed twice."""
    if args.password_file:
        try:
            text = Path(args.password_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ServerError(
                ErrorCode.BAD_ARGUMENT, f"cannot read {args.password_file}: {exc}"
            ) from None
        lines = text.splitlines()
        password = lines[0] if lines else ""
    elif os.environ.get(PASSWORD_ENV):
        password = os.environ[PASSWORD_ENV]
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise ServerError(ErrorCode.BAD_ARGUMENT, "the two passwords differ; nothing changed")
    if not password:
        raise ServerError(ErrorCode.WEAK_PASSWORD, "the password is empty")
    return password


def user_add(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    password = _password(args)
    row = console_users.add_user(
        engine, args.name, args.role, args.scope, password, full_name=args.full_name, actor=_actor()
    )
    print(f"user {row.name} added: {row.role}, scope {row.scope_text}")
    if row.needs_totp:
        print("two-step verification (TOTP) is set up at the first sign-in on /console/login")
    return 0


def user_list(args: argparse.Namespace, settings: Settings) -> int:
    rows = console_users.list_users(_engine(settings))
    if not rows:
        print("no console users (add one with `cax-server user add`)")
        return 0
    header = ("name", "role", "scope", "totp", "status", "created", "full name")
    table = [
        (
            r.name,
            r.role,
            r.scope_text,
            "yes" if r.totp_enrolled else "no",
            f"disabled {r.disabled_at:%Y-%m-%d}" if r.disabled_at else "active",
            f"{r.created_at:%Y-%m-%d}",
            r.full_name,
        )
        for r in rows
    ]
    widths = [max(len(str(row[i])) for row in (header, *table)) for i in range(len(header) - 1)]
    for row in (header, *table):
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    return 0


def user_passwd(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    with engine.connect() as conn:
        console_users.get_user(conn, args.name.strip().lower())  # before asking for a password
    console_users.set_password(engine, args.name, _password(args), actor=_actor())
    print(f"password of {args.name.strip().lower()} changed; its open sessions ended")
    return 0


def user_disable(args: argparse.Namespace, settings: Settings) -> int:
    console_users.disable_user(_engine(settings), args.name, actor=_actor())
    print(f"user {args.name.strip().lower()} disabled; its open sessions ended")
    return 0


def register(top: argparse._SubParsersAction, add: AddCommand) -> None:
    """The `user` command group, added by server/cli.py with its own `_add`."""
    user = top.add_parser("user", help="console users (centre accounts)").add_subparsers(
        dest="user_cmd", required=True
    )
    created = add(user, "add", user_add, "add a console user")
    created.add_argument("name")
    created.add_argument("--role", required=True, choices=console_users.ROLES)
    created.add_argument(
        "--scope", required=True, help="all, province:CODE or station:CODE (e.g. province:01)"
    )
    created.add_argument("--full-name", default="")
    created.add_argument("--password-file", help=f"first line is the password (or ${PASSWORD_ENV})")
    add(user, "list", user_list, "list console users")
    passwd = add(user, "passwd", user_passwd, "set a console user's password")
    passwd.add_argument("name")
    passwd.add_argument("--password-file", help=f"first line is the password (or ${PASSWORD_ENV})")
    disable = add(user, "disable", user_disable, "stop a console user from signing in")
    disable.add_argument("name")
