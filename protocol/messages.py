"""Pydantic schemas of every message on the wire (JSON bodies of requests and answers)."""

from __future__ import annotations

import base64
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from protocol import PROTOCOL_VERSION
from protocol.attachments import MAX_ATTACHMENTS, AttachmentRef, hashed_list
from protocol.canonical import (
    canonical_json,
    content_hash_with_values,
    document_hash,
    metadata_document,
)
from protocol.errors import ErrorCode
from protocol.signing import verify_signature

# A batch bigger than this is refused whole (BATCH_TOO_LARGE); split it on the station.
MAX_BATCH_RECORDS = 10_000

# Every free-text string on the wire: U+0000 is refused here, before it can reach a database
# (PostgreSQL text cannot hold it) or a log. Strings with a stricter pattern exclude it already.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NO_NUL)]
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Base64Key = Annotated[str, Field(min_length=43, max_length=44, pattern=r"^[A-Za-z0-9+/]{43}=?$")]
StationCode = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
FormId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]
ProtocolVersion = Annotated[int, Field(ge=0, le=1_000_000)]
# A place in the centre's feed of updates (`PullResponse.next_cursor`), as the pull's query takes.
Cursor = Annotated[int, Field(ge=0, le=2**62)]
Signature = Annotated[str, Field(min_length=86, max_length=88, pattern=r"^[A-Za-z0-9+/]{86}(==)?$")]


class WireModel(BaseModel):
    """Unknown fields are refused: a field the server dropped would be data silently lost."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorBody(WireModel):
    code: ErrorCode
    detail: Text


class HealthResponse(WireModel):
    status: Literal["ok"] = "ok"
    server_time: AwareDatetime
    # Unix seconds, for clients that correct their clock by the offset (see docs/protocol.md).
    server_timestamp: float
    version: Text
    protocol_version: int = PROTOCOL_VERSION
    min_protocol_version: int
    max_protocol_version: int


# --- Signed roles (docs/security.md, "Roles and authorship") ------------------------------


class RosterUser(WireModel):
    """One user's grant inside a station roster: role, status and the keys that are theirs."""

    username: Text = Field(min_length=1, max_length=128)
    role: Literal["officer", "supervisor"]
    status: Literal["active", "removed"]
    # The X25519 public key of the user's key slot (empty once the user is removed).
    slot_public_key: Text = Field(max_length=44)
    # Every Ed25519 key ever certified for the user, current last: older revisions and audit
    # entries stay verifiable after a password reset gives the user a new key.
    signing_keys: list[Base64Key] = Field(max_length=64)


class RosterBody(WireModel):
    """What a station's root key signs: every user's grant, under one sequence number."""

    format: Literal["cax-roster/1"] = "cax-roster/1"
    station_id: Text = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1, le=2**62)
    root_public_key: Base64Key
    # Audit entries from this sequence number on are signed by their writer.
    audit_signed_from: int = Field(ge=1, le=2**62)
    users: list[RosterUser] = Field(max_length=10_000)


class SignedRoster(WireModel):
    body: RosterBody
    signature: Signature


# --- Enrolment -----------------------------------------------------------------------------


class EnrollRequest(WireModel):
    protocol_version: ProtocolVersion = PROTOCOL_VERSION
    code: Text = Field(min_length=1, max_length=64)
    public_key: Base64Key
    device_name: Text = Field(min_length=1, max_length=128)
    # Ed25519 signature by the new key over `protocol.signing.enrolment_message(code, public_key)`.
    proof: Text = Field(min_length=1, max_length=128)
    # The station's signed roster: enrolment (by a supervisor, with the centre's code) pins the
    # station's root key before any push could.
    roster: SignedRoster | None = None


class StationInfo(WireModel):
    code: Text
    name: Text


class EnrollResponse(WireModel):
    device_id: UUID
    station: StationInfo
    server_signing_key: Text
    server_box_key: Text
    protocol_version: int = PROTOCOL_VERSION
    server_time: AwareDatetime


# --- Push ----------------------------------------------------------------------------------


