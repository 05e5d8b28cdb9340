"""Backups of a station: one file holding the still-encrypted database and the key slots, made
while the app runs and verified after writing; and restoring one without ever losing current data.

A backup is a zip: `manifest.json` (station, time, version, schema, SHA-256 of each member),
`station.db` (a SQLCipher copy under the same data key — never plaintext), `station.keys`
(so the backup opens with the passwords it was made with) and `files/…`, the attachments' sealed
files as they are (still encrypted, `blob_files`). The copy is SQLite's online backup taken
inside one read transaction, which is a consistent snapshot however much others write; the
key-slot file is read while the write lock is held, so it matches that snapshot, and the files
are those of the blobs committed in that snapshot (a committed file never changes; only a key
rotation replaces them, and it holds the write lock while it writes). A backup made before
attachment files existed has no `files/` members and restores all the same.

A folder that cannot be written (read-only USB stick, full disk, no permission) is said as
FILE_UNWRITABLE naming the file or folder, and leaves no partial file or staging folder behind.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import text

from desktop import paths
from desktop.core import credentials
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    AppError,
    BackupDamaged,
    BackupOtherStation,
    CurrentLoginRequired,
    DatabaseCorrupt,
    DiskFull,
    FileUnwritable,
    InvalidInput,
    PermissionDenied,
    RoleTampered,
    UnknownUser,
    UserRemoved,
)
from desktop.core.permissions import Permission, Role
from desktop.core.station_time import station_now
from desktop.storage import attachments, audit, blob_files, files, grants, settings
from desktop.storage.database import Database, NotADatabase, _key_pragma
from desktop.storage.keyslots import RECOVERY_LABEL, KeySlotFile
from desktop.storage.station import THROTTLE_MARKER, Station, StationSession
from desktop.version import __version__

FORMAT = "cax-backup/1"
MANIFEST = "manifest.json"
SUFFIX = ".caxbackup"
_DB, _KEYS = paths.DATABASE_FILE, paths.KEYSLOT_FILE
_CHUNK = 1 << 20
# What a station folder holds that a restore replaces (logs and preferences stay).
_STATION_FILES = (_DB, f"{_DB}-wal", f"{_DB}-shm", _KEYS, paths.ATTEMPTS_FILE, blob_files.FOLDER)
_FILES_PREFIX = f"{blob_files.FOLDER}/"
_STAGING = ".{home}.restore-"  # prefix of the folder a backup is unpacked to, beside the home


@dataclass(frozen=True)
class BackupManifest:
    format: str
    station_id: str
    station_code: str
    station_name: str
    created_at: str  # ISO, UTC
    created_by: str
    app_version: str
    schema_revision: str
    record_count: int
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → sha256, size


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: BackupManifest
    size: int


@dataclass(frozen=True)
class Credential:
    """Who allows a restore over the station in the home now: a supervisor's user name and
    password there, or (`recovery_key`) its recovery key."""

    username: str = ""
    password: str = field(default="", repr=False)
    recovery_key: str = field(default="", repr=False)


@dataclass(frozen=True)
class PreparedRestore:
    """A backup unpacked and fully checked beside the home; `apply_restore` puts it in place."""

    home: Path
    staging: Path
    source: Path
    manifest: BackupManifest
    # Active in the backup, removed from the station since: they could log in again. Empty when
    # the home held no station (or one whose users could not be read).
    revived_users: tuple[str, ...] = ()
    authorised_by: str | None = None  # a supervisor of the current station, @recovery, or None


@dataclass(frozen=True)
class RestoreResult:
    home: Path
    manifest: BackupManifest
    moved_aside: Path | None  # where the data that was there before now is
    revived_users: tuple[str, ...] = ()  # see PreparedRestore: remove them again, then rekey


# ---- creating ----------------------------------------------------------------------------------


def create_backup(
    session: StationSession, target: Path, *, clock: Callable[[], str] = audit.utc_now
) -> BackupResult:
    """Write a verified backup of the open station to `target` (replaced only once verified)."""
    session.require(Permission.BACKUP_STATION)
    target = Path(target)
    if not target.parent.is_dir():
        raise InvalidInput(field="file", reason="folder_missing", value=str(target.parent))
    with _unwritable_as(target), tempfile.TemporaryDirectory(prefix="cax-backup-") as work:
        db_copy = Path(work) / _DB
        keys, facts, sealed = _snapshot(session, db_copy)
        members = {_DB: _file_digest(db_copy), _KEYS: _bytes_digest(keys)}
        manifest = BackupManifest(
            format=FORMAT,
            created_at=clock(),
            created_by=session.user.username,
            app_version=__version__,
            members=members,
            **facts,
        )
        _write_verified(
            target, manifest, keys, db_copy, sealed, session.data_key, _damaged_here(session)
        )
    with session.db.write() as conn:
        details = {
            "file": target.name,
            "records": manifest.record_count,
            "size": target.stat().st_size,
        }
        audit.append(conn, session.user.username, AuditAction.BACKUP_CREATED, target.name, details)
        settings.record_backup_time(conn, manifest.created_at, session.user.username)
    return BackupResult(target, manifest, target.stat().st_size)


def _write_verified(
    target: Path,
    manifest: BackupManifest,
    keys: bytes,
    db_copy: Path,
    sealed: list[Path],
    key: bytes,
    damaged_here: Callable[[list[str]], set[str]],
) -> None:
    """Zip the backup beside `target`, read it back, and only then rename it into place. The
    attachment files are copied straight from the station folder, hashed as they go; the
    manifest, which lists them, is written last."""
    with files.replaced_atomically(target, mode=None) as temp:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            archive.writestr(_KEYS, keys, zipfile.ZIP_DEFLATED)
            # Encrypted pages and sealed files do not compress: stored as they are.
            archive.write(db_copy, _DB, zipfile.ZIP_STORED)
            for path in sealed:
                name = _FILES_PREFIX + path.name
                manifest.members[name] = _copy_member(path, archive, name)
            archive.writestr(MANIFEST, json.dumps(asdict(manifest), indent=1), zipfile.ZIP_DEFLATED)
        _verify_file(temp, key, damaged_here)


def _damaged_here(session: StationSession) -> Callable[[list[str]], set[str]]:
    """Which of these blobs (by hash) the station itself holds damaged: the backup copies those
    files as they are, so its check of them fails as the station's own `db check` does."""

    def damaged(hashes: list[str]) -> set[str]:
        with session.db.read() as conn:
            ids = {attachments.blob_id_of(conn, sha) for sha in hashes}
            return set(attachments.corrupt_blobs(conn, only={i for i in ids if i is not None}))

    return damaged


