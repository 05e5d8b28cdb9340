"""Bring a station database's schema up to date with Alembic, inside the caller's transaction."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from desktop.core.errors import DatabaseTooNew

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

# Alembic is imported where it is used: it costs ~0.25 s, which `cax --version`, a refused
# password and the GUI's way to its login window need not pay.

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> bool:
    """Upgrade to `target`; True if anything ran. Refuses a database newer than this program."""
    current = current_revision(conn)
    known = {rev.revision for rev in _script().walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(revision=current)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return False
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, target)
    return True
