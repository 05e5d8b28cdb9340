"""The server's tables (SQLAlchemy 2 declarative); the Alembic migrations must match them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from protocol.messages import ReviewDecision

# JSONB on PostgreSQL (indexable, compact), plain JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")
# SQLite only auto-numbers an INTEGER PRIMARY KEY, so BIGINT keys become INTEGER there.
BigId = BigInteger().with_variant(Integer(), "sqlite")
Timestamp = DateTime(timezone=True)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:
        # Every model maps one Table; SQLAlchemy types `__table__` as any FromClause, and the
        # services use Model.__table__ where Core wants a Table (inserts, updates).
        __table__: ClassVar[Table]


class AdminUnit(Base):
    """The administrative units (provinces and communes) registered by `db upgrade` from the
    bundled reference data; a station's code must be one of the communes."""

    __tablename__ = "admin_units"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    level: Mapped[str] = mapped_column(String(8))  # "province" or "commune"
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    province_code: Mapped[str] = mapped_column(String(8), index=True)  # a province's own code
    folded_name: Mapped[str] = mapped_column(String(200))  # accent-free, for search


class Station(Base):
    __tablename__ = "stations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    # The province the unit belongs to: what a console user's province scope matches.
    province_code: Mapped[str | None] = mapped_column(String(8), index=True)


class StationRoster(Base):
    """The latest roster a station's root key signed, and that root key, pinned at first sight:
    a roster signed by any other key is refused (docs/security.md, "Roles and authorship")."""

    __tablename__ = "station_rosters"
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    root_public_key: Mapped[str] = mapped_column(String(44))
    seq: Mapped[int] = mapped_column(BigInteger)
    roster: Mapped[dict[str, Any]] = mapped_column(JsonType)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)


class StationUserKey(Base):
    """Each station user's signing key, certified by the station's root key in a roster."""

    __tablename__ = "station_user_keys"
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(128), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(44), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    # The roster sequence number that first certified the key.
    certified_seq: Mapped[int] = mapped_column(BigInteger)
    certified_at: Mapped[datetime] = mapped_column(Timestamp)


class EnrolmentCode(Base):
    """Only the SHA-256 of a code is kept; `used_at` is set atomically by the one request it admits."""

    __tablename__ = "enrolment_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    expires_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds: compared in SQL
    used_at: Mapped[datetime | None] = mapped_column(Timestamp)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(44), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    enrolled_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp)
    revoke_reason: Mapped[str | None] = mapped_column(String(500))
    last_seen_at: Mapped[datetime | None] = mapped_column(Timestamp)
    # Fixed-window rate limit kept in the row, so every worker and server shares it.
    rate_window: Mapped[int] = mapped_column(BigInteger, default=0)
    rate_count: Mapped[int] = mapped_column(Integer, default=0)
    # Bundles this device's uploads opened in the current hour (`POST /api/v1/bundles`).
    bundle_window: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    bundle_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class UsedNonce(Base):
    """A nonce is remembered until its request could no longer pass the timestamp check."""

    __tablename__ = "used_nonces"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


class FormVersion(Base):
    """Form versions the server knows; a record of any other version is rejected."""

    __tablename__ = "form_versions"
    form_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition: Mapped[dict[str, Any]] = mapped_column(JsonType)
    published_at: Mapped[datetime] = mapped_column(Timestamp)


class CentreStatus(StrEnum):
    """A record's review status at the centre: submitted until reviewed, then the decision of its
    review; deleted once it was voided at its station (nothing left to review)."""

    SUBMITTED = "submitted"
    ACCEPTED = ReviewDecision.ACCEPTED.value
    RETURNED = ReviewDecision.RETURNED.value
    DELETED = "deleted"