class RecordRevision(WireModel):
    """One revision of one record, exactly as the station stores it."""

    record_id: UUID
    revision: Version
    station_code: StationCode
    form_id: FormId
    form_version: Version
    author: Text = Field(min_length=1, max_length=128)
    created_at: AwareDatetime
    updated_at: AwareDatetime
    deleted: bool = False
    delete_reason: Text | None = Field(default=None, max_length=1000)
    values: dict[str, Any]
    content_hash: Sha256Hex
    device_seq: int = Field(ge=0, le=2**62)
    # Who made this revision and their Ed25519 signature over `protocol.authorship`'s digest of
    # it; absent only from stations whose roles are not signed yet (docs/security.md).
    signed_by: Text | None = Field(default=None, min_length=1, max_length=128)
    signature: Signature | None = None
    # Version 2: the record's official number (given at completion, e.g. "12/BB-TTCS") and, for an
    # amendment, the reason the author gave. Facts about the revision, not its content: not in
    # the content hash, so a revision hashes the same whichever version carried it.
    document_number: Text | None = Field(default=None, min_length=1, max_length=48)
    amendment_reason: Text | None = Field(default=None, min_length=1, max_length=1000)
    # The files that are part of this revision (their bytes travel as blobs afterwards); absent
    # from stations without attachments, and then left out of the hash (docs/protocol.md).
    attachments: list[AttachmentRef] | None = Field(default=None, max_length=MAX_ATTACHMENTS)

    def expected_hash(self) -> str:
        """The content hash this revision must carry (see `protocol.canonical`)."""
        return content_hash_with_values(self.hashed_document(), canonical_json(self.values))

    def hashed_document(self) -> dict[str, Any]:
        """What the content hash covers besides `values`: the metadata and the attachments."""
        document = self.metadata_document()
        listed = hashed_list(self.attachments)
        return {**document, "attachments": listed} if listed else document

    def metadata_document(self) -> dict[str, Any]:
        """The metadata the author's signature covers (attachments are added to a revision
        after it is signed, so the signature leaves them to the content hash)."""
        return metadata_document(
            record_id=str(self.record_id),
            revision=self.revision,
            station_code=self.station_code,
            form_id=self.form_id,
            form_version=self.form_version,
            author=self.author,
            created_at=self.created_at,
            updated_at=self.updated_at,
            deleted=self.deleted,
            delete_reason=self.delete_reason,
        )


class AuditHead(WireModel):
    """The head of the station's audit chain when the batch was made, kept as tamper evidence."""

    seq: int = Field(ge=0, le=2**62)
    hash: Sha256Hex


class RestoreDeclaration(WireModel):
    """A supervisor's statement that the station's data was restored from a backup, so its audit
    chain went back on purpose: the head right after the restore, why, and who.

    `supervisor_signature` is by `signed_by` (the supervisor, or `@root` for a recovery-key
    session) with a key the station's signed roster certifies for them, over
    `supervisor_bytes()`; `signature` is the device key's over `signed_bytes()`, which covers the
    supervisor's signature too. The server accepts the rewound head once per declaration
    (docs/security.md, "Audit anchored at the centre")."""

    declaration_id: UUID
    station_code: StationCode
    device_id: UUID
    head: AuditHead
    reason: Text = Field(min_length=1, max_length=500)
    supervisor: Text = Field(min_length=1, max_length=128)
    declared_at: Text = Field(min_length=1, max_length=64)  # ISO time, kept as the station wrote it
    signed_by: Text | None = Field(default=None, max_length=128)
    supervisor_signature: Text = Field(default="", max_length=128)
    signature: Text = Field(default="", max_length=128)

    def signed_bytes(self) -> bytes:
        """A prefix, then the canonical JSON of every field but the device's signature."""
        document = self.model_dump(mode="json", exclude={"signature"})
        return b"CAX-RESTORE-1\n" + canonical_json(document)

    def supervisor_bytes(self) -> bytes:
        """What the supervisor signs: every field but the two signatures, under its own prefix
        (so neither signature can stand for the other)."""
        document = self.model_dump(mode="json", exclude={"signature", "supervisor_signature"})
        return b"cax-restore-supervisor/1\n" + canonical_json(document)

    def signed_as(self, signer: str, key: Ed25519PrivateKey) -> RestoreDeclaration:
        """Signed by `signer`'s personal key (sign with the device key after this)."""
        named = self.model_copy(update={"signed_by": signer, "signature": ""})
        signature = base64.b64encode(key.sign(named.supervisor_bytes())).decode("ascii")
        return named.model_copy(update={"supervisor_signature": signature})

    def signed_with(self, key: Ed25519PrivateKey) -> RestoreDeclaration:
        signature = base64.b64encode(key.sign(self.signed_bytes())).decode("ascii")
        return self.model_copy(update={"signature": signature})

    def verify(self, public_key: Ed25519PublicKey | bytes) -> bool:
        return verify_signature(public_key, self.signed_bytes(), self.signature)


