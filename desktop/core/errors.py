"""The station app's errors, on the shared root `domain.errors.AppError`: a stable code and parameters."""

from __future__ import annotations

from domain.errors import AppError, InvalidInput, UnknownForm

__all__ = [
    "AppError",
    "InvalidInput",
    "UnknownForm",
]  # the shared root, re-exported for the station


class StationNotFound(AppError):
    code = "STATION_NOT_FOUND"


class StationExists(AppError):
    code = "STATION_EXISTS"


class WrongPassword(AppError):
    code = "WRONG_PASSWORD"


class UnknownUser(AppError):
    code = "UNKNOWN_USER"


class UserRemoved(AppError):
    code = "USER_REMOVED"


class UserExists(AppError):
    code = "USER_EXISTS"


class LoginThrottled(AppError):
    """Too many wrong passwords: the next try is allowed after `retry_after` seconds."""

    code = "LOGIN_THROTTLED"


class WrongRecoveryKey(AppError):
    code = "WRONG_RECOVERY_KEY"


class KeyFileUnreadable(AppError):
    code = "KEYFILE_UNREADABLE"


class KeyFileTampered(AppError):
    code = "KEYFILE_TAMPERED"


class RoleTampered(AppError):
    """A user's role, status or keys do not match the roster the station's root key signed:
    someone with the data key edited them. Nothing is granted; `reason` says which check."""

    code = "ROLE_TAMPERED"


class DatabaseCorrupt(AppError):
    code = "DATABASE_CORRUPT"


class DatabaseLocked(AppError):
    code = "DATABASE_LOCKED"


class DatabaseTooNew(AppError):
    """The database was written by a newer CAX Desk than this one."""

    code = "DATABASE_TOO_NEW"


class PermissionDenied(AppError):
    code = "PERMISSION_DENIED"


class WeakPassword(AppError):
    code = "WEAK_PASSWORD"


class LastSupervisor(AppError):
    """The action would leave the station without an active supervisor."""

    code = "LAST_SUPERVISOR"


class RecordNotFound(AppError):
    code = "RECORD_NOT_FOUND"


class LawEntryNotFound(AppError):
    """No catalogue entry has this id, or none matches these words (on that date)."""

    code = "LAW_NOT_FOUND"


class RecordStateError(AppError):
    """The record's status does not allow this (e.g. editing an approved record without amending)."""

    code = "RECORD_STATE"


class SelfApprovalRefused(AppError):
    """A supervisor tried to approve their own record while another supervisor can review it."""

    code = "SELF_APPROVAL"


class ReasonRequired(AppError):
    code = "REASON_REQUIRED"


class ValidationFailed(AppError):
    """`problems` lists every blocking problem as dicts (path, severity, code, params)."""

    code = "VALIDATION_FAILED"


class BackupDamaged(AppError):
    """The backup file is truncated, altered or not a CAX Desk backup; `reason` says which check."""

    code = "BACKUP_DAMAGED"


class BackupOtherStation(AppError):
    """The backup belongs to another station; restoring it needs an explicit choice."""

    code = "BACKUP_OTHER_STATION"


class CurrentLoginRequired(AppError):
    """Replacing an existing station with a backup needs a supervisor's password of the station
    there now (or its recovery key), not only one of the backup."""

    code = "CURRENT_LOGIN_REQUIRED"


# ---- sync with the centre ---------------------------------------------------------------------


class SyncNotEnrolled(AppError):
    """The station has no enrolment with a server yet: a supervisor enrols it first."""

    code = "SYNC_NOT_ENROLLED"


class ServerUnreachable(AppError):
    """No answer from the server (offline, wrong address, link down): sync retries later."""

    code = "SERVER_UNREACHABLE"


class ServerUnavailable(AppError):
    """The server answered but kept failing (busy, restarting, its database down)."""

    code = "SERVER_UNAVAILABLE"


class TlsUntrusted(AppError):
    """The server's certificate is not signed by the CA pinned at enrolment (or not for its name)."""

    code = "TLS_UNTRUSTED"


class InsecureTransport(AppError):
    """The server's address is plain `http://` to another computer (records would travel
    unencrypted), or `http://` together with a CA to pin. `reason`: plain_http / ca_over_http."""

    code = "INSECURE_TRANSPORT"


class CertificateInvalid(AppError):
    """A CA certificate file given for enrolment is not a PEM certificate."""

    code = "CERTIFICATE_INVALID"


class EnrolmentCodeInvalid(AppError):
    """The one-time code is unknown, already used or expired."""

    code = "ENROLMENT_CODE_INVALID"


class DeviceNotAuthorised(AppError):
    """The server no longer accepts this device (revoked or unknown): enrol again."""

    code = "DEVICE_NOT_AUTHORISED"