class Record(Base):
    """The head of each record: its latest stored revision, its review status, who owns it.

    No foreign keys on the two record tables: they are the hot, partitionable ones, and the
    service checks the station itself."""

    __tablename__ = "records"
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    station_id: Mapped[int] = mapped_column(Integer)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # a CentreStatus
    deleted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    # The projection of the head revision, made by the shared domain code at ingest, so lists
    # and search never parse values: title, event date, commune, accent-folded search text.
    title: Mapped[str | None] = mapped_column(Text)
    event_date: Mapped[date | None] = mapped_column(Date)
    commune_code: Mapped[str | None] = mapped_column(String(8))
    search_text: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index(None, "station_id", "updated_at"),
        Index(None, "form_id", "form_version"),
        Index(None, "status"),
        Index(None, "received_at"),
        Index(None, "station_id", "received_at"),
        Index(None, "event_date"),
        # The console's "waiting for review" counts per station: only the submitted heads.
        Index(
            "ix_records_submitted",
            "station_id",
            postgresql_where=text(f"status = '{CentreStatus.SUBMITTED}'"),
            sqlite_where=text(f"status = '{CentreStatus.SUBMITTED}'"),
        ),
        # PostgreSQL full text over the folded text ("nguyen van duc" finds "Nguyễn Văn Đức").
        Index(
            "ix_records_search",
            func.to_tsvector(
                literal_column("'simple'"), func.coalesce(literal_column("search_text"), "")
            ),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )


class RecordReview(Base):
    """Every review decision on a record, kept and never edited (the head keeps only the latest)."""

    __tablename__ = "record_reviews"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    revision: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[datetime] = mapped_column(Timestamp)


class RecordRevisionRow(Base):
    """Every revision ever stored, never updated: the record's full history."""

    __tablename__ = "record_revisions"
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(128))
    field_values: Mapped[dict[str, Any]] = mapped_column(JsonType)
    content_hash: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean)
    delete_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    # Protocol version 2 (migration s0014): facts of the revision outside its content hash.
    document_number: Mapped[str | None] = mapped_column(String(48))
    amendment_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index(None, "station_id", "received_at"),)


class Conflict(Base):
    """A revision that clashed with a stored one (same id and revision, other content), kept aside."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    revision: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    station_id: Mapped[int] = mapped_column(Integer, index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    resolved_at: Mapped[datetime | None] = mapped_column(Timestamp)
    __table_args__ = (UniqueConstraint("record_id", "revision", "content_hash"),)


class PushReceipt(Base):
    """One row per accepted batch, with the station's audit-chain head at the time."""

    __tablename__ = "push_receipts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    station_id: Mapped[int] = mapped_column(Integer, index=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    record_count: Mapped[int] = mapped_column(Integer)
    stored: Mapped[int] = mapped_column(Integer)
    duplicate: Mapped[int] = mapped_column(Integer)
    conflict: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)
    audit_hash: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("device_id", "batch_id"),
        # The console's sync health: the alert window, each device's previous audit head, and
        # the rare batches with rejections.
        Index(None, "received_at"),
        Index(None, "device_id", "id"),
        Index(
            "ix_push_receipts_rejected",
            "station_id",
            "received_at",
            postgresql_where=text("rejected > 0"),
            sqlite_where=text("rejected > 0"),
        ),
    )


class AuditAnchor(Base):
    """Per device, the audit heads the server holds (docs/security.md, "Audit anchored at the
    centre"): `latest` is the last head a push carried; `confirmed` the last one the station
    proved it knows (it learns an anchor from an answer, which may be lost on the way)."""

    __tablename__ = "audit_anchors"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    station_id: Mapped[int] = mapped_column(Integer)
    latest_seq: Mapped[int] = mapped_column(BigInteger)
    latest_hash: Mapped[str] = mapped_column(String(64))
    confirmed_seq: Mapped[int | None] = mapped_column(BigInteger)
    confirmed_hash: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(Timestamp)


class AuditAlert(Base):
    """Evidence of a refused audit head (`rollback`, `fork`) or of a supervisor's declared
    restore (`declared_restore`, with the signed declaration): what was anchored, what came."""

    __tablename__ = "audit_alerts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    station_id: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(32))
    anchored_seq: Mapped[int | None] = mapped_column(BigInteger)
    anchored_hash: Mapped[str | None] = mapped_column(String(64))
    offered_seq: Mapped[int | None] = mapped_column(BigInteger)
    offered_hash: Mapped[str | None] = mapped_column(String(64))
    # A declared restore: its id (accepted once), reason, supervisor and the signed JSON.
    declaration_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str | None] = mapped_column(Text)
    supervisor: Mapped[str | None] = mapped_column(String(128))
    declaration: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    __table_args__ = (
        UniqueConstraint("declaration_id"),
        Index(None, "station_id", "created_at"),
        Index(None, "created_at"),
    )


