"""The SQLAlchemy engine: PostgreSQL when configured, else the embedded SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from protocol.errors import ErrorCode
from server.core.config import Settings
from server.errors import ServerError


def _json_serializer(value: Any) -> str:
    # Compact and non-ASCII as is: half the bytes of the default for Vietnamese text.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers run beside the one writer; busy_timeout makes concurrent writers wait.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Let SQLAlchemy's "begin" event open transactions itself (see _sqlite_begin).
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
    # fails at once with SQLITE_BUSY when another worker wrote in between, busy_timeout or not.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(settings: Settings) -> Engine:
    """An engine for `settings.url`; a bad URL is a BAD_ARGUMENT, not a traceback."""
    try:
        url = make_url(settings.url)
    except ArgumentError:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "CAX_SERVER_DB is not a database URL") from None
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            json_serializer=_json_serializer,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.get_backend_name() != "postgresql":
        raise ServerError(ErrorCode.BAD_ARGUMENT, "only PostgreSQL and SQLite are supported")
    return create_engine(
        url,
        json_serializer=_json_serializer,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        # A statement's parameters are records' names and ID numbers: never in an error's text.
        hide_parameters=True,
    )
