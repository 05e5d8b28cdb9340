"""Bring the server database's schema up to date with Alembic, and say where it stands."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from protocol.errors import ErrorCode
from server.errors import ServerError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Upgrade to `target` (a revision id; default the newest) in one transaction; True if
    anything ran. Refuses a newer database."""
    with engine.begin() as conn:
        current = current_revision(conn)
        known = {rev.revision for rev in _script().walk_revisions()}
        if current is not None and current not in known:
            raise ServerError(ErrorCode.DATABASE_TOO_NEW, f"schema {current} is newer than this")
        if current == head_revision():
            return False
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return True


def require_current(engine: Engine) -> None:
    """Refuse to serve a database whose schema is not exactly this program's."""
    with engine.connect() as conn:
        current = current_revision(conn)
    if current != head_revision():
        raise ServerError(
            ErrorCode.DATABASE_NOT_UPGRADED,
            f"schema is {current or 'empty'}, expected {head_revision()}: run `cax-server db upgrade`",
        )