class PushRequest(WireModel):
    """A batch of revisions; sent gzip-compressed (`Content-Encoding: gzip`).

    `audit_anchor` is the station's audit entry at the seq the server last anchored (the
    `anchored_seq` of an earlier answer): proof that the chain still holds what was anchored."""

    protocol_version: ProtocolVersion = PROTOCOL_VERSION
    batch_id: UUID
    audit_head: AuditHead | None = None
    # The station's signed roster: the server learns (and pins) who may sign revisions.
    roster: SignedRoster | None = None
    audit_anchor: AuditHead | None = None
    restore: RestoreDeclaration | None = None
    # The station's pull cursor (protocol 4): the answer then says whether updates wait after it.
    pull_cursor: Cursor | None = None
    records: list[RecordRevision] = Field(max_length=MAX_BATCH_RECORDS)


class PushStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class RecordProblem(WireModel):
    """One blocking problem the server's validation found: the field's path and the message code
    (the codes of `domain.validation.codes`, which the station translates)."""

    path: Text = Field(max_length=300)
    code: Text = Field(max_length=64)


class RecordResult(WireModel):
    """The answer for records[index]; `code` is set when the record was rejected, and `problems`
    when it was rejected as RECORD_INVALID."""

    index: int
    record_id: Text | None
    revision: int | None
    status: PushStatus
    code: ErrorCode | None = None
    detail: Text | None = None
    problems: list[RecordProblem] | None = None
    # For a revision listing attachments: whether the server holds all their bytes already
    # (False until the blob upload that follows the push completes them).
    attachments_complete: bool | None = None


class PushResponse(WireModel):
    batch_id: UUID
    stored: int
    duplicate: int
    conflict: int
    rejected: int
    results: list[RecordResult]
    # The audit seq the server now holds for this device: the next push proves its entry there.
    anchored_seq: int | None = None
    # Given only when the push sent its `pull_cursor`: whether updates for the station wait after
    # it as the batch was stored. False lets the station skip its pull request this session.
    # Left out of the JSON when not given, as a station before protocol 4 refuses unknown fields.
    feed_waiting: bool | None = Field(default=None, exclude_if=lambda given: given is None)


# --- Pull ----------------------------------------------------------------------------------


class UpdateKind(StrEnum):
    FORM_VERSION = "form_version"
    REFERENCE_DATA = "reference_data"
    REVIEW_DECISION = "review_decision"
    REVOCATION = "revocation"
    LAW_CATALOGUE = "law_catalogue"


class LawCataloguePayload(WireModel):
    """A whole legal catalogue (the JSON of resources/law/catalogue.json) under its version."""

    version: Text
    catalogue: dict[str, Any]


class FormVersionPayload(WireModel):
    form_id: Text
    version: int
    definition: dict[str, Any]


class ReferenceDataPayload(WireModel):
    dataset: Text
    version: int
    items: list[Any]


class ReviewDecision(StrEnum):
    ACCEPTED = "accepted"
    RETURNED = "returned"


class ReviewDecisionPayload(WireModel):
    record_id: UUID
    revision: int
    decision: ReviewDecision
    comment: Text
    reviewer: Text


class RevocationPayload(WireModel):
    device_id: UUID
    revoked_at: datetime
    reason: Text


class PullUpdate(WireModel):
    """One update; `payload` has the shape of the `*Payload` model named by `kind`."""

    cursor: int
    kind: UpdateKind
    created_at: datetime
    payload: dict[str, Any]


class PullResponse(WireModel):
    updates: list[PullUpdate]
    # Pass this back as `cursor` next time; it never moves backwards.
    next_cursor: int
    has_more: bool


# --- Periodic reports ----------------------------------------------------------------------


class ReportSubmission(WireModel):
    """A submitted periodic report, exactly as the station froze it (docs/reports.md).

    `content_hash` is the SHA-256 of the canonical JSON of `document` — the frozen JSON the
    station stores and prints under the report — so the server can check it was not altered."""

    protocol_version: ProtocolVersion = PROTOCOL_VERSION
    report_id: UUID
    station_code: StationCode
    period_code: Text = Field(min_length=1, max_length=32)
    number: Text = Field(min_length=1, max_length=32)  # the document number, e.g. "05/BC"
    submitted_at: AwareDatetime
    content_hash: Sha256Hex
    document: dict[str, Any]
    # Version 2: a supervisor chose to replace the copy the centre answered `conflict` with, whose
    # hash this is. The centre replaces it only if it still holds exactly that hash (the replaced
    # copy is kept aside); otherwise the answer is `conflict` again.
    replaces: Sha256Hex | None = None

    def expected_hash(self) -> str:
        return document_hash(self.document)


class ReportStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # the same report with the same hash was already stored
    CONFLICT = "conflict"  # the same report id with other content: kept aside, never overwritten


class ReportResult(WireModel):
    report_id: UUID
    status: ReportStatus
    # The hash the server holds for this report (the first one it received).
    stored_hash: Sha256Hex
