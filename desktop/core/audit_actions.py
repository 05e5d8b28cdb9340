"""The actions written to the audit log: stable names the UI translates and reports count."""

from enum import StrEnum


class AuditAction(StrEnum):
    STATION_CREATED = "station.created"
    LOGIN = "user.login"
    LOGIN_FAILED = "user.login_failed"
    # The login-attempts file was deleted, damaged, replaced or rolled back since the last login.
    LOGIN_THROTTLE_RESET = "station.login_throttle_reset"
    LOGOUT = "user.logout"
    USER_ADDED = "user.added"
    USER_REMOVED = "user.removed"
    ROLE_CHANGED = "user.role_changed"
    ROLES_SIGNED = "station.roles_signed"  # the root key made and the roster first signed
    PASSWORD_CHANGED = "user.password_changed"
    PASSWORD_RESET = "user.password_reset"
    RECOVERY_KEY_USED = "station.recovery_key_used"
    KEY_ROTATED = "station.key_rotated"
    DATABASE_CHECKED = "station.database_checked"
    SETTINGS_CHANGED = "settings.changed"
    AUDIT_VERIFIED = "audit.verified"
    RECORD_CREATED = "record.created"
    RECORD_CHANGED = "record.changed"
    RECORD_VIEWED = "record.viewed"
    RECORD_COMPLETED = "record.completed"
    RECORD_APPROVED = "record.approved"
    RECORD_RETURNED = "record.returned"  # a supervisor's comment; the author amends
    RECORD_AMENDED = "record.amended"
    RECORD_VOIDED = "record.voided"
    RECORD_PRINTED = "record.printed"
    RECORD_EXPORTED = "record.exported"
    RECORD_ATTACHED = "record.attached"  # a file added: name, short hash, revision
    RECORD_DETACHED = "record.detached"  # a file removed with a reason
    ATTACHMENT_EXTRACTED = "record.attachment_extracted"  # decrypted out to a file (supervisor)
    RECORDS_EXPORTED = "records.exported"  # a filtered list to Excel/CSV: filters, format, count
    BACKUP_CREATED = "station.backup_created"
    BACKUP_RESTORED = "station.backup_restored"
    SYNC = "sync.session"
    RECORD_ACCEPTED = "record.accepted"  # the centre accepted the revision it received
    SYNC_ENROLLED = "sync.enrolled"
    # A supervisor declared to the centre that the data was restored from a backup.
    SYNC_RESTORE_DECLARED = "sync.restore_declared"
    PROFILE_CHANGED = "station.profile_changed"  # a new version of the Resolution 12 profile
    REPORT_SAVED = "report.saved"  # a periodic report's draft (its narrative) saved
    REPORT_SUBMITTED = "report.submitted"  # frozen: number, content hash
    REPORT_PRINTED = "report.printed"