class StationMismatch(AppError):
    """The enrolment code belongs to another station than this one."""

    code = "STATION_MISMATCH"


class ServerRefused(AppError):
    """The server refused the request with `server_code` (see protocol/errors.py)."""

    code = "SERVER_REFUSED"


class AuditRefused(AppError):
    """The centre refused the station's audit log: it went back (AUDIT_ROLLBACK), no longer holds
    what the centre anchored (AUDIT_FORK), or a restore declaration was refused
    (RESTORE_DECLARATION_INVALID). Nothing was stored; a supervisor must declare a restore."""

    code = "AUDIT_ROLLBACK"

    def __init__(self, code: str = "AUDIT_ROLLBACK", **params: object) -> None:
        self.code = code
        super().__init__(**params)


class AnswerSignatureInvalid(AppError):
    """An answer did not carry the server's signature under the key pinned at enrolment: it was
    altered on the way, or comes from another server. Nothing was taken from it."""

    code = "ANSWER_SIGNATURE_INVALID"


class SyncRunning(AppError):
    """A sync is already running in this program."""

    code = "SYNC_RUNNING"


class SyncBusy(AppError):
    """Another program (the app or `cax`) holds this station's sync lock: `user` started it at
    `since` (local dd/mm/yyyy HH:MM) from `program`."""

    code = "SYNC_BUSY"


class ReportNotFound(AppError):
    code = "REPORT_NOT_FOUND"


class ReportSubmitted(AppError):
    """The periodic report was submitted: its figures and text are frozen."""

    code = "REPORT_SUBMITTED"


class BundleRefused(AppError):
    """An offline bundle or receipt file was refused. The code is the protocol's own reason
    (`BUNDLE_*` / `RECEIPT_*` in protocol/errors.py, or BUNDLE_FILE_UNREADABLE/UNWRITABLE), so
    station and server name a bad file alike; `detail` is English for the log only."""

    code = "BUNDLE_REFUSED"

    def __init__(self, code: str = "BUNDLE_REFUSED", **params: object) -> None:
        self.code = code
        super().__init__(**params)


class PrintingUnavailable(AppError):
    """This program was built without Qt's printing (the command-line bundle): print from the app."""

    code = "PRINTING_UNAVAILABLE"


class DiskFull(AppError):
    """The disk (or the USB stick) holding `path` is full: what was being written was not kept,
    and what was saved before is intact (SQLite rolls the transaction back)."""

    code = "DISK_FULL"


class FileUnwritable(AppError):
    """A file the user asked for (PDF, export, backup) could not be written at `path`: nothing
    was recorded."""

    code = "FILE_UNWRITABLE"


class UnknownUnit(AppError):
    """A station code that is not the 5-digit code of a commune, ward or special zone."""

    code = "UNKNOWN_UNIT"


class UnitWithoutPolice(AppError):
    """A unit with no commune police (the Hoàng Sa and Trường Sa special zones)."""

    code = "UNIT_WITHOUT_POLICE"


class AttachmentUnreadable(AppError):
    """The file to attach (`path`) could not be opened or read: nothing was stored."""

    code = "ATTACHMENT_UNREADABLE"


class AttachmentTypeRefused(AppError):
    """The file's content (not its name) is none of JPEG, PNG, HEIC or PDF."""

    code = "ATTACHMENT_TYPE_REFUSED"


class AttachmentTypeMismatch(AppError):
    """The file's name says one type (`named`) and its content is another (`content`)."""

    code = "ATTACHMENT_TYPE_MISMATCH"


class AttachmentTooLarge(AppError):
    """One file over the station's per-file limit (`limit_mb`)."""

    code = "ATTACHMENT_TOO_LARGE"


class AttachmentRecordFull(AppError):
    """The record's attachments would go over the per-record limit (`limit_mb`)."""

    code = "ATTACHMENT_RECORD_FULL"


class AttachmentImageTooBig(AppError):
    """An image of more pixels than any camera or scanner makes (a decompression bomb)."""

    code = "ATTACHMENT_IMAGE_TOO_BIG"


class AttachmentDamaged(AppError):
    """A truncated or otherwise undecodable image or PDF."""

    code = "ATTACHMENT_DAMAGED"


class AttachmentPdfUnsafe(AppError):
    """A PDF with scripts, automatic actions, launched programs, embedded files, encryption, or
    objects the scan cannot read (`feature`: the names found)."""

    code = "ATTACHMENT_PDF_UNSAFE"


class AttachmentNotFound(AppError):
    """No current attachment of the record `record` has the name `name`."""

    code = "ATTACHMENT_NOT_FOUND"


class AttachmentCorrupt(AppError):
    """A stored blob whose chunks no longer hash to its SHA-256 (`sha256`)."""

    code = "ATTACHMENT_CORRUPT"
