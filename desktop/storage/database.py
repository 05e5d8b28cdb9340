"""The SQLCipher database opened through SQLAlchemy with a raw 256-bit key, and its error mapping."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.pool import QueuePool

from desktop.core.errors import AppError, DatabaseCorrupt, DatabaseLocked, DiskFull
from desktop.storage.blob_files import FOLDER, BlobFiles
from desktop.storage.files import shared_mode

BUSY_TIMEOUT_MS = 15_000

# Order matters: logging off and the key before any page is read; the rest once the key is proven.
_PRAGMAS_AFTER_KEY = (
    # Off, as SQLCipher ships it: the decrypted values live in Python's objects anyway, and it
    # cost a third of every statement (docs/security.md, "What is never written").
    "PRAGMA cipher_memory_security = OFF",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    # 32 MiB of decrypted pages per connection: the search index's hot pages stay decrypted.
    "PRAGMA cache_size = -32768",
)


# Where a write transaction lists the attachment files it began (`attachments.begin_blob`): a
# rollback deletes them, since no committed row will ever name them.
NEW_FILES = "cax_new_blob_files"
_BLOB_FILES = "cax_blob_files"


def blob_files_of(conn: Connection) -> BlobFiles:
    """The attachment files of the database `conn` belongs to, under its current data key."""
    files = conn.get_execution_options().get(_BLOB_FILES)
    assert isinstance(files, BlobFiles), "a connection of Database has its files"
    return files


class NotADatabase(Exception):
    """SQLCipher could not read page 1: the key is wrong or the file's first page is damaged."""


def _key_pragma(key: bytes, verb: str = "key") -> str:
    return f"PRAGMA {verb} = \"x'{key.hex()}'\""


def translate_errors(error: BaseException) -> AppError | NotADatabase | None:
    """Map a driver or SQLAlchemy error to what it means for the user, or None if unknown."""
    original = getattr(error, "orig", None) or error
    if not isinstance(original, sqlcipher.Error):
        return None
    message = str(original).lower()
    if "file is not a database" in message:
        return NotADatabase()
    if "unable to open" in message:
        return DatabaseCorrupt(reason="missing")
    if "locked" in message or "busy" in message:
        return DatabaseLocked()
    if "database or disk is full" in message:  # SQLITE_FULL: the transaction was rolled back
        return DiskFull()
    if "malformed" in message or "corrupt" in message or "disk i/o" in message:
        return DatabaseCorrupt(reason=message)
    return None


@contextlib.contextmanager
def mapped_errors() -> Iterator[None]:
    """Re-raise storage failures as AppError (or NotADatabase) so callers never see driver errors."""
    try:
        yield
    except (exc.DBAPIError, sqlcipher.Error) as error:
        mapped = translate_errors(error)
        if mapped is None:
            raise
        raise mapped from error