def _copy_member(path: Path, archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as sink:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            sink.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


@contextlib.contextmanager
def _unwritable_as(path: Path) -> Iterator[None]:
    """A file-system failure as DISK_FULL (the disk or stick is full, also when SQLite copying the
    database finds it so) or FILE_UNWRITABLE (no permission, a read-only stick)."""
    try:
        yield
    except OSError as exc:
        raise _file_error(path, exc) from exc
    except sqlcipher.Error as exc:
        if "database or disk is full" not in str(exc).lower():
            raise
        raise DiskFull(path=str(path)) from exc


def _file_error(path: Path, exc: OSError) -> AppError:
    if exc.errno == errno.ENOSPC:
        return DiskFull(path=str(path))
    return FileUnwritable(path=str(path), reason=exc.strerror or str(exc))


def _snapshot(session: StationSession, db_copy: Path) -> tuple[bytes, dict[str, Any], list[Path]]:
    """Copy the database to `db_copy` (same key) and read the key slots that go with it; the
    attachment files of the blobs in that copy (one missing from the station is left out: the
    copy then lacks it as the station does, and `db check` reports it in both)."""
    raw = session.db.engine.raw_connection()
    driver = raw.driver_connection
    assert driver is not None  # None only once detached from the pool
    try:
        # Holding the write lock, nobody can change users (and so the key slots) between reading
        # the slot file and starting the snapshot; the lock is let go before the copy runs.
        with session.db.write():
            keys = session.station.keys_path.read_bytes()
            driver.execute("BEGIN")
            station_id, code, name = driver.execute("SELECT id, code, name FROM station").fetchone()
            (count,) = driver.execute("SELECT count(*) FROM records").fetchone()
            (revision,) = driver.execute("SELECT version_num FROM alembic_version").fetchone()
            blob_ids = [
                row[0]
                for row in driver.execute(
                    "SELECT id FROM blobs WHERE sha256 IS NOT NULL AND id NOT IN "
                    "(SELECT blob_id FROM blob_chunks)"
                )
            ]
        target = _open_raw(db_copy, session.data_key)
        try:
            driver.backup(target)  # one step, inside the read transaction: its snapshot
            target.execute("PRAGMA journal_mode = DELETE").fetchall()  # one self-contained file
        finally:
            target.close()
    finally:
        with contextlib.suppress(sqlcipher.Error):
            driver.execute("ROLLBACK")
        raw.close()
    facts = dict(
        station_id=station_id,
        station_code=code,
        station_name=name,
        schema_revision=revision,
        record_count=count,
    )
    sealed = [session.db.blob_files.path(blob_id) for blob_id in blob_ids]
    return keys, facts, [path for path in sealed if path.exists()]


def _open_raw(path: Path, key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_key_pragma(key))
    return conn


def _verify_file(
    path: Path, key: bytes, damaged_here: Callable[[list[str]], set[str]]
) -> BackupManifest:
    """Re-read a written backup: checksums, then the copy opens under `key` and passes SQLCipher's
    and SQLite's integrity checks, every attachment file in it opens and holds its blob's bytes
    (but those the station itself holds damaged), and the key slots were written by a holder of
    that key."""
    manifest = read_backup(path)
    with tempfile.TemporaryDirectory(prefix="cax-verify-") as work:
        _check_database(Path(work), path, key, manifest, damaged_here)
        slots = KeySlotFile.load(Path(work) / _KEYS)
        slots.verify_mac(key, Path(work) / _KEYS)
    return manifest


def _check_database(
    work: Path,
    source: Path,
    key: bytes,
    manifest: BackupManifest,
    damaged_here: Callable[[list[str]], set[str]],
) -> None:
    _extract(source, work)
    try:
        db = Database(work / _DB, key)
    except (NotADatabase, DatabaseCorrupt) as exc:
        raise BackupDamaged(reason="database") from exc
    try:
        problems = db.integrity_problems()
        with db.read() as conn:
            stored = conn.execute(text("SELECT id FROM station")).scalar()
            damaged = attachments.corrupt_blobs(conn, only=_carried_blobs(manifest))
    except DatabaseCorrupt as exc:  # a page so damaged that the checks themselves fail
        raise BackupDamaged(reason="database") from exc
    finally:
        db.close()
    if problems or stored != manifest.station_id:
        raise BackupDamaged(reason="database", problems=problems[:5])
    if damaged and set(damaged) - damaged_here(damaged):
        raise BackupDamaged(reason="attachments", problems=damaged[:5])


def _carried_blobs(manifest: BackupManifest) -> set[int]:
    """The blob ids whose sealed file the backup carries: each must open and match its hash."""
    carried = set()
    for name in manifest.members:
        match = blob_files.NAME.match(name.removeprefix(_FILES_PREFIX))
        if name.startswith(_FILES_PREFIX) and match:
            carried.add(int(match.group(1)))
    return carried


# ---- reading -----------------------------------------------------------------------------------


def read_backup(path: Path) -> BackupManifest:
    """The manifest of a backup file whose members are all present and match their checksums.

    Needs no password. A truncated, altered or foreign file raises BackupDamaged with a reason.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive)
            for name, expected in manifest.members.items():
                digest = hashlib.sha256()
                size = 0
                with archive.open(name) as member:
                    while chunk := member.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
                    raise BackupDamaged(reason="checksum", member=name)
    except FileNotFoundError:
        raise InvalidInput(field="file", reason="missing", value=str(path)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise BackupDamaged(reason="unreadable") from exc
    return manifest


def _manifest(archive: zipfile.ZipFile) -> BackupManifest:
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
        manifest = BackupManifest(**data)
    except KeyError as exc:
        raise BackupDamaged(reason="not_a_backup") from exc
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise BackupDamaged(reason="manifest") from exc
    if manifest.format != FORMAT:
        raise BackupDamaged(reason="manifest", format=str(manifest.format))
    if not {_DB, _KEYS} <= set(manifest.members):
        raise BackupDamaged(reason="missing_member")
    for name in set(manifest.members) - {_DB, _KEYS}:  # only attachment files, by their names
        if not (
            name.startswith(_FILES_PREFIX)
            and blob_files.NAME.match(name.removeprefix(_FILES_PREFIX))
        ):
            raise BackupDamaged(reason="manifest", member=name[:80])
    return manifest


def _extract(path: Path, folder: Path) -> None:
    """The database, the key slots and the attachment files (into `files/`) the manifest lists:
    `_manifest` allowed no other name, so nothing lands outside `folder`."""
    with zipfile.ZipFile(path) as archive:
        names = list(_manifest(archive).members)
        if any(name.startswith(_FILES_PREFIX) for name in names):
            (folder / blob_files.FOLDER).mkdir(mode=0o700, exist_ok=True)
        for name in names:
            with archive.open(name) as source, (folder / name).open("wb") as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
            os.chmod(folder / name, 0o600)


# ---- restoring ---------------------------------------------------------------------------------


def station_id_of(home: Path) -> str | None:
    """The id of the station in `home`, or None when there is none or its key file is unreadable
    (a damaged station is what restores are for; its files are moved aside all the same)."""
    try:
        return KeySlotFile.load(home / _KEYS).station_id
    except (FileNotFoundError, AppError):
        return None


def needs_current_credential(home: Path) -> bool:
    """Whether a restore into `home` replaces a station whose key file can be read (and so must
    be allowed by one of its supervisors or its recovery key)."""
    return station_id_of(home) is not None


def _authorise(home: Path, current: Credential) -> tuple[str, dict[str, str] | None]:
    """Check `current` against the station in `home`, changing nothing there but the failed-login
    counters: (who allowed it, {user name: status} of its users or None when unreadable).

    A supervisor's password must open their slot and the database must say they are an active
    supervisor. The recovery key only needs to open its slot: it is what is left when the
    database itself is damaged, which is when restores are needed most.
    """
    station = Station(home)
    slots = station.load_slots()
    if current.recovery_key:
        who = RECOVERY_LABEL
        candidates = station.check_recovery_key(slots, current.recovery_key)
    else:
        try:
            who = credentials.normalize_username(current.username)
        except InvalidInput:
            raise UnknownUser(username=current.username) from None
        candidates = station.check_password(slots, who, current.password)
    try:
        session = station._open(slots, candidates)
    except DatabaseCorrupt:
        if who == RECOVERY_LABEL:
            return who, None
        raise
    try:
        with session.db.read() as conn:
            rows = conn.execute(text("SELECT username, role, status FROM users")).all()
    finally:
        session.close()
    users = {row.username: row.status for row in rows}
    if who != RECOVERY_LABEL:
        role = {row.username: row.role for row in rows}.get(who)
        if users.get(who) != "active":
            raise (UnknownUser if who not in users else UserRemoved)(username=who)
        _require_signed_role(slots, who, role)
        if role != Role.SUPERVISOR:
            raise PermissionDenied(role=str(role), permission="restore_backup")
    return who, users


def _require_signed_role(slots: KeySlotFile, username: str, role: str | None) -> None:
    """The database's role must be the one the station's root key signed: an officer who made
    themselves supervisor in the database does not get to restore (ROLE_TAMPERED)."""
    roster = grants.load_roster(slots)
    if roster is not None and grants.verified_grant(slots, roster, username).role != role:
        raise RoleTampered(username=username, reason="database_role")


def prepare_restore(
    home: Path,
    source: Path,
    username: str,
    password: str,
    *,
    other_station: bool = False,
    current: Credential | None = None,
) -> PreparedRestore:
    """Check a backup fully before anything in `home` is touched.

    When `home` holds a station, `current` must be a supervisor's password of *that* station or
    its recovery key (CURRENT_LOGIN_REQUIRED without): otherwise anyone who once was a supervisor
    — or kept an old backup and its password — could put the station back as it was before they
    were removed. The backup is then unpacked beside `home` and unlocked with a supervisor's
    password *from the backup* (the passwords that will apply after the restore), its integrity
    checked, the backup's users compared with the current ones and the restore audited inside
    it. `home` itself is only read (and its failed-login counters kept).
    """
    manifest = read_backup(source)
    current_id = station_id_of(home)
    if current_id is not None and current_id != manifest.station_id and not other_station:
        raise BackupOtherStation(
            backup_station=manifest.station_name, backup_id=manifest.station_id, station=current_id
        )
    authorised_by, current_users = None, None
    if current_id is not None:
        if current is None:
            raise CurrentLoginRequired(station=current_id)
        authorised_by, current_users = _authorise(home, current)
    with _unwritable_as(home.parent):
        home.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(home)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING.format(home=home.name), dir=home.parent))
    try:
        with _unwritable_as(staging):
            _extract(source, staging)
        try:
            session = Station(staging, unpacked=True).unlock(username, password)
        except DatabaseCorrupt as exc:
            raise BackupDamaged(reason="database") from exc
        try:
            session.require(Permission.BACKUP_STATION)
            _check_session(session, manifest)
            with session.db.read() as conn:
                active = conn.execute(
                    text("SELECT username FROM users WHERE status = 'active'")
                ).scalars()
                revived = tuple(
                    sorted(u for u in active if (current_users or {}).get(u) == "removed")
                )
            details = {
                "file": source.name,
                "created_at": manifest.created_at,
                "created_by": manifest.created_by,
                "records": manifest.record_count,
                "replaced_station": current_id,
                "authorised_by": authorised_by,
                "revived_users": list(revived),
            }
            with session.db.write() as conn:
                audit.append(conn, username, AuditAction.BACKUP_RESTORED, source.name, details)
                settings.record_backup_time(conn, manifest.created_at, username)
                # The restored station starts a new failed-login file: no "reset" to report.
                conn.execute(text("DELETE FROM settings WHERE key = :k"), dict(k=THROTTLE_MARKER))
        finally:
            session.close()
        with contextlib.suppress(FileNotFoundError):
            (staging / paths.ATTEMPTS_FILE).unlink()  # counters of the staging unlock only
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PreparedRestore(home, staging, source, manifest, revived, authorised_by)


def remove_stale_staging(home: Path) -> None:
    """Remove what earlier restores of `home` left unpacked beside it.

    A staging folder lives only between `prepare_restore` and `apply_restore` (or
    `discard_restore`) in one program. One still there when a new restore starts was orphaned — the
    program was locked, closed or killed in between — and is a full copy of the station's data
    (still encrypted), so it must not linger on the disk.
    """
    for stale in home.parent.glob(_STAGING.format(home=glob.escape(home.name)) + "*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _check_session(session: StationSession, manifest: BackupManifest) -> None:
    """The unlocked copy is the station the manifest names, and every page of it is sound."""
    try:
        if session.info().id != manifest.station_id:
            raise BackupDamaged(reason="manifest")
        problems = session.db.integrity_problems()
    except DatabaseCorrupt as exc:
        raise BackupDamaged(reason="database") from exc
    if problems:
        raise BackupDamaged(reason="database", problems=problems[:5])


def apply_restore(prepared: PreparedRestore, *, now: datetime | None = None) -> RestoreResult:
    """Move the station files now in the home into a dated folder inside it, then put the
    prepared backup in their place. Close every session on this home first."""
    home = prepared.home
    aside: Path | None = None
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        present = [home / name for name in _STATION_FILES if (home / name).exists()]
        if present:
            aside = _aside_folder(home, now or station_now())
            for path in present:
                shutil.move(path, aside / path.name)
                moved.append((aside / path.name, path))
        for name in os.listdir(prepared.staging):
            shutil.move(prepared.staging / name, home / name)
            placed.append(home / name)
    except BaseException as exc:
        for path in placed:  # put everything back as it was
            with contextlib.suppress(OSError):
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        for now_at, was_at in moved:
            shutil.move(now_at, was_at)
        if aside is not None:
            with contextlib.suppress(OSError):
                aside.rmdir()  # empty again: every file went back
        # Part of the staging copy is gone with `placed`: a new restore starts from the file.
        shutil.rmtree(prepared.staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _file_error(home, exc) from exc
        raise
    shutil.rmtree(prepared.staging, ignore_errors=True)
    return RestoreResult(home, prepared.manifest, aside, prepared.revived_users)


def discard_restore(prepared: PreparedRestore) -> None:
    """Forget a prepared restore (the user cancelled): remove its staging folder."""
    shutil.rmtree(prepared.staging, ignore_errors=True)


def restore_backup(
    home: Path,
    source: Path,
    username: str,
    password: str,
    *,
    other_station: bool = False,
    current: Credential | None = None,
) -> RestoreResult:
    """Check `source` fully, then replace the station in `home` with it (current data kept)."""
    prepared = prepare_restore(
        home, source, username, password, other_station=other_station, current=current
    )
    return apply_restore(prepared)


def _aside_folder(home: Path, now: datetime) -> Path:
    base = home / f"before-restore-{now:%Y%m%d-%H%M%S}"
    folder, n = base, 1
    while folder.exists():
        n += 1
        folder = base.with_name(f"{base.name}-{n}")
    folder.mkdir(mode=0o700)
    return folder


# ---- small helpers -------------------------------------------------------------------------------


def _bytes_digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _file_digest(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}