class Update(Base):
    """The pull feed: `cursor` grows with commit order (writers serialise, see services.feed)."""

    __tablename__ = "updates"
    cursor: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    station_id: Mapped[int | None] = mapped_column(Integer)  # NULL: for every station
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    __table_args__ = (Index(None, "station_id", "cursor"),)


class ServerKey(Base):
    """The server's own key pairs (Ed25519 `signing`, X25519 `box`), shared by every app server."""

    __tablename__ = "server_keys"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    private_key: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class BundleImport(Base):
    """The first import of each offline bundle: which file (by hash) brought which batch, when,
    and the signed receipt that answered it.

    The same file uploaded again is answered with `receipt` as stored, without a second import."""

    __tablename__ = "bundle_imports"
    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    station_id: Mapped[int] = mapped_column(Integer, index=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    imported_at: Mapped[datetime] = mapped_column(Timestamp)
    record_count: Mapped[int] = mapped_column(Integer)
    stored: Mapped[int] = mapped_column(Integer)
    duplicate: Mapped[int] = mapped_column(Integer)
    conflict: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    # The receipt file's bytes; NULL for imports made before migration s0010.
    receipt: Mapped[bytes | None] = mapped_column(LargeBinary)


class StationReport(Base):
    """A periodic report a station submitted: its frozen document, stored once and never changed."""

    __tablename__ = "station_reports"
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    period_code: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(32))
    submitted_at: Mapped[datetime] = mapped_column(Timestamp)
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(JsonType)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    __table_args__ = (Index(None, "station_id", "period_code"),)


class StationReportConflict(Base):
    """Another content sent under a stored report's id: kept aside for review, once per hash."""

    __tablename__ = "station_report_conflicts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    station_id: Mapped[int] = mapped_column(Integer)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    content_hash: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    received_at: Mapped[datetime] = mapped_column(Timestamp)
    __table_args__ = (UniqueConstraint("station_id", "report_id", "content_hash"),)


class ConsoleAccount(Base):
    """A centre account of the web console; `cax-server user add` creates it, nothing deletes it.

    The TOTP secret is shown once, on the enrolment page, and never again once enrolled; the
    failure counters live here so every worker throttles the same way."""

    __tablename__ = "console_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # admin | reviewer | viewer
    scope_kind: Mapped[str] = mapped_column(String(16))  # all | province | station
    scope_code: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id$params$salt$hash
    totp_secret: Mapped[str | None] = mapped_column(String(64))  # base32
    totp_enrolled: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_last_step: Mapped[int] = mapped_column(BigInteger, default=0)  # refuses a reused code
    disabled_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    password_changed_at: Mapped[datetime] = mapped_column(Timestamp)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(Timestamp)
    locked_until: Mapped[datetime | None] = mapped_column(Timestamp)


class ConsoleSession(Base):
    """A signed-in browser: only the SHA-256 of its cookie's token is stored.

    `stage` is "password" between the two factors, "enrol" while the TOTP is being set up and
    "ok" once signed in; only "ok" opens the pages."""

    __tablename__ = "console_sessions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_users.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    last_seen_at: Mapped[datetime] = mapped_column(Timestamp)
    expires_at: Mapped[datetime] = mapped_column(Timestamp, index=True)


class ConsoleAuditEntry(Base):
    """The console's audit log: entry n stores sha256 of its fields and entry n-1's hash."""

    __tablename__ = "console_audit"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(Timestamp, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JsonType)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Blob(Base):
    """An attachment's bytes as one station sent them, by content hash (protocol.attachments).

    Scoped to the station: the same bytes sent by two stations are two blobs, so no station can
    learn whether another holds a file, nor read or complete another's upload. `complete` is set
    once the chunks were checked against `sha256` and `size`."""

    __tablename__ = "blobs"
    __table_args__ = (UniqueConstraint("station_id", "sha256"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    station_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    completed_at: Mapped[datetime | None] = mapped_column(Timestamp)


class BlobChunk(Base):
    """One chunk (CHUNK_SIZE bytes, the last one shorter) of a blob; its key makes a chunk sent
    twice a no-op."""

    __tablename__ = "blob_chunks"
    blob_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("blobs.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RevisionAttachment(Base):
    """The files a stored revision lists (its `attachments` on the wire), in order: what the
    console shows of a record, and which blobs of its station a revision points at."""

    __tablename__ = "revision_attachments"
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127))
    name: Mapped[str] = mapped_column(String(255))
    field_path: Mapped[str | None] = mapped_column(String(255))
