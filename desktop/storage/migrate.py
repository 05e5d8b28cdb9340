"""Bring a station database's schema up to date with Alembic, inside the caller's transaction.

Every unlock asks "is the schema at head?". That answer is read without Alembic: the chain of
revisions comes from the version files' own `revision` / `down_revision` lines (parsed, not
imported) and the database's revision from `alembic_version`. Alembic (~0.15 s to import, with
Mako and the PostgreSQL dialect) is loaded only when a migration really runs, so `cax` commands
and the GUI's unlock do not pay for it (bench/cli_startup_bench.py).

An upgrade runs one revision at a time and reports each step, and the rows of the steps that go
through every record, to an optional `progress` callback: the first unlock after an update can
take minutes at a million records, and the app shows a real progress bar meanwhile.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection

from desktop.core.errors import DatabaseTooNew

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
# Where a migration finds the row reporter (see `report_rows`).
ROWS_ATTRIBUTE = "cax_report_rows"


@dataclass(frozen=True)
class MigrationProgress:
    """Where an upgrade stands: step `step` of `steps` (revision `revision`), and within a step
    that walks the records, `rows_done` of `rows_total`."""

    step: int
    steps: int
    revision: str
    rows_done: int = 0
    rows_total: int = 0

    @property
    def fraction(self) -> float:
        """0.0 → 1.0 over the whole upgrade, rows counted inside their step."""
        within = self.rows_done / self.rows_total if self.rows_total else 0.0
        return min(1.0, (self.step - 1 + within) / self.steps) if self.steps else 1.0


ProgressCallback = Callable[[MigrationProgress], None]


def _assigned(tree: ast.Module, name: str) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            return value if isinstance(value, str) else None
    raise ValueError(f"no {name} in a migration file")


@cache
def revision_chain() -> tuple[str, ...]:
    """Every revision, oldest first, read from the version files without importing them."""
    parent_of: dict[str, str | None] = {}
    for path in VERSIONS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        revision = _assigned(tree, "revision")
        assert revision is not None, path
        parent_of[revision] = _assigned(tree, "down_revision")
    child_of = {parent: child for child, parent in parent_of.items()}
    # One straight line from the root: a station's history never branches.
    assert len(child_of) == len(parent_of), "migrations must form one chain"
    chain, current = [], child_of.get(None)
    while current is not None:
        chain.append(current)
        current = child_of.get(current)
    assert len(chain) == len(parent_of), "migrations must form one chain"
    return tuple(chain)


def head_revision() -> str:
    return revision_chain()[-1]


def current_revision(conn: Connection) -> str | None:
    """The database's schema revision (Alembic's `alembic_version` row), None before set-up."""
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has_table is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def pending_revisions(conn: Connection, target: str = "head") -> list[str]:
    """The revisions an upgrade to `target` would run, in order. Refuses a database newer than
    this program."""
    chain = revision_chain()
    current = current_revision(conn)
    if current is not None and current not in chain:
        raise DatabaseTooNew(revision=current)
    wanted = chain[-1] if target == "head" else target
    start = 0 if current is None else chain.index(current) + 1
    return list(chain[start : chain.index(wanted) + 1])


def upgrade(
    conn: Connection, target: str = "head", progress: ProgressCallback | None = None
) -> bool:
    """Upgrade to `target`, one revision at a time; True if anything ran."""
    steps = pending_revisions(conn, target)
    if not steps:
        return False
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    for number, revision in enumerate(steps, start=1):

        def rows(done: int, total: int, number: int = number, revision: str = revision) -> None:
            if progress is not None:
                progress(MigrationProgress(number, len(steps), revision, done, total))

        config.attributes[ROWS_ATTRIBUTE] = rows
        rows(0, 0)
        command.upgrade(config, revision)
    if progress is not None:
        progress(MigrationProgress(len(steps), len(steps), steps[-1], 1, 1))  # done
    return True


def report_rows(done: int, total: int) -> None:
    """Called by a migration that walks the records, between batches: how far it is."""
    from alembic import context

    reporter = context.config.attributes.get(ROWS_ATTRIBUTE)
    if reporter is not None:
        reporter(done, total)