class Database:
    """One open, keyed SQLCipher database file. Writers take the lock up front (BEGIN IMMEDIATE)."""

    def __init__(self, path: Path, key: bytes, *, create: bool = False) -> None:
        self.path = path
        # mode=rw: opening must never create an empty database where the real one has gone missing.
        self._uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
        if not create and path.exists() and path.stat().st_size == 0:
            # SQLCipher would happily turn an emptied file into a new database: refuse instead.
            raise DatabaseCorrupt(reason="empty")
        self._key = bytearray(key)
        # Who signs what this process writes (a `grants.Signer`): set once the user is known.
        self.signer: object | None = None
        # The sealed attachment files beside the database, under the key it holds now.
        self.blob_files = BlobFiles(path.parent / FOLDER, self._current_key)
        self.engine: Engine = create_engine(
            "sqlite://",
            module=sqlcipher,  # so SQLAlchemy wraps the driver's errors in its own classes
            creator=self._connect,
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=4,
            # The connection used last: its cache of decrypted pages is still valid, since no
            # other connection wrote after it (SQLite drops a cache another one made stale).
            pool_use_lifo=True,
            # Parameters are the records' names and ID numbers: never in an error's text (logs).
            hide_parameters=True,
            execution_options={_BLOB_FILES: self.blob_files},
        )
        event.listen(self.engine, "begin", self._on_begin)
        event.listen(self.engine, "rollback", self._on_rollback)
        with mapped_errors(), self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        if create:  # 0600, or 0660 in a shared folder; -wal and -shm copy it when SQLite makes them
            os.chmod(path, shared_mode(path.parent, 0o600))

    def _current_key(self) -> bytes:
        if not self._key:
            raise DatabaseLocked(reason="closed")
        return bytes(self._key)

    def _connect(self) -> sqlcipher.Connection:
        if not self._key:
            raise DatabaseLocked(reason="closed")
        # isolation_level=None: the driver issues no BEGIN of its own; _on_begin decides the kind.
        conn = sqlcipher.connect(self._uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(_key_pragma(bytes(self._key)))
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            for pragma in _PRAGMAS_AFTER_KEY:
                conn.execute(pragma).fetchall()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    @staticmethod
    def _on_rollback(conn: Connection) -> None:
        """Before the rollback, while the write lock is still held (after it, another writer
        could take the same blob id and its file name): delete the attachment files the
        transaction began, which no row will name. A failed commit leaves them to the sweep."""
        for begun in conn.info.pop(NEW_FILES, []):
            begun.discard()  # whole or half-written, under whichever name it has

    @contextlib.contextmanager
    def _fresh_after_damage(self) -> Iterator[None]:
        try:
            yield
        except DatabaseCorrupt:
            # SQLCipher leaves a connection that met a damaged page unusable: do not pool it.
            self.engine.dispose()
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: a consistent snapshot that never blocks writers (WAL)."""
        with (
            self._fresh_after_damage(),
            mapped_errors(),
            self.engine.connect() as conn,
            conn.begin(),
        ):
            yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction, committed on exit; it waits for other writers instead of failing."""
        with self._fresh_after_damage(), mapped_errors(), self.engine.connect() as conn:
            conn = conn.execution_options(begin="IMMEDIATE", cax_signer=self.signer)
            conn.info.pop(NEW_FILES, None)
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop(NEW_FILES, None)

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt every page under `new_key` (atomic in SQLCipher); later connections use it."""
        self.engine.dispose()
        raw = self.engine.raw_connection()
        try:
            with mapped_errors():
                driver = raw.driver_connection
                assert driver is not None  # None only once detached from the pool
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                driver.execute(_key_pragma(new_key, "rekey")).fetchall()
        finally:
            raw.invalidate()
        self._key[:] = new_key
        self.engine.dispose()

    def optimize(self) -> None:
        """Refresh the planner's statistics (SQLite's `PRAGMA optimize`) and fold the WAL back into
        the main file; outside any transaction, as both require."""
        raw = self.engine.raw_connection()
        try:
            with mapped_errors():
                driver = raw.driver_connection
                assert driver is not None  # None only once detached from the pool
                driver.execute("PRAGMA optimize=0x10002").fetchall()
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()

    def integrity_problems(self) -> list[str]:
        """Pages failing SQLCipher's HMAC check plus SQLite's own structural problems."""
        problems: list[str] = []
        with mapped_errors(), self.engine.connect() as conn:
            for (row,) in conn.execute(text("PRAGMA cipher_integrity_check")):
                problems.append(f"cipher: {row}")
            for (row,) in conn.execute(text("PRAGMA integrity_check")):
                if row != "ok":
                    problems.append(f"sqlite: {row}")
            try:
                broken_links = conn.execute(text("PRAGMA foreign_key_check")).all()
            except exc.DatabaseError:
                if not problems:
                    raise
                # The damaged pages found above stop SQLite walking the links: say so, and keep
                # the page numbers already found for the report.
                problems.append("foreign keys: not checked (damaged pages)")
                broken_links = []
            for row in broken_links:
                problems.append(f"foreign key: {tuple(row)}")
        return problems

    def close(self) -> None:
        """Close every connection and forget the key."""
        self.engine.dispose()
        for i in range(len(self._key)):
            self._key[i] = 0
        self._key = bytearray()
