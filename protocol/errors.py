"""Every stable error code the server answers with, in one place both sides import."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Codes of `{"code": ..., "detail": ...}` answers and of rejected records; never renamed."""

    # Request shape and size.
    VALIDATION_ERROR = "VALIDATION_ERROR"
    MALFORMED_JSON = "MALFORMED_JSON"
    INVALID_UTF8 = "INVALID_UTF8"
    JSON_TOO_DEEP = "JSON_TOO_DEEP"
    BODY_TOO_LARGE = "BODY_TOO_LARGE"
    BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
    UNSUPPORTED_ENCODING = "UNSUPPORTED_ENCODING"
    BAD_GZIP = "BAD_GZIP"
    UNSUPPORTED_PROTOCOL_VERSION = "UNSUPPORTED_PROTOCOL_VERSION"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    # Authentication.
    AUTH_MISSING = "AUTH_MISSING"
    BAD_SIGNATURE = "BAD_SIGNATURE"
    UNKNOWN_DEVICE = "UNKNOWN_DEVICE"
    DEVICE_REVOKED = "DEVICE_REVOKED"
    CLOCK_SKEW = "CLOCK_SKEW"
    NONCE_REPLAYED = "NONCE_REPLAYED"
    RATE_LIMITED = "RATE_LIMITED"
    # Enrolment.
    ENROLMENT_CODE_INVALID = "ENROLMENT_CODE_INVALID"
    KEY_ALREADY_ENROLLED = "KEY_ALREADY_ENROLLED"
    BAD_PROOF = "BAD_PROOF"
    # Per-record push results.
    RECORD_SCHEMA = "RECORD_SCHEMA"
    RECORD_HASH_MISMATCH = "RECORD_HASH_MISMATCH"
    RECORD_TOO_DEEP = "RECORD_TOO_DEEP"
    UNKNOWN_FORM_VERSION = "UNKNOWN_FORM_VERSION"
    WRONG_STATION = "WRONG_STATION"
    RECORD_INVALID = "RECORD_INVALID"  # the values break their form's rules: see `problems`
    # The revision's signature is missing, invalid, or by someone who may not write it.
    AUTHOR_FORGED = "AUTHOR_FORGED"
    # A pushed roster whose root signature fails, or whose root key is not the one pinned.
    ROSTER_INVALID = "ROSTER_INVALID"
    # The station's audit chain against what the server anchored (docs/security.md).
    AUDIT_ROLLBACK = "AUDIT_ROLLBACK"  # the head went back below the anchored seq
    AUDIT_FORK = "AUDIT_FORK"  # the chain no longer holds the anchored entry
    RESTORE_DECLARATION_INVALID = "RESTORE_DECLARATION_INVALID"
    # The station's own refusal of an answer (never sent by the server).
    ANSWER_SIGNATURE_INVALID = "ANSWER_SIGNATURE_INVALID"
    # Periodic reports (`POST /api/v1/reports`).
    REPORT_SCHEMA = "REPORT_SCHEMA"
    REPORT_HASH_MISMATCH = "REPORT_HASH_MISMATCH"
    REPORT_CONFLICT = "REPORT_CONFLICT"
    # Offline bundles (`protocol.bundle`): why a bundle file was refused.
    BUNDLE_MALFORMED = "BUNDLE_MALFORMED"
    BUNDLE_UNSUPPORTED_VERSION = "BUNDLE_UNSUPPORTED_VERSION"
    BUNDLE_TRUNCATED = "BUNDLE_TRUNCATED"
    BUNDLE_TAMPERED = "BUNDLE_TAMPERED"
    BUNDLE_TOO_LARGE = "BUNDLE_TOO_LARGE"
    BUNDLE_FOREIGN = "BUNDLE_FOREIGN"
    BUNDLE_BAD_SIGNATURE = "BUNDLE_BAD_SIGNATURE"
    BUNDLE_UNDECRYPTABLE = "BUNDLE_UNDECRYPTABLE"
    BUNDLE_WRONG_STATION = "BUNDLE_WRONG_STATION"
    BUNDLE_ID_REUSED = "BUNDLE_ID_REUSED"  # another file under the id of a bundle imported before
    # ... and why a receipt of one was refused.
    RECEIPT_MALFORMED = "RECEIPT_MALFORMED"
    RECEIPT_UNSUPPORTED_VERSION = "RECEIPT_UNSUPPORTED_VERSION"
    RECEIPT_TOO_LARGE = "RECEIPT_TOO_LARGE"
    RECEIPT_BAD_SIGNATURE = "RECEIPT_BAD_SIGNATURE"
    RECEIPT_FOREIGN = "RECEIPT_FOREIGN"
    # Attachment blobs (`protocol.attachments`): refused for good, the station quarantines them.
    BLOB_TOO_LARGE = "BLOB_TOO_LARGE"
    BLOB_TYPE_REFUSED = "BLOB_TYPE_REFUSED"
    BLOB_HASH_MISMATCH = "BLOB_HASH_MISMATCH"  # the chunks do not hash to the blob's name
    BLOB_CONFLICT = "BLOB_CONFLICT"  # announced again with another size or media type
    # ... and refused until the station does the step it skipped.
    BLOB_UNKNOWN = "BLOB_UNKNOWN"  # a chunk or completion before the blob was announced
    BLOB_CHUNK_INVALID = "BLOB_CHUNK_INVALID"  # a chunk number or length that cannot be
    BLOB_INCOMPLETE = "BLOB_INCOMPLETE"  # completion asked with chunks still missing
    # Administration (CLI) and the server itself.
    STATION_NOT_FOUND = "STATION_NOT_FOUND"
    STATION_EXISTS = "STATION_EXISTS"
    DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND"
    RECORD_NOT_FOUND = "RECORD_NOT_FOUND"
    FORM_VERSION_EXISTS = "FORM_VERSION_EXISTS"
    FORM_DEFINITION_INVALID = "FORM_DEFINITION_INVALID"
    LAW_CATALOGUE_INVALID = "LAW_CATALOGUE_INVALID"
    LAW_VERSION_EXISTS = "LAW_VERSION_EXISTS"
    UNKNOWN_UNIT = "UNKNOWN_UNIT"
    # Console accounts (`cax-server user ...` and the console's sign-in).
    USER_EXISTS = "USER_EXISTS"
    USER_NOT_FOUND = "USER_NOT_FOUND"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    LOGIN_FAILED = "LOGIN_FAILED"
    LOGIN_THROTTLED = "LOGIN_THROTTLED"
    USER_DISABLED = "USER_DISABLED"
    BAD_ARGUMENT = "BAD_ARGUMENT"
    DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
    DATABASE_NOT_UPGRADED = "DATABASE_NOT_UPGRADED"
    DATABASE_TOO_NEW = "DATABASE_TOO_NEW"
    INTERNAL_ERROR = "INTERNAL_ERROR"
